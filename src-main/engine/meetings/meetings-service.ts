import type { Meeting, Paged, Recording } from '../../shared/meetings-api-types';
import { zoneOffsetMinutes } from '../../shared/time-zones';
import { isoAt, type Clock } from '../clock';
import type { Database } from '../db/database';
import type { DialogsService } from '../dialogs/dialogs-service';
import { EngineError, forbidden, notFound } from '../errors';
import type { IdGenerator } from '../ids';
import { OBJECT_ID_PATTERN } from '../ids';
import { renderMail } from '../mail/mail-content';
import type { MailOutboxRepo } from '../mail/mail-outbox-repo';
import { recipientsFor, type MeetingState } from '../mail/notification-rules';
import type { RecordingsService } from '../recordings/recordings-service';
import type { UsersRepo, UserRow } from '../users/users-repo';
import { parseListQuery, type RawQuery } from './list-query';
import { parseMeetingCreate, parseMeetingUpdate } from './meeting-schema';
import { createMeetingsRepo, meetingValues, type MeetingRow } from './meetings-repo';

export type MeetingsDeps = {
  db: Database;
  clock: Clock;
  ids: IdGenerator;
  users: UsersRepo;
  dialogs: DialogsService;
  recordings: RecordingsService;
  outbox: MailOutboxRepo;
  joinLink: (meetingId: string) => string | null;
};

const NOT_FOUND = 'Meeting not found';

function timezoneAt(name: string | null, start: number): Meeting['timezone'] {
  return name === null ? null : { offset: zoneOffsetMinutes(name, start), name };
}

/** Meetings: create, read, list, partial update, delete, with the API's permission rules. */
export function createMeetingsService(deps: MeetingsDeps) {
  const { db, clock, ids, users, dialogs, outbox } = deps;
  const repo = createMeetingsRepo(db);

  function canRead(row: MeetingRow, user: UserRow): boolean {
    return (
      row.host_id === user.id || row.public === 1 || repo.isAttendee(row.id, user.id, user.email)
    );
  }

  /** The meeting if the user may change it; 403 if they can see it, 404 if they cannot. */
  function ownedRow(user: UserRow, meetingId: string): MeetingRow {
    const row = OBJECT_ID_PATTERN.test(meetingId) ? repo.byObjectId(meetingId) : undefined;
    if (!row || !canRead(row, user)) throw notFound(NOT_FOUND);
    if (row.host_id !== user.id) throw forbidden('Only the host may change this meeting');
    return row;
  }

  function queueMails(before: MeetingState | null, after: Meeting, host: UserRow): void {
    const ids = after.attendees.flatMap((a) => (a.id !== undefined ? [a.id] : []));
    const previous = before?.attendees.flatMap((a) => (a.id !== undefined ? [a.id] : [])) ?? [];
    const recipients = recipientsFor(before, after, {
      host: { id: host.id, email: host.email },
      emailsById: users.emailsByIds([...new Set([...ids, ...previous])]),
    });
    const now = isoAt(clock.now());
    const joinUrl = deps.joinLink(after._id);
    for (const r of recipients) {
      const mail = renderMail(after, r.reason, joinUrl);
      outbox.enqueue({
        meeting_id: after._id,
        reason: r.reason,
        recipient_email: r.email,
        recipient_user_id: r.userId,
        subject: mail.subject,
        body_text: mail.text,
        created_at: now,
      });
    }
  }

  function mustLoad(id: number): Meeting {
    const meeting = repo.one(id);
    if (!meeting) throw new Error(`meeting ${id} vanished inside its transaction`);
    return meeting;
  }

  return {
    canRead,

    create(host: UserRow, input: unknown): Meeting {
      const data = parseMeetingCreate(input);
      const now = isoAt(clock.now());
      const draft: Meeting = {
        _id: ids.objectId(),
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
        if (data.chat) {
          const occupantIds = data.attendees.flatMap((a) => (a.id !== undefined ? [a.id] : []));
          draft.chat_dialog_id = dialogs.createForMeeting(
            draft._id,
            draft.name,
            host.id,
            occupantIds,
          );
        }
        const rowId = repo.insert(meetingValues(draft));
        repo.replaceAttendees(rowId, draft.attendees);
        const meeting = mustLoad(rowId);
        queueMails(null, meeting, host);
        return meeting;
      });
    },

    get(user: UserRow, meetingId: string): Meeting {
      const row = OBJECT_ID_PATTERN.test(meetingId) ? repo.byObjectId(meetingId) : undefined;
      if (!row || !canRead(row, user)) throw notFound(NOT_FOUND);
      return mustLoad(row.id);
    },

    list(user: UserRow, query: RawQuery): Meeting[] {
      return repo.list(user.id, user.email, parseListQuery(query));
    },

    listPaged(user: UserRow, query: RawQuery): Paged<Meeting> {
      const parsed = parseListQuery(query);
      return {
        total_entries: repo.count(user.id, user.email, parsed),
        limit: parsed.limit,
        skip: parsed.offset,
        items: repo.list(user.id, user.email, parsed),
      };
    },

    update(user: UserRow, meetingId: string, input: unknown): Meeting {
      const row = ownedRow(user, meetingId);
      const data = parseMeetingUpdate(input, row);
      return db.transaction(() => {
        const before = mustLoad(row.id);
        const start = data.start_date ?? before.start_date;
        const zone = data.timezone === undefined ? (before.timezone?.name ?? null) : data.timezone;
        const after: Meeting = {
          ...before,
          name: data.name ?? before.name,
          start_date: start,
          end_date: data.end_date ?? before.end_date,
          attendees: data.attendees ?? before.attendees,
          record: data.record === undefined ? before.record : data.record,
          public: data.public ?? before.public,
          scheduled: data.scheduled ?? before.scheduled,
          notify: data.notify ?? before.notify,
          notify_before:
            data.notify_before === undefined ? before.notify_before : data.notify_before,
          timezone: timezoneAt(zone, start),
        };
        const changed =
          JSON.stringify(meetingValues(after)) !== JSON.stringify(meetingValues(before)) ||
          JSON.stringify(after.attendees) !== JSON.stringify(before.attendees);
        if (!changed) return before;
        after.updated_at = isoAt(clock.now());
        repo.update(row.id, meetingValues(after));
        if (data.attendees) repo.replaceAttendees(row.id, data.attendees);
        if (after.chat_dialog_id) {
          const added = after.attendees.flatMap((a) => (a.id !== undefined ? [a.id] : []));
          dialogs.followMeeting(after.chat_dialog_id, after.name, added);
        }
        const saved = mustLoad(row.id);
        queueMails(before, saved, user);
        return saved;
      });
    },

    remove(user: UserRow, meetingId: string): void {
      const row = ownedRow(user, meetingId);
      repo.remove(row.id);
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
     * Meetings visible to the user that overlap [from, to): the window's calendar range. Not capped
     * at the API's 100 per page: a busy week must render whole, and the range itself bounds it.
     */
    listWindow(user: UserRow, from: number, to: number): Meeting[] {
      return repo.list(user.id, user.email, {
        filters: [
          { field: 'start_date', op: 'lt', values: [to] },
          { field: 'end_date', op: 'gt', values: [from] },
        ],
        limit: -1,
        offset: 0,
        sort: { field: 'start_date', direction: 'asc' },
      });
    },

    /** `_id` → local row id, for the window's DTOs. */
    localIds: (objectIds: readonly string[]) => repo.localIds(objectIds),

    /**
     * The `_id` of a meeting by its local row id. Only a translation: the get/update/remove call
     * that follows applies the permission rules (404 to whoever may not read it, 403 to non-hosts).
     */
    objectIdOf(localId: number): string {
      const row = repo.byLocalId(localId);
      if (!row) throw notFound(NOT_FOUND);
      return row._id;
    },

    /**
     * Undo of a delete: puts the meeting back exactly as it was (same local id and `_id`, same
     * attendees and chat dialog, which a delete leaves in place). Sends no mail: nothing changed
     * for the people invited.
     */
    restore(user: UserRow, meeting: Meeting, localId: number): Meeting {
      if (meeting.host_id !== user.id) throw forbidden('Only the host may restore this meeting');
      return db.transaction(() => {
        if (repo.byObjectId(meeting._id) || repo.byLocalId(localId)) {
          throw new EngineError('bad_request', 'This meeting has already been restored');
        }
        const rowId = repo.insert(meetingValues(meeting), localId);
        repo.replaceAttendees(rowId, meeting.attendees);
        return mustLoad(rowId);
      });
    },

    /** For the dialogs service: may this user read the meeting with this `_id`? */
    mayRead(user: UserRow, meetingId: string): boolean {
      const row = repo.byObjectId(meetingId);
      return row !== undefined && canRead(row, user);
    },
  };
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;
