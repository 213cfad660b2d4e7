import type { AccountDto } from '../../shared/contract';
import type { User } from '../../shared/meetings-api-types';
import { isoAt, type Clock } from '../clock';
import type { Database } from '../db/database';
import { sql } from '../db/sql';
import { EngineError } from '../errors';
import type { MeetingsRepo } from '../meetings/meetings-repo';
import type { SettingsRepo } from '../settings/settings-repo';
import type { AccountRepo, AccountRow } from './account-repo';
import type { MeetingSyncRepo } from './meeting-sync-repo';
import type { OutboxRepo } from './outbox-repo';
import { createRemoteClient, RemoteError } from './remote-client';
import type { SecretStore } from './secret-store';
import { validateServerUrl } from './server-url';

export type ConnectInput = {
  serverUrl: string;
  appId: number;
  authKey: string;
  login: string;
  password: string;
};

export type AccountServiceDeps = {
  /** Queues a meeting to be made on the remote as new (the sync store's). */
  queueCreate: (localId: number) => void;
  db: Database;
  clock: Clock;
  settings: SettingsRepo;
  meetings: MeetingsRepo;
  rows: MeetingSyncRepo;
  outbox: OutboxRepo;
  account: AccountRepo;
  secrets: SecretStore;
  fetch: typeof fetch;
  profileId: () => number;
};

export function toAccountDto(row: AccountRow): AccountDto {
  return {
    serverUrl: row.server_url,
    appId: row.app_id,
    login: row.login,
    userId: row.remote_user_id,
    connectedAt: row.connected_at,
  };
}

/** Why the remote would not open a session, in words for the person, by what went wrong. */
function connectError(error: unknown, host: string): EngineError {
  if (!(error instanceof RemoteError)) throw error;
  if (error.kind === 'network' || error.kind === 'timeout') {
    return new EngineError(
      'unavailable',
      `Couldn't reach ${host}. Check the server address and your connection.`,
    );
  }
  const text = JSON.stringify(error.body ?? '');
  if (error.status === 422 && /application_id|auth_key/.test(text)) {
    return new EngineError('unauthorized', 'The server refused the application ID or auth key.', {
      authKey: ['was refused by the server (check it and the application ID)'],
    });
  }
  if (error.status === 401 || error.status === 422) {
    return new EngineError('unauthorized', 'Wrong login or password.', {
      password: ['does not match this login on the server'],
    });
  }
  if (error.status === 403) {
    return new EngineError('unauthorized', 'The server does not let this login sign in.');
  }
  return new EngineError(
    'unavailable',
    `${host} did not answer like a Meetings API server${error.status ? ` (HTTP ${error.status})` : ''}.`,
  );
}

/**
 * Connecting and disconnecting the remote account (SYNC.md, "Roles and identity"). The password is
 * checked by opening a session before anything is saved; then, in one transaction, the local
 * profile becomes the remote user and every meeting it hosts (drafts apart) is queued.
 */
export function createAccountService(deps: AccountServiceDeps) {
  const { db, meetings, rows, outbox, account, secrets, clock } = deps;

  /** The local profile takes the remote user's id, everywhere a user id is stored. */
  function rekeyProfile(remote: User): void {
    const from = deps.profileId();
    const to = remote.id;
    if (from !== to) {
      db.run(sql`DELETE FROM sessions WHERE user_id IN (${from}, ${to})`);
      // A user row already under that id can only be a stale copy of the same remote user.
      db.run(sql`DELETE FROM users WHERE id = ${to}`);
      db.run(sql`UPDATE users SET id = ${to} WHERE id = ${from}`);
      db.run(sql`UPDATE meetings SET host_id = ${to} WHERE host_id = ${from}`);
      db.run(sql`UPDATE meeting_attendees SET user_id = ${to} WHERE user_id = ${from}`);
      db.run(sql`UPDATE dialogs SET user_id = ${to} WHERE user_id = ${from}`);
      db.run(sql`UPDATE OR IGNORE dialog_occupants SET user_id = ${to} WHERE user_id = ${from}`);
      deps.settings.set('local_profile_user_id', String(to));
    }
    // The account's e-mail matters: meetings addressed to it are this person's too.
    db.run(sql`UPDATE users SET login = ${remote.login}, email = ${remote.email},
               full_name = coalesce(${remote.full_name}, full_name) WHERE id = ${to}`);
  }

  /** Every meeting this profile hosts, not a draft, not on the remote yet: queued to be created. */
  function queueLocalMeetings(hostId: number): void {
    const local = db.all<{ id: number }>(sql`SELECT m.id FROM meetings m
      LEFT JOIN meeting_sync s ON s.meeting_id = m.id
      WHERE m.host_id = ${hostId} AND m._id IS NULL AND coalesce(s.draft, 0) = 0`);
    for (const { id } of local) deps.queueCreate(id);
  }

  return {
    get: (): AccountDto | null => {
      const row = account.get();
      return row ? toAccountDto(row) : null;
    },

    async connect(input: ConnectInput): Promise<AccountDto> {
      const serverUrl = validateServerUrl(input.serverUrl);
      const login = input.login.trim();
      const existing = account.get();
      // The same account again is signing in again (the saved password stopped working): the
      // outbox and every meeting stay. Another account needs a disconnect first, so two
      // accounts' meetings are never mixed.
      const signingInAgain =
        existing !== undefined &&
        existing.server_url === serverUrl &&
        existing.app_id === input.appId &&
        existing.login.toLowerCase() === login.toLowerCase();
      if (existing && !signingInAgain) {
        throw new EngineError(
          'bad_request',
          `Already connected as ${existing.login} to ${existing.server_url}: disconnect first.`,
        );
      }
      const client = createRemoteClient({
        serverUrl,
        appId: input.appId,
        authKey: input.authKey,
        fetch: deps.fetch,
      });
      let session;
      try {
        session = (await client.createSession(login, input.password)).value;
      } catch (error) {
        throw connectError(error, new URL(serverUrl).host);
      }
      const { token, user } = session;
      const [authKeySealed, passwordSealed, tokenSealed] = await Promise.all([
        secrets.seal(input.authKey),
        secrets.seal(input.password),
        secrets.seal(token),
      ]);
      return db.transaction(() => {
        const now = account.get();
        if (signingInAgain && now) {
          if (user.id !== now.remote_user_id) {
            throw new EngineError(
              'bad_request',
              'That login is now a different user: disconnect first.',
            );
          }
          account.replaceCredentials(authKeySealed, passwordSealed, tokenSealed);
          return toAccountDto(now);
        }
        if (now) throw new EngineError('bad_request', 'Already connected: disconnect first.');
        rekeyProfile(user);
        account.insert({
          server_url: serverUrl,
          app_id: input.appId,
          login,
          remote_user_id: user.id,
          auth_key_sealed: authKeySealed,
          password_sealed: passwordSealed,
          token_sealed: tokenSealed,
          connected_at: isoAt(clock.now()),
        });
        queueLocalMeetings(user.id);
        const row = account.get();
        if (!row) throw new Error('the account vanished inside its transaction');
        return toAccountDto(row);
      });
    },

    /**
     * Forgets the account. `keepLocalCopies`: the meetings this person hosts stay as local
     * meetings (they will be sent again to whatever account is connected next); otherwise those
     * the remote has are removed. Meetings that never reached the remote are always kept, and
     * meetings hosted by others always go: they belong to the account, and come back with it.
     */
    disconnect(keepLocalCopies: boolean): { kept: number; removed: number } {
      return db.transaction(() => {
        const me = deps.profileId();
        const all = db.all<{
          id: number;
          _id: string | null;
          host_id: number;
          chat_dialog_id: string | null;
          deleted: number | null;
        }>(sql`SELECT m.id, m._id, m.host_id, m.chat_dialog_id, s.deleted FROM meetings m
               LEFT JOIN meeting_sync s ON s.meeting_id = m.id`);
        let kept = 0;
        let removed = 0;
        for (const m of all) {
          const mine = m.host_id === me;
          if (!mine || m.deleted === 1 || (m._id !== null && !keepLocalCopies)) {
            meetings.remove(m.id);
            removed += 1;
            continue;
          }
          meetings.setObjectId(m.id, null);
          db.run(sql`UPDATE meetings SET chat_dialog_id = NULL WHERE id = ${m.id}`);
          rows.put(m.id, {
            state: 'local',
            // Its chat was the old account's: the next account is asked for one of its own.
            ...(m.chat_dialog_id !== null ? { chat: 1 } : {}),
            base: null,
            theirs: null,
            conflict_kind: null,
            message: null,
          });
          kept += 1;
        }
        outbox.clear();
        account.remove();
        return { kept, removed };
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
