import type { ConflictValues, MeetingField } from '../../shared/contract';
import type { Attendee } from '../../shared/meetings-api-types';
import type { StoredMeeting } from '../meetings/meetings-repo';

/**
 * The fields of a meeting a person edits and sync carries, named as the window names them, with
 * how each is read off the API object and compared. Server-made fields (`_id`, `host_id`,
 * `chat_dialog_id`, timestamps) are not content: they are never sent and never conflict.
 */
export type ApiField =
  | 'name'
  | 'start_date'
  | 'end_date'
  | 'attendees'
  | 'record'
  | 'public'
  | 'scheduled'
  | 'notify'
  | 'notify_before'
  | 'timezone';

export const API_FIELD: Readonly<Record<MeetingField, ApiField>> = {
  name: 'name',
  start: 'start_date',
  end: 'end_date',
  attendees: 'attendees',
  record: 'record',
  public: 'public',
  scheduled: 'scheduled',
  notify: 'notify',
  notifyBefore: 'notify_before',
  timeZone: 'timezone',
};

export const FIELDS = Object.keys(API_FIELD) as MeetingField[];

/**
 * Both sides changing one of these resolves by last writer (SYNC.md, "Conflicts"); the others
 * (when, and who) are the person's call.
 */
export const LAST_WRITER_WINS: ReadonlySet<MeetingField> = new Set([
  'name',
  'record',
  'public',
  'scheduled',
  'notify',
  'notifyBefore',
  'timeZone',
]);

/** The content of a meeting in one plain shape (the zone by name: its offset is derived). */
export function contentOf(m: StoredMeeting): ConflictValues {
  return {
    name: m.name,
    start: m.start_date,
    end: m.end_date,
    attendees: m.attendees,
    record: m.record,
    public: m.public,
    scheduled: m.scheduled,
    notify: m.notify,
    notifyBefore: m.notify_before,
    timeZone: m.timezone?.name ?? null,
  };
}

const attendeeKey = (a: Attendee) => `${a.id ?? ''}|${(a.email ?? '').toLowerCase()}`;

/** Attendees compare as a set of people: order and e-mail case are how a server echoes them. */
function sortedAttendees(list: readonly Attendee[]): string[] {
  return list.map(attendeeKey).sort();
}

export function sameField(field: MeetingField, a: ConflictValues, b: ConflictValues): boolean {
  if (field === 'attendees') {
    return (
      JSON.stringify(sortedAttendees(a.attendees)) === JSON.stringify(sortedAttendees(b.attendees))
    );
  }
  if (field === 'record') return (a.record ?? false) === (b.record ?? false);
  return JSON.stringify(a[field]) === JSON.stringify(b[field]);
}

export function changedFields(a: ConflictValues, b: ConflictValues): MeetingField[] {
  return FIELDS.filter((f) => !sameField(f, a, b));
}

/** One field as the API's create/update body carries it. */
function apiValue(field: MeetingField, m: StoredMeeting): unknown {
  if (field === 'timeZone') {
    return m.timezone === null ? null : { name: m.timezone.name, offset: m.timezone.offset };
  }
  if (field === 'record') return m.record ?? false;
  return m[API_FIELD[field]];
}

/** The PUT body: only the fields that differ from the base, so a partial update stays partial. */
export function updateBody(base: StoredMeeting, local: StoredMeeting): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of changedFields(contentOf(base), contentOf(local))) {
    body[API_FIELD[f]] = apiValue(f, local);
  }
  return body;
}

/** The POST body: every field, plus the chat dialog when one was asked for. */
export function createBody(local: StoredMeeting, chat: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const value = apiValue(f, local);
    if (f === 'timeZone' && value === null) continue;
    body[API_FIELD[f]] = value;
  }
  body.chat = chat;
  return body;
}

/**
 * What identifies a POST whose answer was lost (SYNC.md, "Lost responses"): the fields a person
 * typed, which the server echoes unchanged. Computed the same way from the body that was sent and
 * from a meeting the server lists.
 */
export function fingerprint(m: {
  name: unknown;
  start_date: unknown;
  end_date: unknown;
  attendees: unknown;
}): string {
  const attendees = Array.isArray(m.attendees) ? sortedAttendees(m.attendees as Attendee[]) : [];
  return JSON.stringify([m.name, m.start_date, m.end_date, attendees]);
}
