import type { NotifyBefore, NotifyMetric } from '../../../src-main/shared/meetings-api-types';
import type { EditorForm, FieldErrors } from '../../lib/editor-form';
import {
  describeDefaultReminder,
  NOTIFY_METRICS,
  notifyValues,
  withMetric,
} from '../../lib/notify-options';
import { errorIdFor, FieldError } from './FieldError';

type Flag = 'chat' | 'record' | 'public' | 'scheduled';

const FLAGS: readonly { key: Flag; label: string; hint: string }[] = [
  { key: 'chat', label: 'Chat', hint: 'Create a group chat for the attendees' },
  { key: 'record', label: 'Record', hint: 'Record the call' },
  { key: 'public', label: 'Public', hint: 'Anyone signed in can open it by its link' },
  { key: 'scheduled', label: 'Scheduled', hint: 'Confirmed, not a draft' },
];

type Props = {
  baseId: string;
  form: EditorForm;
  errors: FieldErrors;
  /** A chat can only be created with the meeting; afterwards it is shown, not changed. */
  chatLocked: boolean;
  /** The default reminder from Settings, named on the reminder's "Default" choice. */
  defaultReminder: NotifyBefore | null;
  onChange: (patch: Partial<EditorForm>) => void;
};

const describedBy = (...ids: (string | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

export function OptionsFields(props: Props) {
  const { baseId, form, errors, chatLocked, defaultReminder, onChange } = props;
  const nb = form.notifyBefore;
  const nbErrorId = errorIdFor(baseId, 'notifyBefore', errors.notifyBefore);
  const nbHintId = `${baseId}-nb-hint`;
  const notifyErrorId = errorIdFor(baseId, 'notify', errors.notify);
  const notifyHintId = `${baseId}-notify-hint`;
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
      {/* Side by side because they are easily confused: one mails the attendees through the
          server, the other alerts you, here. */}
      <div className="field-pair alerts">
        <div className="field">
          <span className="field-label">Notify</span>
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="flag-notify"
              checked={form.notify}
              aria-describedby={describedBy(notifyErrorId, notifyHintId)}
              onChange={(e) => onChange({ notify: e.target.checked })}
            />
            <span>E-mail the attendees</span>
          </label>
          <FieldError id={`${baseId}-notify-error`} field="notify" messages={errors.notify} />
          <p id={notifyHintId} className="field-hint">
            E-mail the attendees about this meeting (sent by the server)
          </p>
        </div>
        <div className="field">
          <span className="field-label" id={`${baseId}-nb-label`}>
            Reminder
          </span>
          <div
            className="field-row field-row--wrap"
            role="group"
            aria-labelledby={`${baseId}-nb-label`}
          >
            {nb && (
              <select
                aria-label={`Reminder ${nb.metric} before`}
                data-testid="notify-value"
                value={nb.value}
                aria-invalid={nbErrorId ? true : undefined}
                aria-describedby={describedBy(nbErrorId, nbHintId)}
                onChange={(e) =>
                  onChange({ notifyBefore: { ...nb, value: Number(e.target.value) } })
                }
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
              aria-describedby={describedBy(nbErrorId, nbHintId)}
              onChange={(e) => {
                const metric = e.target.value;
                onChange({
                  notifyBefore: metric === 'none' ? null : withMetric(nb, metric as NotifyMetric),
                });
              }}
            >
              <option value="none">{describeDefaultReminder(defaultReminder)}</option>
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
          <p id={nbHintId} className="field-hint">
            Convene alerts you this long before the start (and the server&apos;s reminder mail uses
            it when Notify is on). Leave at &lsquo;Default&rsquo; to use your default reminder from
            Settings.
          </p>
        </div>
      </div>
    </>
  );
}
