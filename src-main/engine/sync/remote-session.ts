import { RemoteError, type RemoteClient } from './remote-client';

export type RemoteSessionOptions = {
  client: Pick<RemoteClient, 'createSession'>;
  login: string;
  password: string;
  /** A token persisted from an earlier run, or null to sign in on first use. */
  token: string | null;
  /** Called with every new token, so the caller can persist it (in the secret store). */
  onToken(token: string): void;
};

export type RemoteSession = {
  /**
   * Runs `fn` with a valid token. On a 401 the session is renewed once and `fn` replayed; a second
   * 401 is thrown as it is. Throws a `needsSignIn` error when the remote refuses the credentials.
   */
  call<T>(fn: (token: string) => Promise<T>): Promise<T>;
  readonly token: string | null;
};

/**
 * Session handling for the sync worker (SYNC.md, "401 → renew the session once (single-flight)
 * and replay, else 'sign in again'"). Tokens last two hours from their last use, so a worker that
 * sleeps through a night always meets a 401 first.
 */
export function createRemoteSession(options: RemoteSessionOptions): RemoteSession {
  const { client, login, password } = options;
  let token = options.token;
  let renewal: Promise<string> | null = null;
  // Once the remote has refused the credentials, asking again with the same ones would only
  // hammer its login endpoint (and could lock the account): the user has to sign in again.
  let refused: RemoteError | null = null;

  async function createSession(): Promise<string> {
    try {
      const reply = await client.createSession(login, password);
      token = reply.value.token;
      options.onToken(token);
      return token;
    } catch (error) {
      if (
        error instanceof RemoteError &&
        error.kind === 'http' &&
        (error.status === 401 || error.status === 422)
      ) {
        refused = new RemoteError('http', 'The remote refused the stored credentials', {
          status: 401,
          body: error.body,
          serverDate: error.serverDate,
          needsSignIn: true,
          cause: error,
        });
        throw refused;
      }
      throw error;
    }
  }

  /** A token newer than `stale`: the current one if someone renewed already, else a new session. */
  function renew(stale: string | null): Promise<string> {
    if (refused) return Promise.reject(refused);
    if (token !== null && token !== stale) return Promise.resolve(token);
    renewal ??= createSession().finally(() => {
      renewal = null;
    });
    return renewal;
  }

  return {
    async call<T>(fn: (token: string) => Promise<T>): Promise<T> {
      const used = token ?? (await renew(null));
      try {
        return await fn(used);
      } catch (error) {
        if (!(error instanceof RemoteError && error.isSessionExpired)) throw error;
        return await fn(await renew(used));
      }
    },
    get token() {
      return token;
    },
  };
}
