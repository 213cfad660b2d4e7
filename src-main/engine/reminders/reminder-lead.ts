import { Temporal } from 'temporal-polyfill';
import type { NotifyBefore } from '../../shared/meetings-api-types';

const MINUTE_MS = 60_000;

/** A lead as stored with its reminder: a different lead makes it a different reminder. */
export const leadKey = (lead: NotifyBefore): string => `${String(lead.value)} ${lead.metric}`;

/**
 * When a reminder `lead` before a meeting starting at `startSeconds` is due, in Unix ms.
 *
 * Minutes and hours are durations. Days and weeks are calendar days in the meeting's own zone
 * (else the computer's): "1 day before" a 09:00 meeting is 09:00 the day before, also when a DST
 * change falls in between (then 23 or 25 hours earlier), because that is what a person means by it
 * and what a calendar shows. Wall times that a DST gap skips move forward, as Temporal does.
 */
export function reminderDueMs(
  startSeconds: number,
  lead: NotifyBefore,
  /** The zone, or how to learn it (only days and weeks need one). */
  zone: string | (() => string),
): number {
  const startMs = startSeconds * 1000;
  switch (lead.metric) {
    case 'minutes':
      return startMs - lead.value * MINUTE_MS;
    case 'hours':
      return startMs - lead.value * 60 * MINUTE_MS;
    case 'days':
    case 'weeks': {
      const days = lead.metric === 'weeks' ? lead.value * 7 : lead.value;
      return Temporal.Instant.fromEpochMilliseconds(startMs)
        .toZonedDateTimeISO(typeof zone === 'string' ? zone : zone())
        .subtract({ days })
        .toInstant().epochMilliseconds;
    }
  }
}

/** The zone this computer is in (IANA id), for meetings planned without one. */
export const systemZone = (): string => Temporal.Now.timeZoneId();
