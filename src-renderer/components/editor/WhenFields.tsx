import { inDisplayZone } from '../../lib/display-zone-time';
import type { EditorForm, FieldErrors } from '../../lib/editor-form';
import { formatTimeText, parseTimeText, stepTime } from '../../lib/wall-text';
import { fromWallClock, toWallClock, type WallClock } from '../../lib/zoned-time';
import { useAppStore } from '../../store/AppStoreProvider';
import { TimeZonePicker } from '../TimeZonePicker';
import { DateField } from './DateField';
import { errorIdFor, FieldError } from './FieldError';
import { TypedInput } from './TypedInput';

/** The arrow keys move a time by a quarter-hour, the calendar's snap. */
const TIME_STEP_MINUTES = 15;

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

function todayIn(zone: string, fallbackZone: string): string {
  const now = Math.floor(Date.now() / 1000);
  try {
    return toWallClock(now, zone).date;
  } catch {
    // A zone still being typed in the picker is not one yet.
    return toWallClock(now, fallbackZone).date;
  }
}

function WallClockInputs(props: {
  baseId: string;
  field: 'start' | 'end';
  label: string;
  value: WallClock;
  today: string;
  errors: FieldErrors;
  onChange: (value: WallClock) => void;
}) {
  const { baseId, field, label, value, today, errors, onChange } = props;
  const clock = useAppStore((s) => s.clock);
  const errorId = errorIdFor(baseId, field, errors[field]);
  return (
    <div className="field">
      <span className="field-label" id={`${baseId}-${field}-label`}>
        {label}
      </span>
      <div className="field-row" role="group" aria-labelledby={`${baseId}-${field}-label`}>
        <DateField
          value={value.date}
          label={`${label} date`}
          testId={`${field}-date`}
          today={today}
          firstDay={clock.firstDay}
          invalid={errorId !== undefined}
          describedBy={errorId}
          onChange={(date) => onChange({ ...value, date })}
        />
        <span className="time-field">
          <TypedInput
            value={value.time}
            display={(time) => formatTimeText(time, clock.hour12)}
            parse={(text) => parseTimeText(text)}
            step={(time, direction) => stepTime(time, direction * TIME_STEP_MINUTES)}
            onChange={(time) => onChange({ ...value, time })}
            label={`${label} time`}
            testId={`${field}-time`}
            invalid={errorId !== undefined}
            describedBy={errorId}
            placeholder={clock.hour12 ? '9:30 AM' : '09:30'}
          />
        </span>
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
  // "Tomorrow" and the month's today mark count in the meeting's zone, as its fields do.
  const today = todayIn(form.timeZone, displayZone);
  return (
    <>
      <div className="field-pair">
        <WallClockInputs
          baseId={baseId}
          field="start"
          label="Starts"
          value={form.start}
          today={today}
          errors={errors}
          onChange={(start) => onChange({ start })}
        />
        <WallClockInputs
          baseId={baseId}
          field="end"
          label="Ends"
          value={form.end}
          today={today}
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
