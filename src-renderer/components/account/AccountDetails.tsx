import type { AccountDto } from '../../../src-main/shared/contract';
import { formatDateTime, isoToSeconds } from '../../lib/zoned-time';
import { useAppStore } from '../../store/AppStoreProvider';
import type { AccountDialogState } from '../../store/sync-slice';

type Props = { account: AccountDto; dialog: AccountDialogState };

/** The connected account: who and where, and the way out. */
export function AccountDetails({ account, dialog }: Props) {
  const displayZone = useAppStore((s) => s.displayZone);
  const close = useAppStore((s) => s.closeAccountDialog);
  const askDisconnect = useAppStore((s) => s.askDisconnect);
  const connectedAt = isoToSeconds(account.connectedAt);
  return (
    <>
      <dl className="account__facts" data-testid="account-details">
        <dt>Login</dt>
        <dd data-testid="account-details-login">{account.login}</dd>
        <dt>Server</dt>
        <dd data-testid="account-details-server">{account.serverUrl}</dd>
        <dt>Application ID</dt>
        <dd>{account.appId}</dd>
        <dt>User id</dt>
        <dd data-testid="account-details-user-id">{account.userId}</dd>
        {connectedAt !== null && (
          <>
            <dt>Connected</dt>
            <dd>{formatDateTime(connectedAt, displayZone)}</dd>
          </>
        )}
      </dl>
      {dialog.formError && (
        <p className="notice notice--error" role="alert" data-testid="account-error">
          {dialog.formError}
        </p>
      )}
      <footer className="dialog__footer">
        <button
          type="button"
          className="button button--danger"
          data-testid="account-disconnect"
          onClick={() => askDisconnect(true)}
        >
          Disconnect…
        </button>
        <span className="spacer" />
        <button type="button" className="button" data-autofocus onClick={close}>
          Close
        </button>
      </footer>
    </>
  );
}
