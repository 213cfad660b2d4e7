import { RemoteError } from './remote-client';

/**
 * What a failed remote call means for the queue (SYNC.md, "Push"): `refused` for good (400, 403,
 * 422: the meeting shows `error`), `gone` (404), `sign_in` (the session could not be renewed),
 * `rate_limited` (429: the whole queue waits), and `transient` for everything else (network,
 * timeouts, 5xx, an answer cut off), which never changes a meeting's state or content.
 */
export type FailureKind = 'refused' | 'gone' | 'sign_in' | 'rate_limited' | 'transient';

export type Failure = {
  kind: FailureKind;
  /** True when the remote was not reached at all (or did not answer): the status says offline. */
  offline: boolean;
  retryAfterMs: number | null;
  message: string;
};

export function classify(error: unknown): Failure {
  if (!(error instanceof RemoteError)) throw error;
  const base = { retryAfterMs: error.retryAfterMs, offline: false, message: error.message };
  if (error.needsSignIn) return { ...base, kind: 'sign_in' };
  if (error.kind !== 'http' || error.status === null) {
    return { ...base, kind: 'transient', offline: error.kind !== 'bad_response' };
  }
  const status = error.status;
  if (status === 400 || status === 403 || status === 422) {
    return { ...base, kind: 'refused', message: refusalText(error.body) ?? error.message };
  }
  if (status === 404) return { ...base, kind: 'gone' };
  if (status === 429) return { ...base, kind: 'rate_limited' };
  return { ...base, kind: 'transient' };
}

/** The API's `{"errors": {"field": ["message"]}}` as one line a person can read. */
export function refusalText(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('errors' in body)) return null;
  const { errors } = body;
  if (Array.isArray(errors)) return errors.map(String).join('; ') || null;
  if (typeof errors !== 'object' || errors === null) return null;
  const parts = Object.entries(errors as Record<string, unknown>).map(([field, messages]) => {
    const text = Array.isArray(messages) ? messages.map(String).join(', ') : String(messages);
    return field === 'base' ? text : `${field} ${text}`;
  });
  return parts.join('; ') || null;
}

const BACKOFF_BASE_MS = 2_000;
const BACKOFF_CAP_MS = 5 * 60_000;

/** Capped exponential backoff with full jitter: attempt 1 waits up to 2 s, then 4 s, ... 5 min. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling * random());
}

/** Without a `Retry-After`, a 429 still pauses the queue this long. */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 30_000;
