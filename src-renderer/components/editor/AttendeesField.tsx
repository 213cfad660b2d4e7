import { useState } from 'react';
import type { Attendee } from '../../../src-main/shared/meetings-api-types';
import { attendeeKey, attendeeLabel, parseAttendee } from '../../lib/attendees';
import { errorIdFor, FieldError } from './FieldError';

type Props = {
  baseId: string;
  attendees: Attendee[];
  errors: readonly string[] | undefined;
  /** The window's own user id, shown as "You". */
  selfId: number | undefined;
  onChange: (attendees: Attendee[]) => void;
};

/** Attendees as chips: a user id or an e-mail, each checked here before it becomes a chip. */
export function AttendeesField({ baseId, attendees, errors, selfId, onChange }: Props) {
  const [text, setText] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const messages = localError ? [localError, ...(errors ?? [])] : errors;
  const errorId = errorIdFor(baseId, 'attendees', messages);

  function add() {
    // Several at once: "7, ana@example.com bob@example.com".
    const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
    if (parts.length === 0) return;
    const next = [...attendees];
    const rejected: string[] = [];
    for (const part of parts) {
      const parsed = parseAttendee(part);
      if (!parsed.ok) {
        rejected.push(part);
        setLocalError(parsed.message);
        continue;
      }
      const key = attendeeKey(parsed.attendee);
      if (!next.some((a) => attendeeKey(a) === key)) next.push(parsed.attendee);
    }
    if (rejected.length === 0) setLocalError(null);
    setText(rejected.join(' '));
    if (next.length !== attendees.length) onChange(next);
  }

  return (
    <div className="field">
      <label className="field-label" htmlFor={`${baseId}-attendee-input`}>
        Attendees
      </label>
      {attendees.length > 0 && (
        <ul className="chips" aria-label="Attendees" data-testid="attendee-chips">
          {attendees.map((a) => (
            <li key={attendeeKey(a)} className="chip" data-testid="attendee-chip">
              <span>{attendeeLabel(a, selfId)}</span>
              <button
                type="button"
                className="chip__remove"
                aria-label={`Remove ${attendeeLabel(a, selfId)}`}
                onClick={() => onChange(attendees.filter((x) => attendeeKey(x) !== attendeeKey(a)))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field-row">
        <input
          id={`${baseId}-attendee-input`}
          data-testid="attendee-input"
          type="text"
          inputMode="email"
          autoComplete="off"
          placeholder="User id or e-mail, then Enter"
          value={text}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
          onChange={(e) => {
            setText(e.target.value);
            setLocalError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              // Enter adds a chip here instead of submitting the whole form.
              e.preventDefault();
              add();
            } else if (e.key === 'Backspace' && text === '' && attendees.length > 0) {
              onChange(attendees.slice(0, -1));
            }
          }}
        />
        <button type="button" className="button" data-testid="attendee-add" onClick={add}>
          Add
        </button>
      </div>
      <FieldError id={`${baseId}-attendees-error`} field="attendees" messages={messages} />
    </div>
  );
}
