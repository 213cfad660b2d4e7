import type { MeetingId, ReminderDto, SnoozeChoice } from '../../shared/contract';
import type { NotifyBefore } from '../../shared/meetings-api-types';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { sql } from '../db/sql';
import { notFound, validationError } from '../errors';
import { leadKey, reminderDueMs, systemZone } from './reminder-lead';
import { createRemindersRepo, type DirtyMeeting, type ReminderRow } from './reminders-repo';

const MINUTE_MS = 60_000;
/** Shown later than this after it came due, a reminder was missed while closed or asleep. */
export const CATCH_UP_AFTER_MS = 2 * MINUTE_MS;
/** A shown reminder stays in the list until dismissed, or this long after its meeting ended. */
const KEEP_SHOWN_AFTER_END_S = 12 * 3600;
/** Dirty marks derived per round (a pull of thousands of meetings is done in a few rounds). */
const DERIVE_BATCH = 2_000;

export type RemindersDeps = {
  db: Database;
  clock: Clock;
  /** Who "you" are: the local profile (the remote user once an account is connected). */
  profileId: () => number;
  defaultReminder: () => NotifyBefore | null;
  joinLink: (serverId: string) => string | null;
  zone?: () => string;
};

/**
 * Reminders derived from meetings (DESIGN.md, "Reminders and recordings"): which meetings have
 * one and when it is due, what has been shown, snoozed or dismissed. Every decision is here, in
 * plain Node against SQLite; the shells only show what `fire` and `showing` return.
 */
export function createReminders(deps: RemindersDeps) {
  const { db, clock } = deps;
  const repo = createRemindersRepo(db);
  const zone = deps.zone ?? systemZone;

  function desired(m: DirtyMeeting, defaultLead: NotifyBefore | null, localZone: () => string) {
    if (m.exists !== 1 || m.involved !== 1 || m.start_date === null || m.end_date === null)
      return null;
    const lead: NotifyBefore | null =
      m.metric !== null && m.value !== null ? { metric: m.metric, value: m.value } : defaultLead;
    if (!lead) return null;
    return {
      start: m.start_date,
      end: m.end_date,
      lead: leadKey(lead),
      dueMs: reminderDueMs(m.start_date, lead, m.zone ?? localZone),
    };
  }

  /**
   * Brings the reminders of every marked meeting up to date (run inside the transaction that
   * marked them). A reminder keeps its state while its meeting's start and lead stay the same;
   * a new start or lead is a new reminder. One made when its time has already passed is shown
   * at once (not as a catch-up); one for a meeting that has already ended is never shown.
   * Returns whether anything the timer waits for may have moved.
   */
  function derive(): boolean {
    const me = deps.profileId();
    const now = clock.now();
    let changed = false;
    for (;;) {
      const batch = repo.dirty(me, DERIVE_BATCH);
      if (batch.length === 0) return changed;
      changed = true;
      const defaultLead = deps.defaultReminder();
      // Asking the runtime for its zone is slow; most leads (minutes, hours) never need it.
      let known: string | undefined;
      const localZone = () => (known ??= zone());
      for (const m of batch) {
        const want = desired(m, defaultLead, localZone);
        if (want === null) {
          if (m.r_state !== null) repo.remove(m.meeting_id);
          continue;
        }
        if (m.r_start === want.start && m.r_lead === want.lead) {
          // Same reminder; a pending one follows a zone change (days-before leads).
          if (m.r_state === 'pending' && m.r_due !== want.dueMs)
            repo.setDue(m.meeting_id, Math.max(want.dueMs, now));
          continue;
        }
        const ended = want.end * 1000 <= now;
        repo.put({
          meeting_id: m.meeting_id,
          start_date: want.start,
          lead: want.lead,
          due_at_ms: Math.max(want.dueMs, now),
          state: ended ? 'dismissed' : 'pending',
          shown_at_ms: null,
          catch_up: 0,
        });
      }
      repo.clearDirtyThrough(batch.at(-1)?.meeting_id ?? 0);
    }
  }

  function toDto(r: ReturnType<typeof repo.showing>[number], fresh: ReadonlySet<number>) {
    const dto: ReminderDto = {
      meetingId: r.meeting_id as MeetingId,
      name: r.name,
      start: r.start_date,
      end: r.end_date,
      dueAt: Math.floor(r.due_at_ms / 1000),
      joinUrl: r._id === null ? null : deps.joinLink(r._id),
      catchUp: r.catch_up === 1,
      missed: r.catch_up === 1 && r.end_date * 1000 <= (r.shown_at_ms ?? 0),
      fresh: fresh.has(r.meeting_id),
    };
    return dto;
  }

  function showing(fresh: ReadonlySet<number> = new Set()): ReminderDto[] {
    return repo.showing().map((r) => toDto(r, fresh));
  }

  /**
   * Shows what is due now, once: each becomes `shown` in one transaction (so a restart never
   * shows it again). Came due more than two minutes ago: it was missed while the app was closed
   * or the machine slept, and goes in the one catch-up summary. Returns the showing list, with
   * the ones shown now marked `fresh`, or null when nothing came due.
   */
  function fire(): ReminderDto[] | null {
    const now = clock.now();
    const fresh = db.transaction(() => {
      derive();
      repo.expireShown(Math.floor(now / 1000) - KEEP_SHOWN_AFTER_END_S);
      const due = repo.dueBy(now);
      for (const r of due) repo.markShown(r.meeting_id, now, now - r.due_at_ms > CATCH_UP_AFTER_MS);
      return new Set(due.map((r) => r.meeting_id));
    });
    return fresh.size === 0 ? null : showing(fresh);
  }

  function shownRow(meetingId: number): ReminderRow {
    const row = repo.get(meetingId);
    if (!row || row.state === 'dismissed') throw notFound('This meeting has no reminder showing');
    return row;
  }

  function snoozeUntilMs(choice: SnoozeChoice | number, start: number): number {
    if (typeof choice === 'number') return choice * 1000;
    const startMs = start * 1000;
    switch (choice) {
      case '5min':
        return clock.now() + 5 * MINUTE_MS;
      case 'minuteBefore':
        return startMs - MINUTE_MS;
      case 'atStart':
        return startMs;
      case '5minAfter':
        return startMs + 5 * MINUTE_MS;
    }
  }

  return {
    repo,
    derive,
    fire,
    showing,
    nextDueMs: () => repo.nextDueMs(),
    /** Snoozed reminders come back, as fresh, at `until` (before the meeting ends). */
    snooze(meetingId: number, until: SnoozeChoice | number): void {
      db.transaction(() => {
        const row = shownRow(meetingId);
        const end = db.get<{ end_date: number }>(
          sql`SELECT end_date FROM meetings WHERE id = ${meetingId}`,
        )?.end_date;
        const at = snoozeUntilMs(until, row.start_date);
        if (at <= clock.now()) throw validationError({ until: ['that time has already passed'] });
        if (end !== undefined && at >= end * 1000)
          throw validationError({ until: ['must be before the meeting ends'] });
        repo.setState(meetingId, 'snoozed', at);
      });
    },
    dismiss(meetingId: number): void {
      db.transaction(() => {
        shownRow(meetingId);
        repo.setState(meetingId, 'dismissed');
      });
    },
    /** The next meeting you host or attend that has not started yet (for the tray). */
    next() {
      const row = repo.nextStart(deps.profileId(), Math.floor(clock.now() / 1000));
      if (!row) return null;
      return {
        meetingId: row.meeting_id as MeetingId,
        name: row.name,
        start: row.start_date,
        joinUrl: row._id === null ? null : deps.joinLink(row._id),
      };
    },
  };
}

export type Reminders = ReturnType<typeof createReminders>;
