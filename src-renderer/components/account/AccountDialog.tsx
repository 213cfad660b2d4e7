import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/AppStoreProvider';
import { Dialog } from '../Dialog';
import { AccountDetails } from './AccountDetails';
import { ConnectForm } from './ConnectForm';
import { DisconnectConfirm } from './DisconnectConfirm';

/** Connect an account, sign in to it again, or disconnect it. */
export function AccountDialog() {
  const baseId = useId();
  const { dialog, account, needsSignIn, pending } = useAppStore(
    useShallow((s) => ({
      dialog: s.accountDialog,
      account: s.account,
      needsSignIn: s.syncStatus?.state === 'needs_sign_in',
      pending: s.syncStatus?.pending ?? 0,
    })),
  );
  const close = useAppStore((s) => s.closeAccountDialog);
  if (!dialog) return null;

  const signIn = account !== null && needsSignIn;
  const title = dialog.confirmingDisconnect
    ? 'Disconnect the account'
    : !account
      ? 'Connect an account'
      : signIn
        ? 'Sign in again'
        : 'Account';

  return (
    <Dialog
      labelledBy={`${baseId}-title`}
      onClose={close}
      className="account"
      testId="account-dialog"
    >
      <header className="dialog__header">
        <h2 id={`${baseId}-title`}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={close}>
          ×
        </button>
      </header>
      {account && dialog.confirmingDisconnect ? (
        <DisconnectConfirm baseId={baseId} dialog={dialog} pending={pending} />
      ) : account && !signIn ? (
        <AccountDetails account={account} dialog={dialog} />
      ) : (
        <ConnectForm baseId={baseId} dialog={dialog} signIn={signIn} />
      )}
    </Dialog>
  );
}
