import type { Meeting } from '../../shared/meetings-api-types';
import { fingerprint } from './meeting-fields';
import type { OutboxEntry } from './outbox-repo';

/**
 * Whether `m` (hosted by this account, adopted by no row) is what the lost POST of `entry` made
 * (SYNC.md, "Lost responses"): it carries exactly what was sent. A copy edited elsewhere before
 * this device found it again cannot be told from a meeting the person made there at the same
 * moment, so it is not taken (a duplicate can be deleted; a meeting merged into another is lost).
 */
export function madeByLostPost(entry: OutboxEntry, m: Meeting): boolean {
  if (entry.attempt_body === null) return false;
  return fingerprint(m) === fingerprint(JSON.parse(entry.attempt_body) as Meeting);
}

/** The closest in time to the attempt, when several identical meetings qualify. */
export function nearestToAttempt(entry: OutboxEntry, found: readonly Meeting[], skewMs: number) {
  const attempted = (entry.attempted_at_ms ?? 0) + skewMs;
  const distance = (m: Meeting) => Math.abs(Date.parse(m.created_at) - attempted);
  return [...found].sort((a, b) => distance(a) - distance(b))[0];
}
