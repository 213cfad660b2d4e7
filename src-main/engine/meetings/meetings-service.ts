import type { Meeting, Paged, Recording } from '../../shared/meetings-api-types';
import { zoneOffsetMinutes } from '../../shared/time-zones';
import { isoAt, type Clock } from '../clock';
import type { Database } from '../db/database';
import { forbidden, notFound } from '../errors';
import { OBJECT_ID_PATTERN } from '../ids';
import type { RecordingsService } from '../recordings/recordings-service';
import type { UserRow } from '../users/users-repo';
import { parseListQuery, type RawQuery } from './list-query';
import type { CreateOptions, MeetingEffects } from './meeting-effects';
import { parseMeetingCreate, parseMeetingUpdate } from './meeting-schema';
import {
  apiMeeting,
  meetingValues,
  type MeetingRow,
  type MeetingsRepo,
  type StoredMeeting,
} from './meetings-repo';

export type MeetingsDeps = {
  db: Database;
  clock: Clock;
  repo: MeetingsRepo;
  recordings: RecordingsService;
  /** What the engine's role adds to each write (server: ids, dialogs, mail; client: the outbox). */
  effects: MeetingEffects;
};

const NOT_FOUND = 'Meeting not found';

export function timezoneAt(name: string | null, start: number): Meeting['timezone'] {
  return name === null ? null : { offset: zoneOffsetMinutes(name, start), name };
}

/** Nothing a person edits differs: such an update writes nothing and sends nothing. */
function unchanged(a: StoredMeeting, b: StoredMeeting): boolean {
  return (
    JSON.stringify(meetingValues(a)) === JSON.stringify(meetingValues(b)) &&
    JSON.stringify(a.attendees) === JSON.stringify(b.attendees)
  );
}

/** Meetings: create, read, list, partial update, delete, with the API's permission rules. */
export function createMeetingsService(deps: MeetingsDeps) {
  const { db, clock, repo, effects } = deps;

  function canRead(row: MeetingRow, user: UserRow): boolean {
    return (
      row.host_id === user.id || row.public === 1 || repo.isAttendee(row.id, user.id, user.email)
    );
  }

  const byObjectId = (meetingId: string) =>
    OBJECT_ID_PATTERN.test(meetingId) ? repo.byObjectId(meetingId) : undefined;

  /** The meeting if the user may change it; 403 if they can see it, 404 if they cannot. */
  function ownedRow(user: UserRow, meetingId: string): MeetingRow {
    const row = byObjectId(meetingId);
    if (!row || !canRead(row, user)) throw notFound(NOT_FOUND);
    if (row.host_id !== user.id) throw forbidden('Only the host may change this meeting');
    return row;
  }

  /** Checked before anything is written, so a misuse cannot leave half a change behind. */
  function apiOnly(): void {
    if (!effects.servesApi)
      throw new Error('The REST API runs only on an engine in the server role');
  }

  function mustLoad(id: number): StoredMeeting {
    const meeting = repo.one(id);
    if (!meeting) throw new Error(`meeting ${id} vanished inside its transaction`);
    return meeting;
  }

  function createStored(
    host: UserRow,
    input: unknown,
    draft = false,
  ): { id: number; meeting: StoredMeeting } {
    const data = parseMeetingCreate(input);
    const now = isoAt(clock.now());
    const options: CreateOptions = { chat: data.chat ?? false, draft };
    const values: StoredMeeting = {
      _id: effects.newObjectId(),
      name: data.name,
      start_date: data.start_date,
      end_date: data.end_date,
      attendees: data.attendees,
      record: data.record ?? null,
      chat_dialog_id: null,
      host_id: host.id,
      public: data.public ?? false,
      scheduled: data.scheduled ?? false,
      notify: data.notify ?? false,
      notify_before: data.notify_before ?? null,
      timezone: timezoneAt(data.timezone ?? null, data.start_date),
      created_at: now,
      updated_at: now,
    };
    return db.transaction(() => {
      effects.beforeCreate(values, host, options);
      const id = repo.insert(meetingValues(values));
      repo.replaceAttendees(id, values.attendees);
      const meeting = mustLoad(id);
      effects.afterCreate(id, meeting, host, options);
      return { id, meeting };
    });
  }

  /** The host's partial update of one row; unchanged input writes nothing and sends nothing. */
  function updateRow(user: UserRow, row: MeetingRow, input: unknown): StoredMeeting {
    const data = parseMeetingUpdate(input, row);
    return db.transaction(() => {
      const before = mustLoad(row.id);
      const start = data.start_date ?? before.start_date;
      const zone = data.timezone === undefined ? (before.timezone?.name ?? null) : data.timezone;
      const after: StoredMeeting = {
        ...before,
        name: data.name ?? before.name,
        start_date: start,
        end_date: data.end_date ?? before.end_date,
        attendees: data.attendees ?? before.attendees,
        record: data.record === undefined ? before.record : data.record,
        public: data.public ?? before.public,
        scheduled: data.scheduled ?? before.scheduled,
        notify: data.notify ?? before.notify,
        notify_before: data.notify_before === undefined ? before.notify_before : data.notify_before,
        timezone: timezoneAt(zone, start),
      };
      if (unchanged(after, before)) return before;
      after.updated_at = isoAt(clock.now());
      repo.update(row.id, meetingValues(after));
      if (data.attendees) repo.replaceAttendees(row.id, data.attendees);
      const saved = mustLoad(row.id);
      effects.afterUpdate(row.id, before, saved, user);
      return saved;
    });
  }

  function removeRow(user: UserRow, row: MeetingRow): StoredMeeting {
    if (row.host_id !== user.id) throw forbidden('Only the host may change this meeting');
    return db.transaction(() => {
      const meeting = mustLoad(row.id);
      effects.remove(row.id, meeting);
      return meeting;
    });
  }

  return {
    repo,
    canRead,

    // ---- the REST API (server role): meetings by `_id`, with its visibility rules ----

    create(host: UserRow, input: unknown): Meeting {
      apiOnly();
      return apiMeeting(createStored(host, input).meeting);
    },

    get(user: UserRow, meetingId: string): Meeting {
      const row = byObjectId(meetingId);
      if (!row || !canRead(row, user)) throw notFound(NOT_FOUND);
      return apiMeeting(mustLoad(row.id));
    },

    list(user: UserRow, query: RawQuery): Meeting[] {
      return repo.list(user.id, user.email, parseListQuery(query)).map(apiMeeting);
    },

    listPaged(user: UserRow, query: RawQuery): Paged<Meeting> {
      const parsed = parseListQuery(query);
      return {
        total_entries: repo.count(user.id, user.email, parsed),
        limit: parsed.limit,
        skip: parsed.offset,
        items: repo.list(user.id, user.email, parsed).map(apiMeeting),
      };
    },

    update(user: UserRow, meetingId: string, input: unknown): Meeting {
      apiOnly();
      return apiMeeting(updateRow(user, ownedRow(user, meetingId), input));
    },

    remove(user: UserRow, meetingId: string): void {
      removeRow(user, ownedRow(user, meetingId));
    },

    /** Recordings of a meeting the user may read, or of a deleted meeting the user hosted. */
    recordings(user: UserRow, meetingId: string): Recording[] {
      if (!OBJECT_ID_PATTERN.test(meetingId)) throw notFound(NOT_FOUND);
      const row = repo.byObjectId(meetingId);
      const allowed = row
        ? canRead(row, user)
        : deps.recordings.hasHostedRecordings(meetingId, user.id);
      if (!allowed) throw notFound(NOT_FOUND);
      return deps.recordings.ofMeeting(meetingId);
    },

    /**
     * Meetings visible to the user that overlap [from, to). Not capped at the API's 100 per page:
     * a busy week must render whole, and the range itself bounds it.
     */
    listWindow(user: UserRow, from: number, to: number): Meeting[] {
      return repo
        .list(user.id, user.email, {
          filters: [
            { field: 'start_date', op: 'lt', values: [to] },
            { field: 'end_date', op: 'gt', values: [from] },
          ],
          limit: -1,
          offset: 0,
          sort: { field: 'start_date', direction: 'asc' },
        })
        .map(apiMeeting);
    },

    /** For the dialogs service: may this user read the meeting with this `_id`? */
    mayRead(user: UserRow, meetingId: string): boolean {
      const row = repo.byObjectId(meetingId);
      return row !== undefined && canRead(row, user);
    },

    // ---- the window (client role): meetings by their permanent local id ----

    /** Creates a meeting; `draft` keeps it local until it is sent. */
    createLocal(host: UserRow, input: unknown, draft = false) {
      return createStored(host, input, draft);
    },

    /** The host's update of the meeting with this local id (403 for anyone else). */
    updateLocal(user: UserRow, row: MeetingRow, input: unknown): StoredMeeting {
      if (row.host_id !== user.id) throw forbidden('Only the host may change this meeting');
      return updateRow(user, row, input);
    },

    removeLocal: removeRow,
    mustLoad,
  };
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;
