import type BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { MeetingInput } from './dataset';

/** Standard offsets of the zones the dataset uses; the baseline skips the engine's DST rules. */
const OFFSETS: Readonly<Record<string, number>> = {
  'Europe/Berlin': 60,
  'America/New_York': -300,
  'Asia/Tokyo': 540,
  UTC: 0,
};

/**
 * The create baseline: the same rows the engine writes for a meeting (the meeting and its
 * attendees) with prepared INSERTs and no validation, derived fields or mail rules.
 */
export function createRawWriter(db: BetterSqlite3.Database) {
  const insertMeeting = db.prepare(`INSERT INTO meetings (_id, name, start_date, end_date, host_id,
      record, chat_dialog_id, public, scheduled, notify, notify_before_metric, notify_before_value,
      timezone_name, timezone_offset, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, NULL, NULL, 0, ?, ?, NULL, NULL, ?, ?, ?, ?)`);
  const insertAttendee = db.prepare(
    `INSERT INTO meeting_attendees (meeting_id, position, user_id, email) VALUES (?, ?, ?, ?)`,
  );

  return function insert(hostId: number, body: MeetingInput['body']) {
    const now = new Date().toISOString();
    const _id =
      Math.floor(Date.now() / 1000)
        .toString(16)
        .padStart(8, '0') + randomBytes(8).toString('hex');
    const zone = body.timezone?.name ?? null;
    const offset = zone === null ? null : (OFFSETS[zone] ?? 0);
    const rowId = Number(
      insertMeeting.run(
        _id,
        body.name,
        body.start_date,
        body.end_date,
        hostId,
        body.scheduled ? 1 : 0,
        body.notify ? 1 : 0,
        zone,
        offset,
        now,
        now,
      ).lastInsertRowid,
    );
    body.attendees.forEach((a, position) => {
      insertAttendee.run(rowId, position, 'id' in a ? a.id : null, 'email' in a ? a.email : null);
    });
    return {
      _id,
      name: body.name,
      start_date: body.start_date,
      end_date: body.end_date,
      attendees: body.attendees,
      record: null,
      chat_dialog_id: null,
      host_id: hostId,
      public: false,
      scheduled: body.scheduled ?? false,
      notify: body.notify ?? false,
      notify_before: null,
      timezone: zone === null ? null : { offset, name: zone },
      created_at: now,
      updated_at: now,
    };
  };
}
