import type { Recording } from '../../shared/meetings-api-types';
import { EngineError } from '../errors';
import type { AccountRemote } from '../sync/account-remote';
import { RemoteError } from '../sync/remote-client';

/** The connected account's remote, or null (no account). */
export type RemoteSource = () => Promise<AccountRemote> | null;

/**
 * A synced meeting's recordings from the remote (`GET /meetings/recordings/{_id}.json`, what the
 * SDK's `meeting.getRecordings` sends), with each failure said as an error the window can show.
 */
export async function fetchRecordings(
  remote: RemoteSource,
  serverId: string,
): Promise<Recording[]> {
  const pending = remote();
  if (!pending) throw new EngineError('bad_request', 'No account is connected');
  try {
    return (await (await pending).recordings(serverId)).value;
  } catch (error) {
    throw remoteFailure(error);
  }
}

export function remoteFailure(error: unknown): EngineError {
  if (error instanceof RemoteError) {
    if (error.needsSignIn) return new EngineError('unauthorized', 'Sign in to the account again');
    if (error.kind === 'http' && error.status === 404)
      return new EngineError('not_found', 'The server does not know this meeting');
    if (error.kind === 'http' && error.status === 403)
      return new EngineError('forbidden', 'The server does not let you see these recordings');
  }
  return new EngineError('unavailable', 'The server could not be reached; try again later');
}

/** Whether a failure is worth retrying later (the network, the server busy) or final. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof RemoteError)) return !(error instanceof EngineError);
  if (error.needsSignIn) return false;
  return (
    error.kind !== 'http' || error.status === null || error.status >= 500 || error.status === 429
  );
}
