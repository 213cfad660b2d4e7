import type { CalendarController } from '@fullcalendar/react';
import { useId } from 'react';
import { CALENDAR_VIEWS, isCalendarView } from '../store/calendar-slice';
import {
  CALENDAR_VIEW_LABELS,
  reminderChoices,
  reminderFromKey,
  THEME_LABELS,
} from '../lib/settings-form';
import { THEME_SETTINGS } from '../../src-main/shared/contract';
import { useAppStore } from '../store/AppStoreProvider';
import { TextField } from './account/TextField';
import { Dialog } from './Dialog';
import { DownloadSettingsFields } from './DownloadSettingsFields';
import { errorIdFor, FieldError } from './editor/FieldError';
import { NotificationSetting } from './reminders/NotificationSetting';
import { TimeZonePicker } from './TimeZonePicker';
import { LocaleFields } from './LocaleFields';
import { WorkingHoursFields } from './WorkingHoursFields';

/** The app's settings, kept by the engine: reminders, the join link and how the calendar shows. */
export function SettingsDialog({ controller }: { controller: CalendarController }) {
  const baseId = useId();
  const dialog = useAppStore((s) => s.settingsDialog);
  const startedAt = useAppStore((s) => s.startedAt);
  const shownView = useAppStore((s) => s.view);
  const edit = useAppStore((s) => s.editSettingsForm);
  const close = useAppStore((s) => s.closeSettings);
  const save = useAppStore((s) => s.saveSettings);
  if (!dialog) return null;
  const { form, fieldErrors: errors, formError, saving } = dialog;
  const reminderErrorId = errorIdFor(baseId, 'reminder', errors.reminder);
  const zoneErrorId = errorIdFor(baseId, 'displayZone', errors.displayZone);

  return (
    <Dialog
      labelledBy={`${baseId}-title`}
      onClose={close}
      className="settings"
      testId="settings-dialog"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const view = form.view;
          void save().then((saved) => {
            // FullCalendar owns the view once shown; it reports the change back to the store.
            if (saved && view !== shownView) controller.changeView(view);
          });
        }}
      >
        <header className="dialog__header">
          <h2 id={`${baseId}-title`}>Settings</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={close}>
            ×
          </button>
        </header>
        {formError && (
          <p className="notice notice--error" role="alert" data-testid="settings-error">
            {formError}
          </p>
        )}
        <fieldset className="editor__fields" disabled={saving}>
          <div className="field">
            <label className="field-label" htmlFor={`${baseId}-reminder`}>
              Default reminder
            </label>
            <select
              id={`${baseId}-reminder`}
              data-testid="settings-default-reminder"
              data-autofocus
              value={form.reminder}
              aria-invalid={reminderErrorId ? true : undefined}
              aria-describedby={[reminderErrorId, `${baseId}-reminder-hint`]
                .filter(Boolean)
                .join(' ')}
              onChange={(e) => edit({ reminder: e.target.value })}
            >
              {reminderChoices(reminderFromKey(dialog.original.reminder)).map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
            </select>
            <FieldError
              id={`${baseId}-reminder-error`}
              field="reminder"
              messages={errors.reminder}
            />
            <p id={`${baseId}-reminder-hint`} className="field-hint">
              For meetings whose own reminder is left at Default.
            </p>
          </div>
          <TextField
            baseId={baseId}
            field="meetingUrlTemplate"
            label="Meeting URL template"
            testId="settings-meeting-url"
            type="url"
            inputMode="url"
            placeholder="https://meet.example.com/join/%s"
            hint="%s is replaced by the meeting's id; https only."
            value={form.meetingUrlTemplate}
            errors={errors.meetingUrlTemplate}
            onChange={(meetingUrlTemplate) => edit({ meetingUrlTemplate })}
          />
          <div className="field-pair">
            <div className="field">
              <label className="field-label" htmlFor={`${baseId}-view`}>
                Calendar view
              </label>
              <select
                id={`${baseId}-view`}
                data-testid="settings-view"
                value={form.view}
                onChange={(e) => {
                  if (isCalendarView(e.target.value)) edit({ view: e.target.value });
                }}
              >
                {CALENDAR_VIEWS.map((v) => (
                  <option key={v} value={v}>
                    {CALENDAR_VIEW_LABELS[v]}
                  </option>
                ))}
              </select>
              <FieldError id={`${baseId}-view-error`} field="view" messages={errors.view} />
            </div>
            <div className="field">
              <TimeZonePicker
                label="Show times in"
                value={form.displayZone}
                at={startedAt}
                testId="settings-zone"
                errorId={zoneErrorId}
                onChange={(displayZone) => edit({ displayZone })}
              />
              <FieldError
                id={`${baseId}-displayZone-error`}
                field="displayZone"
                messages={errors.displayZone}
              />
            </div>
          </div>
          <WorkingHoursFields baseId={baseId} form={form} errors={errors} edit={edit} />
          <LocaleFields baseId={baseId} form={form} errors={errors} edit={edit} />
          <div className="field">
            <label className="field-label" htmlFor={`${baseId}-theme`}>
              Appearance
            </label>
            <select
              id={`${baseId}-theme`}
              data-testid="settings-theme"
              value={form.theme}
              onChange={(e) => {
                const theme = THEME_SETTINGS.find((t) => t === e.target.value);
                if (theme) edit({ theme });
              }}
            >
              {THEME_SETTINGS.map((t) => (
                <option key={t} value={t}>
                  {THEME_LABELS[t]}
                </option>
              ))}
            </select>
            <FieldError id={`${baseId}-theme-error`} field="theme" messages={errors.theme} />
          </div>
          <NotificationSetting />
          <DownloadSettingsFields baseId={baseId} form={form} errors={errors} edit={edit} />
        </fieldset>
        <footer className="dialog__footer">
          <span className="spacer" />
          <button type="button" className="button" data-testid="settings-cancel" onClick={close}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            data-testid="settings-save"
            disabled={saving}
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
