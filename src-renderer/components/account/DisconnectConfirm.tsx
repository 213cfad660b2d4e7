import { plural } from '../../lib/sync-labels';
import { useAppStore } from '../../store/AppStoreProvider';
import type { AccountDialogState } from '../../store/sync-slice';

type Props = { baseId: string; dialog: AccountDialogState; pending: number };

/** Asked in the dialog, not with window.confirm: the choice needs words, and two ways to say yes. */
export function DisconnectConfirm({ baseId, dialog, pending }: Props) {
  const askDisconnect = useAppStore((s) => s.askDisconnect);
  const disconnect = useAppStore((s) => s.disconnect);
  const busy = dialog.busy === 'disconnecting';
  return (
    <>
      <div className="account__confirm" role="group" aria-labelledby={`${baseId}-question`}>
        <p id={`${baseId}-question`} className="account__question">
          Keep the meetings you host on this computer?
        </p>
        <p className="account__explain">
          Kept meetings stay in your calendar as local meetings, no longer synced. Meetings hosted
          by others came from the account and are removed either way.
        </p>
        {pending > 0 && (
          <p
            className="notice notice--warning"
            role="alert"
            data-testid="disconnect-pending-warning"
          >
            {plural(pending, 'meeting')} {pending === 1 ? 'has' : 'have'} changes the server has not
            received yet. They are kept only if you keep your meetings on this computer.
          </p>
        )}
        {dialog.formError && (
          <p className="notice notice--error" role="alert" data-testid="account-error">
            {dialog.formError}
          </p>
        )}
        <div className="account__choices">
          <button
            type="button"
            className="button button--primary"
            data-testid="disconnect-keep"
            disabled={busy}
            // The safe answer is the one a stray Enter gives.
            autoFocus
            onClick={() => void disconnect(true)}
          >
            Keep my meetings on this computer
          </button>
          <button
            type="button"
            className="button button--danger"
            data-testid="disconnect-remove"
            disabled={busy}
            onClick={() => void disconnect(false)}
          >
            Remove them from this computer
          </button>
        </div>
      </div>
      <footer className="dialog__footer">
        {busy && (
          <span className="account__busy" role="status">
            Disconnecting…
          </span>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="button"
          data-testid="disconnect-cancel"
          disabled={busy}
          onClick={() => askDisconnect(false)}
        >
          Cancel
        </button>
      </footer>
    </>
  );
}
