import type { SettingsDto } from '../../src-main/shared/contract';
import type { FieldErrors } from '../lib/editor-form';
import {
  settingsChanges,
  settingsFieldErrors,
  settingsFormFrom,
  type SettingsForm,
} from '../lib/settings-form';
import { clockPrefs, clockPrefsFor, setClockPrefs, type ClockPrefs } from '../lib/clock-prefs';
import type { SliceCreator } from './store-types';

export type SettingsDialogState = {
  /** The form as it opened: only what differs from it is sent. */
  original: SettingsForm;
  form: SettingsForm;
  fieldErrors: FieldErrors;
  formError: string | null;
  saving: boolean;
};

export type SettingsSlice = {
  /** The engine's settings; null until `settings:get` has answered. */
  settings: SettingsDto | null;
  /** The clock and week start in force: the settings, `auto` resolved from the OS locale. */
  clock: ClockPrefs;
  settingsDialog: SettingsDialogState | null;
  loadSettings: () => Promise<void>;
  /** An answer or a `settings:changed` push. */
  applySettings: (settings: SettingsDto) => void;
  openSettings: () => void;
  closeSettings: () => void;
  editSettingsForm: (patch: Partial<SettingsForm>) => void;
  /** Sends what changed; the settings now in force, or null when refused (errors on the form). */
  saveSettings: () => Promise<SettingsDto | null>;
};

export const createSettingsSlice: SliceCreator<SettingsSlice> =
  ({ api }) =>
  (set, get) => {
    const updateDialog = (patch: Partial<SettingsDialogState>) => {
      const current = get().settingsDialog;
      if (current) set({ settingsDialog: { ...current, ...patch } });
    };

    return {
      settings: null,
      settingsDialog: null,
      clock: clockPrefs(),

      loadSettings: async () => {
        const result = await api['settings:get']({});
        if (result.ok) get().applySettings(result.value);
      },

      // Only the settings themselves: another window's view or zone is not forced on this one.
      applySettings: (settings) => {
        const clock = clockPrefsFor(settings);
        // Before the store changes: the renders it causes format times through plain functions.
        setClockPrefs(clock);
        set({ settings, clock: sameClock(clock, get().clock) ? get().clock : clock });
      },

      openSettings: () => {
        const { settings, view, displayZone } = get();
        const form = settingsFormFrom(settings, { view, displayZone });
        set({
          settingsDialog: { original: form, form, fieldErrors: {}, formError: null, saving: false },
        });
      },

      closeSettings: () => set({ settingsDialog: null }),

      editSettingsForm: (patch) => {
        const dialog = get().settingsDialog;
        if (!dialog) return;
        const edited = new Set(Object.keys(patch));
        const fieldErrors = Object.fromEntries(
          Object.entries(dialog.fieldErrors).filter(([key]) => !edited.has(key)),
        );
        updateDialog({ form: { ...dialog.form, ...patch }, fieldErrors });
      },

      saveSettings: async () => {
        const dialog = get().settingsDialog;
        if (!dialog || dialog.saving) return null;
        const changes = settingsChanges(dialog.form, dialog.original);
        if (Object.keys(changes).length === 0) {
          get().closeSettings();
          return get().settings;
        }
        updateDialog({ saving: true, formError: null });
        const result = await api['settings:update'](changes);
        if (!result.ok) {
          const { byField, other } = settingsFieldErrors(result.error.fields);
          const marked = Object.keys(byField).length > 0;
          updateDialog({
            saving: false,
            fieldErrors: byField,
            formError:
              other.length > 0
                ? other.join('; ')
                : marked
                  ? 'Please correct the fields marked below.'
                  : `Couldn't save the settings: ${result.error.message}`,
          });
          return null;
        }
        get().applySettings(result.value);
        if (changes.displayZone !== undefined) {
          get().setDisplayZone(result.value.displayZone ?? changes.displayZone);
        }
        set({ settingsDialog: null });
        get().pushToast({ kind: 'info', message: 'Settings saved' });
        return result.value;
      },
    };
  };

const sameClock = (a: ClockPrefs, b: ClockPrefs) =>
  a.hour12 === b.hour12 && a.firstDay === b.firstDay;
