import type { FieldErrors } from '../lib/editor-form';
import type { SettingsForm } from '../lib/settings-form';
import { TextField } from './account/TextField';
import { FieldError } from './editor/FieldError';

type Props = {
  baseId: string;
  form: SettingsForm;
  errors: FieldErrors;
  edit: (patch: Partial<SettingsForm>) => void;
};

/**
 * Recordings: whether the engine fetches them by itself, and the folder they are saved in. The
 * engine checks the folder (absolute, exists, a folder) and its answer shows beside the field.
 */
export function DownloadSettingsFields({ baseId, form, errors, edit }: Props) {
  const autoId = `${baseId}-autoDownloadRecordings`;
  return (
    <fieldset className="settings-group" data-testid="settings-recordings">
      <legend className="field-label">Recordings</legend>
      <label className="checkbox" htmlFor={autoId}>
        <input
          id={autoId}
          type="checkbox"
          data-testid="settings-auto-download"
          checked={form.autoDownloadRecordings}
          aria-describedby={`${autoId}-hint`}
          onChange={(e) => edit({ autoDownloadRecordings: e.target.checked })}
        />
        Download recordings of my meetings automatically
      </label>
      <p id={`${autoId}-hint`} className="field-hint">
        When a meeting you host or attend has ended and the server has its recordings.
      </p>
      <FieldError
        id={`${autoId}-error`}
        field="autoDownloadRecordings"
        messages={errors.autoDownloadRecordings}
      />
      <TextField
        baseId={baseId}
        field="downloadsFolder"
        label="Save downloads in"
        testId="settings-downloads-folder"
        placeholder="Your Downloads folder"
        hint="A full path to an existing folder; leave empty for your Downloads folder."
        value={form.downloadsFolder}
        errors={errors.downloadsFolder}
        onChange={(downloadsFolder) => edit({ downloadsFolder })}
      />
    </fieldset>
  );
}
