import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { toMeeting, type MeetingRow } from '../../src-main/engine/meetings/meetings-repo';
import type { Attendee } from '../../src-main/shared/meetings-api-types';

/**
 * The baseline: the engine's week-window list done with nothing but better-sqlite3 on its own
 * read connection, statements prepared once. The SQL is copied from what
 * src-main/engine/meetings/meetings-repo.ts generates for `start_date[gte]` + `start_date[lt]`
 * (default sort and limit), including the attendee fetch; the bench checks that both return
 * byte-identical JSON, so a change to one without the other fails loudly.
 */
export const LIST_SQL = `SELECT m.* FROM meetings m
  WHERE m.id IN (SELECT h.id FROM meetings h WHERE h.host_id = ? AND h.start_date >= ? AND h.start_date < ?
    UNION SELECT a.meeting_id FROM meeting_attendees a JOIN meetings am ON am.id = a.meeting_id
      WHERE a.user_id = ? AND am.start_date >= ? AND am.start_date < ?
    UNION SELECT a.meeting_id FROM meeting_attendees a JOIN meetings am ON am.id = a.meeting_id
      WHERE a.email = ? AND am.start_date >= ? AND am.start_date < ?)
  AND m.start_date >= ? AND m.start_date < ?
  ORDER BY m.start_date ASC, m._id ASC
  LIMIT ? OFFSET ?`;
export const ATTENDEES_ONE_SQL = `SELECT meeting_id, user_id, email FROM meeting_attendees
  WHERE meeting_id = ? ORDER BY position`;
export const ATTENDEES_MANY_SQL = `SELECT meeting_id, user_id, email FROM meeting_attendees
  WHERE meeting_id IN (SELECT value FROM json_each(?)) ORDER BY meeting_id, position`;

type AttendeeRow = { meeting_id: number; user_id: number | null; email: string | null };

export function openRawReader(path: string) {
  const db = new BetterSqlite3(path, { readonly: true });
  const list = db.prepare<unknown[], MeetingRow>(LIST_SQL);
  const one = db.prepare<unknown[], AttendeeRow>(ATTENDEES_ONE_SQL);
  const many = db.prepare<unknown[], AttendeeRow>(ATTENDEES_MANY_SQL);
  const session = db.prepare<unknown[], { id: number; email: string | null }>(
    `SELECT u.id, u.email FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ? AND s.expires_at_ms > ?`,
  );

  function listWeek(userId: number, email: string | null, gte: number, lt: number) {
    const rows = list.all(userId, gte, lt, userId, gte, lt, email, gte, lt, gte, lt, 100, 0);
    const byMeeting = new Map<number, Attendee[]>();
    for (const r of rows) byMeeting.set(r.id, []);
    const attendeeRows =
      rows.length === 0
        ? []
        : rows.length === 1
          ? one.all(rows[0]?.id)
          : many.all(JSON.stringify(rows.map((r) => r.id)));
    for (const a of attendeeRows) {
      const attendee: Attendee = {};
      if (a.user_id !== null) attendee.id = a.user_id;
      if (a.email !== null) attendee.email = a.email;
      byMeeting.get(a.meeting_id)?.push(attendee);
    }
    // The same row → API mapping the engine uses: the baseline measures the query layer, not a
    // second copy of a pure function.
    return rows.map((r) => toMeeting(r, byMeeting.get(r.id) ?? []));
  }

  /** The user behind a CB-Token, the least a handler must do before it may answer. */
  function userByToken(token: string): { id: number; email: string | null } | undefined {
    const hash = createHash('sha256').update(token).digest('hex');
    return session.get(hash, Date.now());
  }

  return { db, listWeek, userByToken, close: () => db.close() };
}

export type RawReader = ReturnType<typeof openRawReader>;
