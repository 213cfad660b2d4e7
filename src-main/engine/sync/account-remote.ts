import type { Recording } from '../../shared/meetings-api-types';
import type { Logger } from '../engine';
import type { AccountRepo, AccountRow } from './account-repo';
import type { RemoteMeetings } from './pass-context';
import { createRemoteClient, type RemoteReply } from './remote-client';
import { createRemoteSession } from './remote-session';
import type { SecretStore } from './secret-store';

export type AccountRemote = {
  meetings: RemoteMeetings;
  skewMs: () => number;
  /** A meeting's recordings (by its remote `_id`), each with a freshly signed link. */
  recordings: (meetingId: string) => Promise<RemoteReply<Recording[]>>;
};

/**
 * The remote of the connected account: its secrets unsealed only here, the session token
 * persisted (sealed) each time it is renewed, and the remote's clock offset read off every answer.
 * Rebuilt when the account changes; one per account otherwise, so renewals are single-flight.
 */
export function createAccountRemotes(deps: {
  account: AccountRepo;
  secrets: SecretStore;
  logger: Logger;
  fetch: typeof fetch;
  now: () => number;
  timeoutMs?: number;
}) {
  let cached: { key: string; remote: Promise<AccountRemote> } | undefined;

  async function build(row: AccountRow): Promise<AccountRemote> {
    const { secrets } = deps;
    const [authKey, password, token] = await Promise.all([
      secrets.unseal(row.auth_key_sealed),
      secrets.unseal(row.password_sealed),
      row.token_sealed === null ? null : secrets.unseal(row.token_sealed),
    ]);
    const client = createRemoteClient({
      serverUrl: row.server_url,
      appId: row.app_id,
      authKey,
      fetch: deps.fetch,
      ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
    });
    const session = createRemoteSession({
      client,
      login: row.login,
      password,
      token,
      onToken: (fresh) => {
        // Kept for the next launch; losing it only costs one more sign-in then.
        secrets.seal(fresh).then(
          (sealed) => deps.account.setToken(sealed),
          (error: unknown) =>
            deps.logger.warn('could not keep the session token', { error: String(error) }),
        );
      },
    });
    let skew = 0;
    const timed = async <T>(reply: Promise<RemoteReply<T>>): Promise<RemoteReply<T>> => {
      const result = await reply;
      if (result.serverDate !== null) skew = result.serverDate - deps.now();
      return result;
    };
    return {
      skewMs: () => skew,
      recordings: (id) => timed(session.call((t) => client.listRecordings(t, id))),
      meetings: {
        list: (params) => timed(session.call((t) => client.listMeetings(t, params))),
        create: (body) => timed(session.call((t) => client.createMeeting(t, body))),
        update: (id, body) => timed(session.call((t) => client.updateMeeting(t, id, body))),
        remove: (id) => timed(session.call((t) => client.deleteMeeting(t, id))),
        user: (id) => timed(session.call((t) => client.getUser(t, id))),
      },
    };
  }

  return {
    current(): Promise<AccountRemote> | null {
      const row = deps.account.get();
      if (!row) {
        cached = undefined;
        return null;
      }
      // A new sign-in (new password) or a new account makes a new remote, with a new session.
      const key = `${row.connected_at}|${row.server_url}|${row.login}|${row.password_sealed}`;
      if (cached?.key !== key) cached = { key, remote: build(row) };
      return cached.remote;
    },
  };
}
