import { useId } from 'react';
import { formatOffset } from '../../src-main/shared/time-zones';
import { useAppStore } from '../store/AppStoreProvider';
import { Dialog } from './Dialog';
import { RecordingsSection } from './recordings/RecordingsSection';
import { EditorSyncChip } from './SyncChip';
import { AttendeesField } from './editor/AttendeesField';
import { DiscardConfirm } from './editor/DiscardConfirm';
import { NameField } from './editor/NameField';
import { OptionsFields } from './editor/OptionsFields';
import { WhenFields } from './editor/WhenFields';

/** The meeting editor: every field of a meeting, in a modal dialog. */
export function MeetingEditor() {
  const baseId = useId();
  const editor = useAppStore((s) => s.editor);
  const editForm = useAppStore((s) => s.editForm);
  const closeEditor = useAppStore((s) => s.closeEditor);
  const requestCloseEditor = useAppStore((s) => s.requestCloseEditor);
  const keepEditing = useAppStore((s) => s.keepEditing);
  const setAttendeeText = useAppStore((s) => s.setAttendeeText);
  const displayZone = useAppStore((s) => s.displayZone);
  const saveEditor = useAppStore((s) => s.saveEditor);
  const deleteMeeting = useAppStore((s) => s.deleteMeeting);
  const startedAt = useAppStore((s) => s.startedAt);
  const selfId = useAppStore((s) => s.profile?.userId);
  const sendDraft = useAppStore((s) => s.sendDraft);
  const openConflict = useAppStore((s) => s.openConflict);
  // The loaded copy, when there is one, is newer than the one the editor opened with: a sync pass
  // may have sent it, or found a conflict, while the editor was open.
  const live = useAppStore((s) => {
    const id = s.editor?.meetingId ?? null;
    return id === null ? undefined : s.meetings[id];
  });
  const signedOut = useAppStore((s) => s.syncStatus?.state === 'signed_out');
  const defaultReminder = useAppStore((s) => s.settings?.defaultReminder ?? null);
  if (!editor) return null;

  const { form, fieldErrors: errors, original, saving, formError } = editor;
  const meeting = original?.meeting;
  const sync = live ?? meeting;
  const readOnly = meeting?.readOnly ?? false;
  const isDraft = sync?.draft ?? false;
  const title = !meeting ? 'New meeting' : readOnly ? 'Meeting' : 'Edit meeting';

  return (
    <>
      <Dialog
        labelledBy={`${baseId}-title`}
        onClose={requestCloseEditor}
        className="editor"
        testId="meeting-editor"
      >
        <form
          className="editor__form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void saveEditor();
          }}
        >
          <header className="dialog__header">
            <div className="editor__heading">
              <h2 id={`${baseId}-title`}>{title}</h2>
              {sync && <EditorSyncChip meeting={sync} />}
            </div>
            <button
              type="button"
              className="icon-button"
              aria-label="Close"
              onClick={requestCloseEditor}
            >
              ×
            </button>
          </header>

          {readOnly && meeting && (
            <p className="notice" role="note" data-testid="read-only-reason">
              Hosted by {meeting.hostName ?? `user #${meeting.hostId}`}. Only the host can change or
              delete this meeting; you can see it because you are invited.
            </p>
          )}
          {sync?.sync === 'conflict' && (
            <p className="notice notice--warning" role="note" data-testid="conflict-notice">
              This meeting changed here and on the server.{' '}
              <button
                type="button"
                className="link-button"
                data-testid="resolve-conflict"
                onClick={() => void openConflict(sync.id)}
              >
                Choose what to keep…
              </button>
            </p>
          )}
          {formError && (
            <p className="notice notice--error" role="alert" data-testid="form-error">
              {formError}
            </p>
          )}

          <fieldset className="editor__fields" disabled={readOnly || saving}>
            <NameField
              baseId={baseId}
              value={form.name}
              errors={errors.name}
              readOnly={readOnly}
              onChange={(name) => editForm({ name })}
            />
            <WhenFields
              baseId={baseId}
              fallbackAt={original?.meeting.start ?? startedAt}
              displayZone={displayZone}
              form={form}
              errors={errors}
              onChange={editForm}
            />
            <AttendeesField
              baseId={baseId}
              attendees={form.attendees}
              errors={errors.attendees}
              selfId={selfId}
              text={editor.attendeeText}
              onTextChange={setAttendeeText}
              onChange={(attendees) => editForm({ attendees })}
            />
            <OptionsFields
              baseId={baseId}
              form={form}
              errors={errors}
              chatLocked={meeting !== undefined}
              defaultReminder={defaultReminder}
              onChange={editForm}
            />
          </fieldset>

          {/* Outside the fieldset: a read-only meeting's recordings can still be downloaded. */}
          <RecordingsSection meeting={sync} />

          {meeting?.timeZone && (
            <p className="editor__meta" data-testid="stored-zone">
              Saved in {meeting.timeZone.name}, UTC{formatOffset(meeting.timeZone.offset)} at its
              start
            </p>
          )}

          {signedOut && !readOnly && (
            <p className="editor__meta" data-testid="local-only-hint">
              No account is connected, so meetings stay on this computer. Connect one from the
              toolbar to sync them.
            </p>
          )}

          <footer className="dialog__footer">
            {meeting && !readOnly && (
              <button
                type="button"
                className="button button--danger"
                data-testid="delete-meeting"
                onClick={() => void deleteMeeting(meeting.id)}
              >
                Delete
              </button>
            )}
            <span className="spacer" />
            <button type="button" className="button" onClick={requestCloseEditor}>
              {readOnly ? 'Close' : 'Cancel'}
            </button>
            {!readOnly && !meeting && (
              <button
                type="button"
                className="button"
                data-testid="save-draft"
                title="Keep it here, sent to nobody, until you send it"
                disabled={saving}
                onClick={() => void saveEditor({ asDraft: true })}
              >
                Save as draft
              </button>
            )}
            {!readOnly && isDraft && (
              <button
                type="button"
                className="button"
                data-testid="send-draft"
                title={
                  signedOut
                    ? 'It will be sent when you connect an account'
                    : 'Send it to the server'
                }
                disabled={saving}
                onClick={() => void sendDraft()}
              >
                Send
              </button>
            )}
            {!readOnly && (
              <button
                type="submit"
                className="button button--primary"
                data-testid="save-meeting"
                disabled={saving}
              >
                {saving ? 'Saving…' : isDraft ? 'Save draft' : meeting ? 'Save' : 'Schedule'}
              </button>
            )}
          </footer>
        </form>
      </Dialog>
      {editor.confirmingDiscard && (
        <DiscardConfirm onKeepEditing={keepEditing} onDiscard={closeEditor} />
      )}
    </>
  );
}
