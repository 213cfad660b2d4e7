import type { NotifyMetric } from '../../../src-main/shared/meetings-api-types';
import type { EditorForm, FieldErrors } from '../../lib/editor-form';
import { NOTIFY_METRICS, notifyValues, withMetric } from '../../lib/notify-options';
import { errorIdFor, FieldError } from './FieldError';

type Flag = 'chat' | 'record' | 'public' | 'scheduled' | 'notify';

const FLAGS: readonly { key: Flag; label: string; hint: string }[] = [
  { key: 'chat', label: 'Chat', hint: 'Create a group chat for the attendees' },
  { key: 'record', label: 'Record', hint: 'Record the call' },
  { key: 'public', label: 'Public', hint: 'Anyone signed in can open it by its link' },
  { key: 'scheduled', label: 'Scheduled', hint: 'Confirmed, not a draft' },
  { key: 'notify', label: 'Notify', hint: 'E-mail attendees about it' },
];

type Props = {
  baseId: string;
  form: EditorForm;
  errors: FieldErrors;
  /** A chat can only be created with the meeting; afterwards it is shown, not changed. */
  chatLocked: boolean;
  onChange: (patch: Partial<EditorForm>) => void;
};

export function OptionsFields({ baseId, form, errors, chatLocked, onChange }: Props) {
  const nb = form.notifyBefore;
  const nbErrorId = errorIdFor(baseId, 'notifyBefore', errors.notifyBefore);
  return (
    <>
      <fieldset className="field options">
        <legend className="field-label">Options</legend>
        {FLAGS.map(({ key, label, hint }) => {
          const locked = key === 'chat' && chatLocked;
          return (
            <div key={key} className="option">
              <label
                className="checkbox"
                title={locked ? 'A chat is created with a meeting' : hint}
              >
                <input
                  type="checkbox"
                  data-testid={`flag-${key}`}
                  checked={form[key]}
                  disabled={locked}
                  aria-describedby={errors[key] ? `${baseId}-${key}-error` : undefined}
                  onChange={(e) => onChange({ [key]: e.target.checked })}
                />
                <span>{label}</span>
                {locked && <span className="field-suffix">(set when created)</span>}
              </label>
              <FieldError id={`${baseId}-${key}-error`} field={key} messages={errors[key]} />
            </div>
          );
        })}
      </fieldset>
      <div className="field">
        <span className="field-label" id={`${baseId}-nb-label`}>
          Reminder
        </span>
        <div className="field-row" role="group" aria-labelledby={`${baseId}-nb-label`}>
          {nb && (
            <select
              aria-label={`Reminder ${nb.metric} before`}
              data-testid="notify-value"
              value={nb.value}
              aria-invalid={nbErrorId ? true : undefined}
              aria-describedby={nbErrorId}
              onChange={(e) => onChange({ notifyBefore: { ...nb, value: Number(e.target.value) } })}
            >
              {notifyValues(nb.metric, nb.value).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          )}
          <select
            aria-label="Reminder unit"
            data-testid="notify-metric"
            value={nb?.metric ?? 'none'}
            aria-describedby={nbErrorId}
            onChange={(e) => {
              const metric = e.target.value;
              onChange({
                notifyBefore: metric === 'none' ? null : withMetric(nb, metric as NotifyMetric),
              });
            }}
          >
            <option value="none">No reminder</option>
            {NOTIFY_METRICS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          {nb && <span className="field-suffix">before it starts</span>}
        </div>
        <FieldError
          id={`${baseId}-notifyBefore-error`}
          field="notifyBefore"
          messages={errors.notifyBefore}
        />
      </div>
    </>
  );
}
