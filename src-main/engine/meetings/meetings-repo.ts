import type { Attendee, Meeting, NotifyMetric } from '../../shared/meetings-api-types';
import type { Database } from '../db/database';
import { sql, sqlJoin, sqlRaw, type Sql } from '../db/sql';
import type { Filter, ListQuery } from './list-query';

export type MeetingRow = {
  id: number;
  /** The API `_id`. In the client role, null until the remote has assigned one. */
  _id: string | null;
  name: string;
  start_date: number;
  end_date: number;
  host_id: number;
  record: number | null;
  chat_dialog_id: string | null;
  public: number;
  scheduled: number;
  notify: number;
  notify_before_metric: NotifyMetric | null;
  notify_before_value: number | null;
  timezone_name: string | null;
  timezone_offset: number | null;
  created_at: string;
  updated_at: string;
};

/** Column values of a meeting, as the service decides them. */
export type MeetingValues = Omit<MeetingRow, 'id'>;

/**
 * A meeting as this database holds it: the API's object, but with `_id` null for a meeting the
 * remote has not seen yet (client role). The server role always assigns one.
 */
export type StoredMeeting = Omit<Meeting, '_id'> & { _id: string | null };

/** A stored meeting as the API hands it out; only the server role calls this (it assigns every `_id`). */
export function apiMeeting(m: StoredMeeting): Meeting {
  if (m._id === null) throw new Error('a meeting without an _id cannot be served by the API');
  return m as Meeting;
}

type AttendeeRow = { meeting_id: number; user_id: number | null; email: string | null };

const bit = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);

export function toMeeting(row: MeetingRow, attendees: Attendee[]): StoredMeeting {
  return {
    _id: row._id,
    name: row.name,
    start_date: row.start_date,
    end_date: row.end_date,
    attendees,
    record: row.record === null ? null : row.record === 1,
    chat_dialog_id: row.chat_dialog_id,
    host_id: row.host_id,
    public: row.public === 1,
    scheduled: row.scheduled === 1,
    notify: row.notify === 1,
    notify_before:
      row.notify_before_metric === null || row.notify_before_value === null
        ? null
        : { metric: row.notify_before_metric, value: row.notify_before_value },
    timezone:
      row.timezone_name === null || row.timezone_offset === null
        ? null
        : { offset: row.timezone_offset, name: row.timezone_name },
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function meetingValues(m: StoredMeeting): MeetingValues {
  return {
    _id: m._id,
    name: m.name,
    start_date: m.start_date,
    end_date: m.end_date,
    host_id: m.host_id,
    record: bit(m.record),
    chat_dialog_id: m.chat_dialog_id,
    public: bit(m.public) ?? 0,
    scheduled: bit(m.scheduled) ?? 0,
    notify: bit(m.notify) ?? 0,
    notify_before_metric: m.notify_before?.metric ?? null,
    notify_before_value: m.notify_before?.value ?? null,
    timezone_name: m.timezone?.name ?? null,
    timezone_offset: m.timezone?.offset ?? null,
    created_at: m.created_at,
    updated_at: m.updated_at,
  };
}

const COLUMN: Readonly<Record<Filter['field'], string>> = {
  start_date: 'start_date',
  end_date: 'end_date',
  created_at: 'created_at',
  updated_at: 'updated_at',
  scheduled: 'scheduled',
  _id: '_id',
};
const COMPARATOR = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=', ne: '<>' } as const;

/** One filter as SQL on the meetings table under `alias` (a fixed, internal name). */
function filterSql(filter: Filter, alias: 'm' | 'h' | 'am'): Sql {
  const column = sqlRaw(`${alias}.${COLUMN[filter.field]}`);
  if (filter.op === 'in' || filter.op === 'nin') {
    const list = sql`(SELECT value FROM json_each(${JSON.stringify(filter.values)}))`;
    return filter.op === 'in' ? sql`${column} IN ${list}` : sql`${column} NOT IN ${list}`;
  }
  return sql`${column} ${sqlRaw(COMPARATOR[filter.op])} ${filter.values[0] ?? null}`;
}

/**
 * Meetings the user hosts or attends (by id or by the account's e-mail), plus the filters.
 * `start_date` conditions are also applied inside each branch of the union, so a date window
 * reads only that window of the user's meetings (the host branch through the (host_id,
 * start_date) index) instead of their whole history first: the calendar asks for a week at a
 * time, and a long-time user has years of meetings. The outer filters still apply all conditions.
 */
function visibleWhere(userId: number, email: string | null, filters: readonly Filter[]): Sql {
  const byStart = filters.filter((f) => f.field === 'start_date');
  const within = (alias: 'h' | 'am') =>
    sqlJoin(
      byStart.map((f) => sql` AND ${filterSql(f, alias)}`),
      '',
    );
  const attending = (match: Sql) =>
    byStart.length === 0
      ? sql`SELECT a.meeting_id FROM meeting_attendees a WHERE ${match}`
      : sql`SELECT a.meeting_id FROM meeting_attendees a JOIN meetings am ON am.id = a.meeting_id
            WHERE ${match}${within('am')}`;
  const branches = [
    sql`SELECT h.id FROM meetings h WHERE h.host_id = ${userId}${within('h')}`,
    attending(sql`a.user_id = ${userId}`),
    ...(email === null ? [] : [attending(sql`a.email = ${email}`)]),
  ];
  const mine = sql`m.id IN (${sqlJoin(branches, ' UNION ')})`;
  return sqlJoin([mine, ...filters.map((f) => filterSql(f, 'm'))], ' AND ');
}

export function createMeetingsRepo(db: Database) {
  function attendeesOf(meetingIds: readonly number[]): Map<number, Attendee[]> {
    const result = new Map<number, Attendee[]>(meetingIds.map((id) => [id, []]));
    if (meetingIds.length === 0) return result;
    const rows =
      meetingIds.length === 1
        ? db.all<AttendeeRow>(
            sql`SELECT meeting_id, user_id, email FROM meeting_attendees WHERE meeting_id = ${meetingIds[0] ?? 0} ORDER BY position`,
          )
        : db.all<AttendeeRow>(sql`SELECT meeting_id, user_id, email FROM meeting_attendees
            WHERE meeting_id IN (SELECT value FROM json_each(${JSON.stringify(meetingIds)}))
            ORDER BY meeting_id, position`);
    for (const row of rows) {
      const attendee: Attendee = {};
      if (row.user_id !== null) attendee.id = row.user_id;
      if (row.email !== null) attendee.email = row.email;
      result.get(row.meeting_id)?.push(attendee);
    }
    return result;
  }

  function hydrate(rows: readonly MeetingRow[]): StoredMeeting[] {
    const attendees = attendeesOf(rows.map((r) => r.id));
    return rows.map((r) => toMeeting(r, attendees.get(r.id) ?? []));
  }

  return {
    hydrate,
    byObjectId: (id: string) => db.get<MeetingRow>(sql`SELECT * FROM meetings WHERE _id = ${id}`),

    /**
     * `localId` is given only when an undo brings a deleted meeting back under its old id (ids are
     * AUTOINCREMENT, so no other meeting can have taken it).
     */
    insert(values: MeetingValues, localId: number | null = null): number {
      const v = values;
      return db.run(sql`INSERT INTO meetings (id, _id, name, start_date, end_date, host_id, record, chat_dialog_id,
          public, scheduled, notify, notify_before_metric, notify_before_value, timezone_name, timezone_offset,
          created_at, updated_at)
        VALUES (${localId}, ${v._id}, ${v.name}, ${v.start_date}, ${v.end_date}, ${v.host_id}, ${v.record}, ${v.chat_dialog_id},
          ${v.public}, ${v.scheduled}, ${v.notify}, ${v.notify_before_metric}, ${v.notify_before_value},
          ${v.timezone_name}, ${v.timezone_offset}, ${v.created_at}, ${v.updated_at})`)
        .lastInsertRowid;
    },

    update(id: number, v: MeetingValues): void {
      db.run(sql`UPDATE meetings SET _id = ${v._id}, name = ${v.name}, start_date = ${v.start_date},
          end_date = ${v.end_date}, host_id = ${v.host_id}, created_at = ${v.created_at}, record = ${v.record}, chat_dialog_id = ${v.chat_dialog_id}, public = ${v.public},
          scheduled = ${v.scheduled}, notify = ${v.notify}, notify_before_metric = ${v.notify_before_metric},
          notify_before_value = ${v.notify_before_value}, timezone_name = ${v.timezone_name},
          timezone_offset = ${v.timezone_offset}, updated_at = ${v.updated_at}
        WHERE id = ${id}`);
    },

    replaceAttendees(meetingId: number, attendees: readonly Attendee[]): void {
      db.run(sql`DELETE FROM meeting_attendees WHERE meeting_id = ${meetingId}`);
      attendees.forEach((a, position) => {
        db.run(sql`INSERT INTO meeting_attendees (meeting_id, position, user_id, email)
                   VALUES (${meetingId}, ${position}, ${a.id ?? null}, ${a.email ?? null})`);
      });
    },

    remove(id: number): void {
      db.run(sql`DELETE FROM meetings WHERE id = ${id}`);
    },

    /**
     * Client role: every meeting of this database overlapping [from, to), except those deleted here
     * and waiting for the remote to confirm. The database holds one person's calendar, so there is
     * no visibility rule to apply: what the remote sent is what this person may see.
     */
    localWindow(from: number, to: number): { id: number; meeting: StoredMeeting }[] {
      const rows = db.all<MeetingRow>(sql`SELECT m.* FROM meetings m
        LEFT JOIN meeting_sync s ON s.meeting_id = m.id
        WHERE m.start_date < ${to} AND m.end_date > ${from} AND coalesce(s.deleted, 0) = 0
        ORDER BY m.start_date, m.id`);
      const meetings = hydrate(rows);
      return rows.map((r, i) => ({ id: r.id, meeting: meetings[i] as StoredMeeting }));
    },

    setObjectId(id: number, objectId: string | null): void {
      db.run(sql`UPDATE meetings SET _id = ${objectId} WHERE id = ${id}`);
    },

    /** Local row ids of meetings by `_id`. */
    localIds(objectIds: readonly string[]): Map<string, number> {
      if (objectIds.length === 0) return new Map();
      const rows = db.all<{ id: number; _id: string }>(
        sql`SELECT id, _id FROM meetings WHERE _id IN (SELECT value FROM json_each(${JSON.stringify(objectIds)}))`,
      );
      return new Map(rows.map((r) => [r._id, r.id]));
    },

    byLocalId: (id: number) => db.get<MeetingRow>(sql`SELECT * FROM meetings WHERE id = ${id}`),

    one(id: number): StoredMeeting | undefined {
      const row = db.get<MeetingRow>(sql`SELECT * FROM meetings WHERE id = ${id}`);
      return row ? hydrate([row])[0] : undefined;
    },

    /** True when the user attends, by id or by the account's e-mail. */
    isAttendee(meetingId: number, userId: number, email: string | null): boolean {
      const hit = db.get(sql`SELECT 1 FROM meeting_attendees WHERE meeting_id = ${meetingId}
        AND (user_id = ${userId} OR (${email} IS NOT NULL AND email = ${email})) LIMIT 1`);
      return hit !== undefined;
    },

    list(userId: number, email: string | null, query: ListQuery): StoredMeeting[] {
      const direction = sqlRaw(query.sort.direction === 'asc' ? 'ASC' : 'DESC');
      const rows = db.all<MeetingRow>(sql`SELECT m.* FROM meetings m
        WHERE ${visibleWhere(userId, email, query.filters)}
        ORDER BY ${sqlRaw(`m.${query.sort.field}`)} ${direction}, m._id ${direction}
        LIMIT ${query.limit} OFFSET ${query.offset}`);
      return hydrate(rows);
    },

    count(userId: number, email: string | null, query: ListQuery): number {
      const row = db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM meetings m WHERE ${visibleWhere(userId, email, query.filters)}`,
      );
      return row?.n ?? 0;
    },
  };
}

export type MeetingsRepo = ReturnType<typeof createMeetingsRepo>;
