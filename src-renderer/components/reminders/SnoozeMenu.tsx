import { useId, useRef, useState } from 'react';
import type { ReminderDto } from '../../../src-main/shared/contract';
import { SNOOZE_LABELS, snoozeChoices } from '../../lib/reminders';
import { useAppStore } from '../../store/AppStoreProvider';

type Props = { reminder: ReminderDto; now: number };

/**
 * Snooze as a disclosure (a button that shows a short list of buttons), not an ARIA menu: Tab and
 * Enter are all it takes, and nothing moves focus on its own. Choices already past are left out.
 */
export function SnoozeMenu({ reminder, now }: Props) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const snoozeReminder = useAppStore((s) => s.snoozeReminder);
  const choices = snoozeChoices(reminder, now);
  if (choices.length === 0) return null;
  return (
    <div
      className="snooze"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        // Handled: the window's Escape shortcut must not also act on what is behind.
        e.preventDefault();
        setOpen(false);
        toggle.current?.focus();
      }}
      onBlur={(e) => {
        // Focus left the button and its list (a click elsewhere, Tab past the last choice).
        if (!e.currentTarget.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="button"
        data-testid="reminder-snooze"
        aria-expanded={open}
        aria-controls={listId}
        aria-label={`Snooze the reminder for ${reminder.name}`}
        onClick={() => setOpen(!open)}
      >
        Snooze ▾
      </button>
      {open && (
        <ul id={listId} className="snooze__list" aria-label="Snooze">
          {choices.map((choice) => (
            <li key={choice}>
              <button
                type="button"
                className="snooze__choice"
                data-testid={`snooze-${choice}`}
                onClick={() => {
                  setOpen(false);
                  void snoozeReminder(reminder.meetingId, choice);
                }}
              >
                {SNOOZE_LABELS[choice]}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
