import type { MeetingDraft, MeetingDto } from '../../src-main/shared/contract';
import type { Attendee, NotifyBefore } from '../../src-main/shared/meetings-api-types';
import { sameAttendees } from './attendees';
import { fromWallClock, toWallClock, type WallClock } from './zoned-time';

/**
 * The editor's form: what the inputs hold, strings and all. It is kept in the store as typed, so an
 * error from the engine never costs the person what they entered.
 */
export type EditorForm = {
  name: string;
  start: WallClock;
  end: WallClock;
  timeZone: string;
  attendees: Attendee[];
  chat: boolean;
  record: boolean;
  public: boolean;
  scheduled: boolean;
  notify: boolean;
  notifyBefore: NotifyBefore | null;
};

export type FieldErrors = Record<string, string[]>;

/** The engine's limit on a meeting's name (meeting-schema.ts), checked here so it is never cut. */
export const MAX_NAME_LENGTH = 200;

export const END_BEFORE_START = 'End must be after the start';

export function newMeetingForm(start: number, end: number, zone: string): EditorForm {
  return {
    name: '',
    start: toWallClock(start, zone),
    end: toWallClock(end, zone),
    timeZone: zone,
    attendees: [],
    chat: false,
    record: false,
    public: false,
    scheduled: true,
    notify: true,
    notifyBefore: { metric: 'minutes', value: 15 },
  };
}

/** A meeting without a zone is shown (and, if saved with times changed, stored) in `fallbackZone`. */
export function formFromMeeting(m: MeetingDto, fallbackZone: string): EditorForm {
  const zone = m.timeZone?.name ?? fallbackZone;
  return {
    name: m.name,
    start: toWallClock(m.start, zone),
    end: toWallClock(m.end, zone),
    timeZone: zone,
    attendees: m.attendees.map((a) => ({ ...a })),
    chat: m.chat,
    record: m.record ?? false,
    public: m.public,
    scheduled: m.scheduled,
    notify: m.notify,
    notifyBefore: m.notifyBefore,
  };
}

export type SavePlan =
  | { kind: 'create'; draft: MeetingDraft }
  | { kind: 'update'; changes: Partial<MeetingDraft> }
  | { kind: 'unchanged' }
  | { kind: 'invalid'; fields: FieldErrors };

type Times = { ok: true; start: number; end: number } | { ok: false; fields: FieldErrors };

function times(form: EditorForm): Times {
  const start = fromWallClock(form.start, form.timeZone);
  const end = fromWallClock(form.end, form.timeZone);
  if (start !== null && end !== null) return { ok: true, start, end };
  const fields: FieldErrors = {};
  if (start === null) fields.start = ['Enter a start date and time'];
  if (end === null) fields.end = ['Enter an end date and time'];
  return { ok: false, fields };
}

const sameWall = (a: WallClock, b: WallClock) => a.date === b.date && a.time === b.time;
const sameNotify = (a: NotifyBefore | null, b: NotifyBefore | null) =>
  a === b || (a !== null && b !== null && a.metric === b.metric && a.value === b.value);

/** Whether two forms would save the same meeting: an unchanged editor may close without asking. */
export function sameForm(a: EditorForm, b: EditorForm): boolean {
  return (
    a.name === b.name &&
    sameWall(a.start, b.start) &&
    sameWall(a.end, b.end) &&
    a.timeZone === b.timeZone &&
    sameAttendees(a.attendees, b.attendees) &&
    a.chat === b.chat &&
    a.record === b.record &&
    a.public === b.public &&
    a.scheduled === b.scheduled &&
    a.notify === b.notify &&
    sameNotify(a.notifyBefore, b.notifyBefore)
  );
}

/** The length in seconds, or null while either time is incomplete or the end is not after it. */
export function formDuration(form: EditorForm): number | null {
  const when = times(form);
  return when.ok && when.end > when.start ? when.end - when.start : null;
}

/**
 * The form in another zone. The instant the person picked stays put and the fields show it in the
 * new zone: changing the zone must not move the meeting. Incomplete times are left as typed.
 */
export function withZone(form: EditorForm, zone: string): EditorForm {
  const start = fromWallClock(form.start, form.timeZone);
  const end = fromWallClock(form.end, form.timeZone);
  return {
    ...form,
    timeZone: zone,
    start: start === null ? form.start : toWallClock(start, zone),
    end: end === null ? form.end : toWallClock(end, zone),
  };
}

/** A new start that keeps the meeting's length, as calendars do: the end moves along with it. */
export function withStart(form: EditorForm, start: WallClock, duration: number | null): EditorForm {
  const at = fromWallClock(start, form.timeZone);
  if (at === null || duration === null) return { ...form, start };
  return { ...form, start, end: toWallClock(at + duration, form.timeZone) };
}

/** Checks made before the engine is asked, so the message is ours and beside the right field. */
function checkForm(form: EditorForm, start: number, end: number): FieldErrors {
  const fields: FieldErrors = {};
  const length = form.name.trim().length;
  if (length > MAX_NAME_LENGTH) {
    fields.name = [`Use at most ${MAX_NAME_LENGTH} characters (${length} now)`];
  }
  // Always under Ends, whichever time was edited: the end is what has to move.
  if (end <= start) fields.end = [END_BEFORE_START];
  return fields;
}

/**
 * What saving the form means: a create, or an update carrying only what changed (the API mails
 * people based on which fields an update touches, so unchanged fields must not be sent).
 */
export function planSave(
  form: EditorForm,
  original: { meeting: MeetingDto; form: EditorForm } | null,
): SavePlan {
  const when = times(form);
  if (!when.ok) return { kind: 'invalid', fields: when.fields };
  const { start, end } = when;
  const checked = checkForm(form, start, end);
  if (Object.keys(checked).length > 0) return { kind: 'invalid', fields: checked };
  if (!original) {
    return {
      kind: 'create',
      draft: {
        name: form.name,
        start,
        end,
        attendees: form.attendees,
        chat: form.chat,
        record: form.record,
        public: form.public,
        scheduled: form.scheduled,
        notify: form.notify,
        notifyBefore: form.notifyBefore,
        timeZone: form.timeZone,
      },
    };
  }
  const before = original.form;
  const m = original.meeting;
  const changes: Partial<MeetingDraft> = {};
  const zoneChanged = form.timeZone !== before.timeZone;
  if (form.name !== before.name) changes.name = form.name;
  // Recomputed only when edited: the stored value may carry seconds the inputs cannot show.
  if (zoneChanged || !sameWall(form.start, before.start)) changes.start = start;
  if (zoneChanged || !sameWall(form.end, before.end)) changes.end = end;
  if (zoneChanged || (m.timeZone === null && changes.start !== undefined)) {
    changes.timeZone = form.timeZone;
  }
  if (!sameAttendees(form.attendees, before.attendees)) changes.attendees = form.attendees;
  if (form.record !== before.record) changes.record = form.record;
  if (form.public !== before.public) changes.public = form.public;
  if (form.scheduled !== before.scheduled) changes.scheduled = form.scheduled;
  if (form.notify !== before.notify) changes.notify = form.notify;
  if (!sameNotify(form.notifyBefore, before.notifyBefore)) changes.notifyBefore = form.notifyBefore;
  return Object.keys(changes).length === 0 ? { kind: 'unchanged' } : { kind: 'update', changes };
}
