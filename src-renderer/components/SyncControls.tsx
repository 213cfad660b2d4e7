import { useShallow } from 'zustand/react/shallow';
import { syncStatusView, type StatusAction } from '../lib/sync-labels';
import { useAppStore } from '../store/AppStoreProvider';

/** Why clicking the status helps, for its tooltip. */
const ACTION_HINTS: Readonly<Record<Exclude<StatusAction, null>, string>> = {
  connect: 'Click to connect an account.',
  'sign-in': 'Click to sign in again.',
  conflicts: 'Click to resolve the first conflict.',
};

/** The toolbar's sync status, "Sync now" and the account button. */
export function SyncControls() {
  const { status, connected, syncRequested, displayZone } = useAppStore(
    useShallow((s) => ({
      status: s.syncStatus,
      connected: s.account !== null,
      syncRequested: s.syncRequested,
      displayZone: s.displayZone,
    })),
  );
  const openAccountDialog = useAppStore((s) => s.openAccountDialog);
  const openFirstConflict = useAppStore((s) => s.openFirstConflict);
  const syncNow = useAppStore((s) => s.syncNow);

  const view = status ? syncStatusView(status, displayZone) : null;
  const act = (action: StatusAction) => {
    if (action === 'conflicts') openFirstConflict();
    else if (action) openAccountDialog();
  };
  const title = view
    ? [view.detail, view.action && ACTION_HINTS[view.action]].filter(Boolean).join('\n')
    : undefined;
  // Sync now cannot help while the server refuses the sign-in, or while a pass is running.
  const canSync =
    connected && status?.state !== 'needs_sign_in' && status?.state !== 'syncing' && !syncRequested;

  return (
    <div className="sync-controls">
      {status && view && (
        <span
          className="sync-status"
          data-testid="sync-status"
          data-state={status.state}
          data-tone={view.tone}
          role="status"
          aria-live="polite"
          title={title}
        >
          {view.action ? (
            <button
              type="button"
              className="sync-status__button"
              data-testid="sync-status-action"
              onClick={() => act(view.action)}
            >
              <span className="sync-status__dot" aria-hidden="true" />
              <span className="sync-status__label">{view.label}</span>
            </button>
          ) : (
            <>
              <span className="sync-status__dot" aria-hidden="true" />
              <span className="sync-status__label">{view.label}</span>
            </>
          )}
        </span>
      )}
      {connected && (
        <button
          type="button"
          className="button button--icon"
          data-testid="sync-now"
          aria-label="Sync now"
          title="Sync now (S)"
          aria-keyshortcuts="S"
          disabled={!canSync}
          onClick={() => void syncNow()}
        >
          <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
            <path
              fill="currentColor"
              d="M13.6 6.5A5.8 5.8 0 0 0 3 4.2V2H1.5v4.8h4.8V5.3H4A4.3 4.3 0 0 1 12.1 6.8zM2.4 9.5A5.8 5.8 0 0 0 13 11.8V14h1.5V9.2H9.7v1.5H12a4.3 4.3 0 0 1-8.1-1.5z"
            />
          </svg>
        </button>
      )}
      <button
        type="button"
        className="button button--icon"
        data-testid="account-button"
        aria-label="Account"
        title={connected ? 'Account' : 'Connect an account'}
        onClick={openAccountDialog}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path
            fill="currentColor"
            d="M8 1.5a3.3 3.3 0 1 1 0 6.6 3.3 3.3 0 0 1 0-6.6zM2 14.5c0-3 2.7-5 6-5s6 2 6 5z"
          />
        </svg>
      </button>
    </div>
  );
}
