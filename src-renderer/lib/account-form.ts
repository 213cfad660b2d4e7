import {
  handlerArgSchemas,
  type AccountDto,
  type HandlerArgs,
} from '../../src-main/shared/contract';
import type { FieldErrors } from './editor-form';

/** The account dialog's inputs, as typed (strings), kept so an error never costs what was entered. */
export type AccountForm = {
  serverUrl: string;
  appId: string;
  authKey: string;
  login: string;
  password: string;
};

export type AccountField = keyof AccountForm;

export const ACCOUNT_FIELD_LABELS: Readonly<Record<AccountField, string>> = {
  serverUrl: 'Server URL',
  appId: 'Application ID',
  authKey: 'Auth key',
  login: 'Login',
  password: 'Password',
};

export function emptyAccountForm(): AccountForm {
  return { serverUrl: '', appId: '', authKey: '', login: '', password: '' };
}

/** Signing in again to the same account: everything but the secrets, which the form never shows. */
export function accountFormFrom(account: AccountDto): AccountForm {
  return {
    serverUrl: account.serverUrl,
    appId: String(account.appId),
    authKey: '',
    login: account.login,
    password: '',
  };
}

const MAX_APP_ID = 2 ** 31 - 1;

export type ParsedAccountForm =
  { ok: true; arg: HandlerArgs['account:connect'] } | { ok: false; fields: FieldErrors };

/**
 * What `account:connect` is sent, checked first against the contract's own schema so that every
 * missing field is marked at once, before a round trip. The URL rules (https except for localhost)
 * are the engine's and come back as field errors.
 */
export function parseAccountForm(form: AccountForm): ParsedAccountForm {
  const fields: Record<string, string[]> = {};
  const appIdText = form.appId.trim();
  const appId = /^\d+$/.test(appIdText) ? Number(appIdText) : Number.NaN;
  if (appIdText === '') fields.appId = ['is required'];
  else if (!(appId >= 1 && appId <= MAX_APP_ID)) fields.appId = ['must be a positive number'];
  if (form.serverUrl.trim() === '') fields.serverUrl = ['is required'];
  const arg = {
    serverUrl: form.serverUrl.trim(),
    appId,
    // Keys and passwords are taken exactly as typed: a space may be part of them.
    authKey: form.authKey,
    login: form.login.trim(),
    password: form.password,
  };
  // The app id was judged above (in words for a text box); the schema checks the rest.
  const checked = handlerArgSchemas['account:connect'].safeParse({ ...arg, appId: 1 });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = String(issue.path[0] ?? 'form');
      (fields[key] ??= []).push(issue.message);
    }
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields: accountFieldErrors(fields) };
  return { ok: true, arg };
}

/**
 * The engine's messages are fragments meant to follow the field's name ("is required"); beside
 * the field they read better as a sentence ("Login is required"). Full sentences pass unchanged.
 */
export function accountFieldErrors(fields: Record<string, string[]> | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(fields ?? {})) {
    const label = key in ACCOUNT_FIELD_LABELS ? ACCOUNT_FIELD_LABELS[key as AccountField] : key;
    out[key] = messages.map((m) => (/^[a-z]/.test(m) ? `${label} ${m}` : m));
  }
  return out;
}

export function isAccountField(key: string): key is AccountField {
  return key in ACCOUNT_FIELD_LABELS;
}
