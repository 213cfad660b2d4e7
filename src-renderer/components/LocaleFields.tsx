import { localeFirstDay, localeHour12 } from '../lib/clock-prefs';
import type { FieldErrors } from '../lib/editor-form';
import { timeFormatChoices, weekStartChoices, type SettingsForm } from '../lib/settings-form';
import { FieldError } from './editor/FieldError';

type Props = {
  baseId: string;
  form: SettingsForm;
  errors: FieldErrors;
  edit: (patch: Partial<SettingsForm>) => void;
};

/** Week start and clock: the OS locale's by default, each with the locale's choice named. */
export function LocaleFields({ baseId, form, errors, edit }: Props) {
  const weeks = weekStartChoices(localeFirstDay());
  const clocks = timeFormatChoices(localeHour12());
  return (
    <div className="field-pair">
      <div className="field">
        <label className="field-label" htmlFor={`${baseId}-week-start`}>
          Week starts on
        </label>
        <select
          id={`${baseId}-week-start`}
          data-testid="settings-week-start"
          value={String(form.weekStart)}
          onChange={(e) => {
            const choice = weeks.find((w) => String(w.value) === e.target.value);
            if (choice) edit({ weekStart: choice.value });
          }}
        >
          {weeks.map((w) => (
            <option key={w.value} value={String(w.value)}>
              {w.label}
            </option>
          ))}
        </select>
        <FieldError
          id={`${baseId}-weekStart-error`}
          field="weekStart"
          messages={errors.weekStart}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${baseId}-time-format`}>
          Time format
        </label>
        <select
          id={`${baseId}-time-format`}
          data-testid="settings-time-format"
          value={form.timeFormat}
          onChange={(e) => {
            const choice = clocks.find((c) => c.value === e.target.value);
            if (choice) edit({ timeFormat: choice.value });
          }}
        >
          {clocks.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <FieldError
          id={`${baseId}-timeFormat-error`}
          field="timeFormat"
          messages={errors.timeFormat}
        />
      </div>
    </div>
  );
}
