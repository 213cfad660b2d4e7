import { inDisplayZone } from '../../lib/display-zone-time';
import type { EditorForm, FieldErrors } from '../../lib/editor-form';
import { fromWallClock, type WallClock } from '../../lib/zoned-time';
import { TimeZonePicker } from '../TimeZonePicker';
import { errorIdFor, FieldError } from './FieldError';

type Props = {
  baseId: string;
  /** Where zone offsets are taken while the start is not a complete date and time. */
  fallbackAt: number;
  /** The calendar's zone: a meeting set in another is restated in it, live. */
  displayZone: string;
  form: EditorForm;
  errors: FieldErrors;
  onChange: (patch: Partial<EditorForm>) => void;
};

function WallClockInputs(props: {
  baseId: string;
  field: 'start' | 'end';
  label: string;
  value: WallClock;
  errors: FieldErrors;
  onChange: (value: WallClock) => void;
}) {
  const { baseId, field, label, value, errors, onChange } = props;
  const errorId = errorIdFor(baseId, field, errors[field]);
  return (
    <div className="field">
      <span className="field-label" id={`${baseId}-${field}-label`}>
        {label}
      </span>
      <div className="field-row" role="group" aria-labelledby={`${baseId}-${field}-label`}>
        <input
          type="date"
          aria-label={`${label} date`}
          data-testid={`${field}-date`}
          value={value.date}
          required
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
          onChange={(e) => onChange({ ...value, date: e.target.value })}
        />
        <input
          type="time"
          aria-label={`${label} time`}
          data-testid={`${field}-time`}
          value={value.time}
          required
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
          onChange={(e) => onChange({ ...value, time: e.target.value })}
        />
      </div>
      <FieldError id={`${baseId}-${field}-error`} field={field} messages={errors[field]} />
    </div>
  );
}

/** Start, end and the meeting's zone; the times are wall-clock times in that zone. */
export function WhenFields({ baseId, fallbackAt, displayZone, form, errors, onChange }: Props) {
  const start = fromWallClock(form.start, form.timeZone);
  const end = fromWallClock(form.end, form.timeZone);
  // Offsets in the zone list are those at the meeting's start (DST-correct for that date).
  const at = start ?? fallbackAt;
  const yours =
    start !== null && end !== null && end > start && form.timeZone !== displayZone
      ? inDisplayZone(start, end, displayZone, form.start.date)
      : null;
  const zoneErrorId = errorIdFor(baseId, 'timeZone', errors.timeZone);
  return (
    <>
      <div className="field-pair">
        <WallClockInputs
          baseId={baseId}
          field="start"
          label="Starts"
          value={form.start}
          errors={errors}
          onChange={(start) => onChange({ start })}
        />
        <WallClockInputs
          baseId={baseId}
          field="end"
          label="Ends"
          value={form.end}
          errors={errors}
          onChange={(end) => onChange({ end })}
        />
      </div>
      <div className="field">
        <TimeZonePicker
          label="Time zone"
          value={form.timeZone}
          at={at}
          testId="meeting-zone"
          errorId={zoneErrorId}
          onChange={(timeZone) => onChange({ timeZone })}
        />
        <FieldError id={`${baseId}-timeZone-error`} field="timeZone" messages={errors.timeZone} />
        {yours && (
          <p
            className="field-hint"
            data-testid="display-zone-time"
            title={`In ${displayZone}, the zone the calendar shows`}
            aria-live="polite"
          >
            {yours}
          </p>
        )}
      </div>
    </>
  );
}
