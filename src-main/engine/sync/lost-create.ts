import type { Meeting } from '../../shared/meetings-api-types';
import { fingerprint } from './meeting-fields';
import type { OutboxEntry } from './outbox-repo';

/**
 * The server stamps `created_at` while it handles the POST, so a meeting a lost POST made was
 * created between a little before the attempt (our clock versus theirs, to the second) and the
 * request's timeout after it.
 */
const FLIGHT_BEFORE_MS = 5_000;
const FLIGHT_AFTER_MS = 2 * 60_000;

/** What a lost POST sent, as the meeting it would have made on the remote (before any edit). */
export function sentAs(entry: OutboxEntry, remote: Meeting): Meeting {
  // The body's `chat` is a request to the remote, not a field of the meeting it made.
  const sent = JSON.parse(entry.attempt_body ?? '{}') as Record<string, unknown>;
  delete sent.chat;
  return { ...remote, ...sent };
}

/**
 * Whether `m` (hosted by this account, adopted by no row) is what the lost POST of `entry` made
 * (SYNC.md, "Lost responses"): `exact` when it carries what was sent; `edited` when it differs
 * but was created within the POST's flight and changed since, as another device of the same
 * person may have done before this one found it again. An unedited meeting that differs was
 * made by someone else's request, never by ours.
 */
export function madeByLostPost(
  entry: OutboxEntry,
  m: Meeting,
  skewMs: number,
): 'exact' | 'edited' | null {
  if (entry.attempt_body === null || entry.attempted_at_ms === null) return null;
  const sent = JSON.parse(entry.attempt_body) as Meeting;
  if (fingerprint(m) === fingerprint(sent)) return 'exact';
  const created = Date.parse(m.created_at);
  const attempted = entry.attempted_at_ms + skewMs;
  const inFlight =
    created >= attempted - FLIGHT_BEFORE_MS && created <= attempted + FLIGHT_AFTER_MS;
  return inFlight && Date.parse(m.updated_at) > created ? 'edited' : null;
}

/** The closest in time to the attempt, when several identical meetings qualify. */
export function nearestToAttempt(entry: OutboxEntry, found: readonly Meeting[], skewMs: number) {
  const attempted = (entry.attempted_at_ms ?? 0) + skewMs;
  const distance = (m: Meeting) => Math.abs(Date.parse(m.created_at) - attempted);
  return [...found].sort((a, b) => distance(a) - distance(b))[0];
}
