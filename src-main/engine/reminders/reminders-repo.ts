import type { NotifyMetric } from '../../shared/meetings-api-types';
import type { Database } from '../db/database';
import { sql } from '../db/sql';

export type ReminderState = 'pending' | 'snoozed' | 'shown' | 'dismissed';

export type ReminderRow = {
  meeting_id: number;
  start_date: number;
  lead: string;
  due_at_ms: number;
  state: ReminderState;
  shown_at_ms: number | null;
  catch_up: 0 | 1;
};

/** A marked meeting as the derivation needs it; `involved` is 1 when the person hosts or attends. */
export type DirtyMeeting = {
  meeting_id: number;
  exists: 0 | 1;
  start_date: number | null;
  end_date: number | null;
  metric: NotifyMetric | null;
  value: number | null;
  zone: string | null;
  involved: 0 | 1;
  /** The reminder it has now, if any. */
  r_start: number | null;
  r_lead: string | null;
  r_due: number | null;
  r_state: ReminderState | null;
};

export type ShowingRow = ReminderRow & {
  name: string;
  end_date: number;
  _id: string | null;
};

/** The reminders table and its dirty marks (migration 004). */
export function createRemindersRepo(db: Database) {
  return {
    /** Meetings marked by the triggers, with what decides their reminder. */
    dirty(me: number, limit: number): DirtyMeeting[] {
      return db.all<DirtyMeeting>(sql`
        SELECT d.meeting_id, m.id IS NOT NULL AND coalesce(s.deleted, 0) = 0 AS "exists",
          m.start_date, m.end_date, m.notify_before_metric AS metric,
          m.notify_before_value AS value, m.timezone_name AS zone,
          r.start_date AS r_start, r.lead AS r_lead, r.due_at_ms AS r_due, r.state AS r_state,
          (m.host_id = ${me} OR EXISTS (SELECT 1 FROM meeting_attendees a
            WHERE a.meeting_id = m.id AND (a.user_id = ${me} OR (a.email IS NOT NULL AND a.email =
              (SELECT u.email FROM users u WHERE u.id = ${me}))))) AS involved
        FROM reminder_dirty d
        LEFT JOIN meetings m ON m.id = d.meeting_id
        LEFT JOIN meeting_sync s ON s.meeting_id = d.meeting_id
        LEFT JOIN reminders r ON r.meeting_id = d.meeting_id
        ORDER BY d.meeting_id LIMIT ${limit}`);
    },
    /** Clears the marks up to `lastId` (a batch is read in id order, and deriving marks nothing). */
    clearDirtyThrough(lastId: number): void {
      db.run(sql`DELETE FROM reminder_dirty WHERE meeting_id <= ${lastId}`);
    },
    setDue(meetingId: number, dueAtMs: number): void {
      db.run(sql`UPDATE reminders SET due_at_ms = ${dueAtMs} WHERE meeting_id = ${meetingId}`);
    },
    get: (meetingId: number) =>
      db.get<ReminderRow>(sql`SELECT * FROM reminders WHERE meeting_id = ${meetingId}`),
    put(r: ReminderRow): void {
      db.run(sql`INSERT INTO reminders (meeting_id, start_date, lead, due_at_ms, state, shown_at_ms,
          catch_up) VALUES (${r.meeting_id}, ${r.start_date}, ${r.lead}, ${r.due_at_ms}, ${r.state},
          ${r.shown_at_ms}, ${r.catch_up})
        ON CONFLICT (meeting_id) DO UPDATE SET start_date = excluded.start_date,
          lead = excluded.lead, due_at_ms = excluded.due_at_ms, state = excluded.state,
          shown_at_ms = excluded.shown_at_ms, catch_up = excluded.catch_up`);
    },
    remove(meetingId: number): void {
      db.run(sql`DELETE FROM reminders WHERE meeting_id = ${meetingId}`);
    },
    /** The next moment a reminder is due: what the one timer waits for. */
    nextDueMs: () =>
      db.get<{ at: number | null }>(sql`SELECT min(due_at_ms) AS at FROM reminders
        WHERE state IN ('pending', 'snoozed')`)?.at ?? null,
    dueBy: (nowMs: number) =>
      db.all<ReminderRow>(sql`SELECT * FROM reminders
        WHERE state IN ('pending', 'snoozed') AND due_at_ms <= ${nowMs} ORDER BY due_at_ms`),
    markShown(meetingId: number, nowMs: number, catchUp: boolean): void {
      db.run(sql`UPDATE reminders SET state = 'shown', shown_at_ms = ${nowMs},
        catch_up = ${catchUp ? 1 : 0} WHERE meeting_id = ${meetingId}`);
    },
    setState(meetingId: number, state: ReminderState, dueAtMs?: number): void {
      if (dueAtMs === undefined) {
        db.run(sql`UPDATE reminders SET state = ${state} WHERE meeting_id = ${meetingId}`);
      } else {
        db.run(sql`UPDATE reminders SET state = ${state}, due_at_ms = ${dueAtMs}, catch_up = 0
          WHERE meeting_id = ${meetingId}`);
      }
    },
    /** Shown reminders of meetings that ended long ago leave the list for good. */
    expireShown(endedBeforeSeconds: number): void {
      db.run(sql`UPDATE reminders SET state = 'dismissed' WHERE state = 'shown' AND meeting_id IN
        (SELECT id FROM meetings WHERE end_date < ${endedBeforeSeconds})`);
    },
    showing: () =>
      db.all<ShowingRow>(sql`SELECT r.*, m.name, m.end_date, m._id FROM reminders r
        JOIN meetings m ON m.id = r.meeting_id
        WHERE r.state = 'shown' ORDER BY m.start_date, r.meeting_id`),
    /** The next meeting the person hosts or attends that has not started (for the tray). */
    nextStart: (me: number, nowSeconds: number) =>
      db.get<{ meeting_id: number; name: string; start_date: number; _id: string | null }>(
        sql`SELECT m.id AS meeting_id, m.name, m.start_date, m._id FROM meetings m
          LEFT JOIN meeting_sync s ON s.meeting_id = m.id
          WHERE m.start_date > ${nowSeconds} AND coalesce(s.deleted, 0) = 0
            AND (m.host_id = ${me} OR EXISTS (SELECT 1 FROM meeting_attendees a
              WHERE a.meeting_id = m.id AND a.user_id = ${me}))
          ORDER BY m.start_date LIMIT 1`,
      ),
  };
}

export type RemindersRepo = ReturnType<typeof createRemindersRepo>;
