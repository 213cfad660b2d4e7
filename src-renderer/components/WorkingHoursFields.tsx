import type { FieldErrors } from '../lib/editor-form';
import { hourChoices, type SettingsForm } from '../lib/settings-form';
import { useAppStore } from '../store/AppStoreProvider';
import { errorIdFor, FieldError } from './editor/FieldError';

type Props = {
  baseId: string;
  form: SettingsForm;
  errors: FieldErrors;
  edit: (patch: Partial<SettingsForm>) => void;
};

/** Settings' working hours: from and to, whole hours, shaded on the calendar Monday to Friday. */
export function WorkingHoursFields({ baseId, form, errors, edit }: Props) {
  const errorId = errorIdFor(baseId, 'workStart', errors.workStart);
  const hour12 = useAppStore((s) => s.clock.hour12);
  const hours = hourChoices(hour12);
  const select = (key: 'workStart' | 'workEnd', label: string, testId: string) => (
    <div className="field">
      <label className="field-label" htmlFor={`${baseId}-${key}`}>
        {label}
      </label>
      <select
        id={`${baseId}-${key}`}
        data-testid={testId}
        value={form[key]}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        onChange={(e) => edit({ [key]: Number(e.target.value) })}
      >
        {hours.map((c) => (
          <option key={c.hour} value={c.hour}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <div className="field-pair">
        {select('workStart', 'Working hours from', 'settings-work-start')}
        {select('workEnd', 'to', 'settings-work-end')}
      </div>
      <FieldError id={`${baseId}-workStart-error`} field="workStart" messages={errors.workStart} />
    </>
  );
}
