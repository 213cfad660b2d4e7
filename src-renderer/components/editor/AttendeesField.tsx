import { useState, type ClipboardEvent } from 'react';
import type { Attendee } from '../../../src-main/shared/meetings-api-types';
import { attendeeKey, attendeeLabel, mergeAttendees, parseAttendeeList } from '../../lib/attendees';
import { errorIdFor, FieldError } from './FieldError';

type Props = {
  baseId: string;
  attendees: Attendee[];
  errors: readonly string[] | undefined;
  /** The window's own user id, shown as "You". */
  selfId: number | undefined;
  /** What is typed but not yet a chip; kept in the store so that Save can add it. */
  text: string;
  onTextChange: (text: string) => void;
  onChange: (attendees: Attendee[]) => void;
};

/** Attendees as chips: a user id or an e-mail, each checked here before it becomes a chip. */
export function AttendeesField(props: Props) {
  const { baseId, attendees, errors, selfId, text, onTextChange: setText, onChange } = props;
  const [localError, setLocalError] = useState<string | null>(null);
  const messages = localError ? [localError, ...(errors ?? [])] : errors;
  const errorId = errorIdFor(baseId, 'attendees', messages);

  function add() {
    // Several at once, as typed or as a mail client copies them: "7, Ana <ana@example.com>".
    const list = parseAttendeeList(text);
    if (list.attendees.length === 0 && list.rejected.length === 0) return;
    setLocalError(list.message);
    setText(list.rejected.join(', '));
    const next = mergeAttendees(attendees, list.attendees);
    if (next.length !== attendees.length) onChange(next);
  }

  function onPaste(e: ClipboardEvent<HTMLInputElement>) {
    // A single-line input would run pasted lines together ("a@x.orgb@y.org"); keep them apart.
    const pasted = e.clipboardData.getData('text/plain');
    if (!/[\n\r]/.test(pasted)) return;
    e.preventDefault();
    const input = e.currentTarget;
    const from = input.selectionStart ?? text.length;
    const to = input.selectionEnd ?? from;
    setText(`${text.slice(0, from)}${pasted.replace(/\s*[\r\n]+\s*/g, ', ')}${text.slice(to)}`);
    setLocalError(null);
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
          onPaste={onPaste}
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
        <button type="button" className="button" data-testid="attendee-add" onClick={() => add()}>
          Add
        </button>
      </div>
      <FieldError id={`${baseId}-attendees-error`} field="attendees" messages={messages} />
    </div>
  );
}
