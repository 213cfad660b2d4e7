import type { AccountDto, AppError, SyncStatusDto } from '../../src-main/shared/contract';
import {
  accountFieldErrors,
  accountFormFrom,
  emptyAccountForm,
  isAccountField,
  parseAccountForm,
  type AccountForm,
} from '../lib/account-form';
import type { FieldErrors } from '../lib/editor-form';
import { plural } from '../lib/sync-labels';
import type { SliceCreator } from './store-types';

export type AccountDialogState = {
  form: AccountForm;
  fieldErrors: FieldErrors;
  formError: string | null;
  busy: 'connecting' | 'disconnecting' | null;
  /** Asking whether to keep the meetings you host before disconnecting. */
  confirmingDisconnect: boolean;
};

export type SyncSlice = {
  /** null until the engine has answered `sync:status`. */
  syncStatus: SyncStatusDto | null;
  account: AccountDto | null;
  /** A "Sync now" is on its way: the button stays disabled until it answers. */
  syncRequested: boolean;
  accountDialog: AccountDialogState | null;
  /** At startup, and after a gap in the pushes: the account and the status, both from the engine. */
  loadSync: () => Promise<void>;
  /** A `sync:changed` push. */
  applySyncStatus: (status: SyncStatusDto) => void;
  syncNow: () => Promise<void>;
  openAccountDialog: () => void;
  closeAccountDialog: () => void;
  editAccountForm: (patch: Partial<AccountForm>) => void;
  connect: (form: AccountForm) => Promise<boolean>;
  askDisconnect: (asking: boolean) => void;
  disconnect: (keepLocalCopies: boolean) => Promise<boolean>;
};

/**
 * The message above the form. A refusal (wrong password, server unreachable) in the engine's own
 * words, even when it also marks the field to look at; for invalid input the field errors are
 * shown beside their fields, so then only a pointer to them (the engine's message names fields as
 * the API does), plus any the form has no place for.
 */
function connectMessage(error: AppError): string {
  const fields = Object.entries(error.fields ?? {});
  if (fields.length === 0 || error.code !== 'validation') return error.message;
  const stray = fields.filter(([key]) => !isAccountField(key));
  if (stray.length === 0) return 'Please correct the fields marked below.';
  return [error.message, ...stray.map(([key, m]) => `${key}: ${m.join(', ')}`)].join(' ');
}

function newDialog(form: AccountForm): AccountDialogState {
  return { form, fieldErrors: {}, formError: null, busy: null, confirmingDisconnect: false };
}

export const createSyncSlice: SliceCreator<SyncSlice> =
  ({ api }) =>
  (set, get) => {
    // Counts pushes: an answer to `sync:status` asked before the latest push is older than it.
    let statusSeq = 0;

    const updateDialog = (patch: Partial<AccountDialogState>) => {
      const current = get().accountDialog;
      if (current) set({ accountDialog: { ...current, ...patch } });
    };

    const refreshAccount = async () => {
      const result = await api['account:get']({});
      if (result.ok) set({ account: result.value });
    };

    const refreshStatus = async () => {
      const seq = statusSeq;
      const result = await api['sync:status']({});
      if (result.ok && seq === statusSeq) set({ syncStatus: result.value });
    };

    /** Connecting re-keys the profile and disconnecting may remove meetings: show what is true now. */
    const afterAccountChange = () => {
      void get().loadProfile();
      const range = get().loadedRange;
      if (range) void get().loadRange(range);
      void refreshStatus();
    };

    return {
      syncStatus: null,
      account: null,
      syncRequested: false,
      accountDialog: null,

      loadSync: async () => {
        await Promise.all([refreshAccount(), refreshStatus()]);
      },

      applySyncStatus: (status) => {
        statusSeq += 1;
        set({ syncStatus: status });
        // The account changed elsewhere (another window connected or disconnected it).
        if ((status.state === 'signed_out') !== (get().account === null)) void refreshAccount();
      },

      syncNow: async () => {
        if (get().syncRequested || !get().account) return;
        set({ syncRequested: true });
        const result = await api['sync:now']({});
        set({ syncRequested: false });
        if (result.ok) {
          get().applySyncStatus(result.value);
          return;
        }
        get().pushToast({ kind: 'error', message: `Couldn't sync: ${result.error.message}` });
      },

      openAccountDialog: () => {
        const { account } = get();
        set({ accountDialog: newDialog(account ? accountFormFrom(account) : emptyAccountForm()) });
      },

      // Dropping the dialog's state also drops the typed password and auth key.
      closeAccountDialog: () => set({ accountDialog: null }),

      editAccountForm: (patch) => {
        const dialog = get().accountDialog;
        if (!dialog) return;
        const edited = new Set(Object.keys(patch));
        const fieldErrors = Object.fromEntries(
          Object.entries(dialog.fieldErrors).filter(([key]) => !edited.has(key)),
        );
        updateDialog({ form: { ...dialog.form, ...patch }, fieldErrors });
      },

      connect: async (form) => {
        const dialog = get().accountDialog;
        if (dialog?.busy) return false;
        // The dialog's state is where the answer (errors, the busy button) is shown.
        if (!dialog) set({ accountDialog: newDialog(form) });
        const parsed = parseAccountForm(form);
        if (!parsed.ok) {
          updateDialog({
            form,
            fieldErrors: parsed.fields,
            formError: 'Please correct the fields marked below.',
          });
          return false;
        }
        updateDialog({ form, busy: 'connecting', formError: null, fieldErrors: {} });
        const result = await api['account:connect'](parsed.arg);
        if (!result.ok) {
          updateDialog({
            busy: null,
            fieldErrors: accountFieldErrors(result.error.fields),
            formError: connectMessage(result.error),
          });
          return false;
        }
        set({ account: result.value, accountDialog: null });
        get().pushToast({
          kind: 'info',
          message: `Connected as ${result.value.login}. Your meetings will sync now.`,
        });
        afterAccountChange();
        return true;
      },

      askDisconnect: (asking) => updateDialog({ confirmingDisconnect: asking, formError: null }),

      disconnect: async (keepLocalCopies) => {
        if (get().accountDialog?.busy) return false;
        updateDialog({ busy: 'disconnecting', formError: null });
        const result = await api['account:disconnect']({ keepLocalCopies });
        if (!result.ok) {
          updateDialog({
            busy: null,
            formError: `Couldn't disconnect: ${result.error.message}`,
          });
          return false;
        }
        const { kept, removed } = result.value;
        set({ account: null, accountDialog: null });
        get().pushToast({
          kind: 'info',
          message: keepLocalCopies
            ? `Disconnected. Kept ${plural(kept, 'meeting')} on this computer.`
            : `Disconnected. Removed ${plural(removed, 'meeting')} from this computer.`,
        });
        afterAccountChange();
        return true;
      },
    };
  };
