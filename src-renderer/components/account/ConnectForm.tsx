import type { AccountField } from '../../lib/account-form';
import { ACCOUNT_FIELD_LABELS } from '../../lib/account-form';
import { useAppStore } from '../../store/AppStoreProvider';
import type { AccountDialogState } from '../../store/sync-slice';
import { TextField } from './TextField';

type Props = {
  baseId: string;
  dialog: AccountDialogState;
  /** Signing in again to the connected account: which account it is cannot change here. */
  signIn: boolean;
};

/** The sign-in form: where the account lives, and who you are there. */
export function ConnectForm({ baseId, dialog, signIn }: Props) {
  const editAccountForm = useAppStore((s) => s.editAccountForm);
  const connect = useAppStore((s) => s.connect);
  const close = useAppStore((s) => s.closeAccountDialog);
  const askDisconnect = useAppStore((s) => s.askDisconnect);
  const { form, fieldErrors: errors, formError, busy } = dialog;
  const connecting = busy === 'connecting';
  const field = (key: AccountField) => ({
    baseId,
    field: key,
    label: ACCOUNT_FIELD_LABELS[key],
    value: form[key],
    errors: errors[key],
    onChange: (value: string) => editAccountForm({ [key]: value }),
  });

  return (
    <form
      className="account__form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void connect(form);
      }}
    >
      <p className="account__intro">
        {signIn
          ? 'The server no longer accepts the saved sign-in. Enter the auth key and your password to go on syncing; changes waiting to be sent are kept.'
          : 'Sync your meetings with a ConnectyCube account or a Convene server. They stay on this computer too, and you can go on working offline.'}
      </p>
      {formError && (
        <p className="notice notice--error" role="alert" data-testid="account-error">
          {formError}
        </p>
      )}
      <fieldset className="editor__fields" disabled={connecting}>
        <TextField
          {...field('serverUrl')}
          testId="account-server-url"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://api.connectycube.com"
          hint="https is required, except for a server on this computer (localhost, 127.0.0.1)."
          readOnly={signIn}
          autoFocus={!signIn}
        />
        <div className="field-pair">
          <TextField
            {...field('appId')}
            testId="account-app-id"
            inputMode="numeric"
            readOnly={signIn}
          />
          <TextField
            {...field('authKey')}
            testId="account-auth-key"
            type="password"
            autoFocus={signIn}
          />
        </div>
        <TextField
          {...field('login')}
          testId="account-login"
          autoComplete="username"
          readOnly={signIn}
        />
        <TextField
          {...field('password')}
          testId="account-password"
          type="password"
          autoComplete="current-password"
        />
      </fieldset>
      <footer className="dialog__footer">
        {signIn && (
          <button
            type="button"
            className="button button--danger"
            data-testid="account-disconnect"
            disabled={connecting}
            onClick={() => askDisconnect(true)}
          >
            Disconnect…
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button--primary"
          data-testid="account-connect"
          disabled={connecting}
        >
          {connecting ? 'Connecting…' : signIn ? 'Sign in' : 'Connect'}
        </button>
      </footer>
    </form>
  );
}
