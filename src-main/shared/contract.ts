import { z } from 'zod';
import type { EventName, HandlerName } from './channel-names';
import { CALENDAR_VIEWS, type CalendarViewName } from './calendar-views';
import type { Attendee, NotifyBefore } from './meetings-api-types';

export { EVENT_NAMES, HANDLER_NAMES, isHandlerName } from './channel-names';
export type { EventName, HandlerName } from './channel-names';

/**
 * The one contract between the engine and every window (DESIGN.md, "One engine, one contract"):
 * `Handlers` are requests with one plain-object argument, `AppEvents` are pushes. Main, preload,
 * renderer and the web shell all compile against this file, and channel lists are derived from the
 * schema maps below, so a channel added in one place and forgotten in another does not compile.
 */

// ---- DTOs (camelCase: the window's model, mapped from the API's snake_case in one place) ----

/** The local row id: permanent, unlike the server `_id` a meeting may get later from sync. */
export type MeetingId = number & { readonly __brand: 'MeetingId' };

export type MeetingTimeZone = { name: string; offset: number };

/**
 * Where a meeting stands with the remote account (SYNC.md, "States of a meeting"): `local` exists
 * only here (no account, or a draft), `pending` has a change queued, `synced` equals the last server
 * state known, `conflict` waits for the person to choose, `error` was refused by the remote for good.
 */
export type MeetingSyncState = 'local' | 'pending' | 'synced' | 'conflict' | 'error';

/** What a `pending` meeting waits to send. */
export type PendingOperation = 'create' | 'update' | 'delete';

export type MeetingDto = {
  id: MeetingId;
  /** The remote `_id`: null until the remote has assigned one (a local meeting never has one). */
  serverId: string | null;
  name: string;
  /** Unix seconds. */
  start: number;
  end: number;
  attendees: Attendee[];
  chatDialogId: string | null;
  /** It has a chat dialog, or one was asked for and the remote makes it when the meeting is sent. */
  chat: boolean;
  record: boolean | null;
  public: boolean;
  scheduled: boolean;
  notify: boolean;
  notifyBefore: NotifyBefore | null;
  timeZone: MeetingTimeZone | null;
  hostId: number;
  /** The host's name as their account shows it (full name, else login), when this engine knows it. */
  hostName: string | null;
  /** Hosted by someone else: shown, never changed here (only the host may change a meeting). */
  readOnly: boolean;
  joinUrl: string | null;
  createdAt: string;
  updatedAt: string;
  sync: MeetingSyncState;
  /** For `pending`: the change queued. */
  pendingOperation: PendingOperation | null;
  /** For `error`: why the remote refused; for `conflict`: what clashed. */
  syncMessage: string | null;
  /** Saved as a draft: kept local, not sent (and so mails nobody) until the person sends it. */
  draft: boolean;
};

/** The remote account this window syncs with; credentials never leave the engine. */
export type AccountDto = {
  serverUrl: string;
  appId: number;
  login: string;
  /** The remote user id, which is also the local profile's id once connected. */
  userId: number;
  connectedAt: string;
};

export type SyncStateName =
  'signed_out' | 'offline' | 'syncing' | 'idle' | 'needs_sign_in' | 'error';

export type SyncStatusDto = {
  state: SyncStateName;
  /** Meetings with a change waiting to be sent. */
  pending: number;
  conflicts: number;
  /** Meetings the remote refused for good. */
  errors: number;
  /** ISO time of the last pass that completed. */
  lastSyncedAt: string | null;
  /** Why the state is what it is (offline, error, needs_sign_in), for the status tooltip. */
  message: string | null;
  /** ISO time of the next automatic attempt, when one is scheduled after a failure. */
  nextAttemptAt: string | null;
};

/** A meeting field as the window names it (the draft's keys). */
export type MeetingField =
  | 'name'
  | 'start'
  | 'end'
  | 'attendees'
  | 'record'
  | 'public'
  | 'scheduled'
  | 'notify'
  | 'notifyBefore'
  | 'timeZone';

export type ConflictValues = {
  name: string;
  start: number;
  end: number;
  attendees: Attendee[];
  record: boolean | null;
  public: boolean;
  scheduled: boolean;
  notify: boolean;
  notifyBefore: NotifyBefore | null;
  timeZone: string | null;
};

/**
 * What the conflict view shows. `changed`: both sides changed `fields` differently since `base`.
 * `deleted_remotely`: the meeting was deleted on the server while edited here (`theirs` is null);
 * keeping mine re-creates it, taking theirs discards the local copy.
 */
export type ConflictDto = {
  id: MeetingId;
  kind: 'changed' | 'deleted_remotely';
  fields: MeetingField[];
  base: ConflictValues | null;
  mine: ConflictValues;
  theirs: ConflictValues | null;
};

export type ProfileDto = { userId: number; displayName: string };

// ---- reminders and settings ----

/**
 * Snoozing ties to the meeting's start, not only to a duration: in 5 minutes, until a minute
 * before it starts, at its start, or 5 minutes after (for a meeting one joins late on purpose).
 */
export const SNOOZE_CHOICES = ['5min', 'minuteBefore', 'atStart', '5minAfter'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

/**
 * A reminder the window is showing. `catchUp`: it came due while the app was closed or the
 * machine slept, so it belongs in the one "while you were away" summary; `missed`: the meeting
 * ended before it could be shown (listed, never announced); `fresh`: it came due in the firing
 * that sent this list, so the shell notifies it now (a reminder is notified once, ever).
 */
export type ReminderDto = {
  meetingId: MeetingId;
  name: string;
  /** Unix seconds. */
  start: number;
  end: number;
  /** Unix seconds: when it came due (its snooze time, when snoozed). */
  dueAt: number;
  joinUrl: string | null;
  catchUp: boolean;
  missed: boolean;
  fresh: boolean;
};

/**
 * The app's settings, kept by the engine. `defaultReminder`: for meetings with no `notifyBefore`
 * of their own (null: no reminder); `meetingUrlTemplate`: the join link, `%s` standing for the
 * meeting's `_id` (https only); `view` and `displayZone`: how the calendar was last shown;
 * `theme`: light or dark colours, or whatever the OS prefers (`system`, the default);
 * `workingHours`: shaded on the calendar Monday to Friday, whole hours (default 9 to 17);
 * `weekStart`: the first column of a week (0 Sunday, 1 Monday, 6 Saturday) or `auto`, the OS
 * locale's; `timeFormat`: 12- or 24-hour clock, or `auto`, the OS locale's. Both default to auto.
 */
export type SettingsDto = {
  defaultReminder: NotifyBefore | null;
  meetingUrlTemplate: string | null;
  view: CalendarViewName | null;
  displayZone: string | null;
  theme: ThemeSetting;
  workingHours: WorkingHours;
  weekStart: WeekStartSetting;
  timeFormat: TimeFormatSetting;
  /** Queue the recordings of ended meetings one hosts or attends as sync finds them (off by default). */
  autoDownloadRecordings: boolean;
  /** An absolute folder for downloaded recordings; null: the shell's default (the OS Downloads). */
  downloadsFolder: string | null;
};

export const WEEK_START_SETTINGS = ['auto', 0, 1, 6] as const;
export type WeekStartSetting = (typeof WEEK_START_SETTINGS)[number];
export const TIME_FORMAT_SETTINGS = ['auto', '12h', '24h'] as const;
export type TimeFormatSetting = (typeof TIME_FORMAT_SETTINGS)[number];

/** Whole hours of the day, `start` before `end`: 9 and 17 is 09:00–17:00. */
export type WorkingHours = { start: number; end: number };

export const THEME_SETTINGS = ['system', 'light', 'dark'] as const;
export type ThemeSetting = (typeof THEME_SETTINGS)[number];

// ---- recordings and downloads ----

export type DownloadId = number & { readonly __brand: 'DownloadId' };

export const DOWNLOAD_STATES = [
  'queued',
  'running',
  'paused',
  'done',
  'failed',
  'cancelled',
] as const;
/**
 * `queued` waits for its turn (or for a retry after a transient failure: `retryAt`), `running`
 * streams, `paused` keeps its partial file until resumed, `done` is renamed into place at `path`,
 * `failed` gave up (`error` says why; resume tries again), `cancelled` removed its partial file.
 */
export type DownloadState = (typeof DOWNLOAD_STATES)[number];

export type DownloadDto = {
  id: DownloadId;
  meetingId: MeetingId;
  /** The remote recording `_id`. */
  recordingId: string;
  /** The final file's base name (safe, unique in its folder once done). */
  fileName: string;
  state: DownloadState;
  bytesDone: number;
  /** Null until the server has said how big the file is. */
  bytesTotal: number | null;
  error: string | null;
  /** The finished file's absolute path (`done` only). */
  path: string | null;
  /** ISO time of the next attempt after a transient failure, while `queued`. */
  retryAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type RecordingParticipant = { id: number; name: string | null };

export type RecordingDto = {
  /** The remote recording `_id`. */
  id: string;
  fileUid: string | null;
  meetingId: MeetingId;
  /** ISO: when the server made the recording available. */
  createdAt: string;
  /** Seconds. */
  duration: number;
  /** Bytes (the API says megabytes; converted, so approximate). */
  size: number;
  participants: RecordingParticipant[];
  /** ISO: when the server will delete it, when the API says; null otherwise. */
  expiresAt: string | null;
  /** This device's download of it, if there is one (the latest). */
  download: DownloadDto | null;
};

// ---- errors as values ----

/**
 * `unauthorized`: the remote refused the credentials (wrong login, password or auth key);
 * `unavailable`: the remote (or the shell) could not be reached.
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'forbidden'
  | 'unauthorized'
  | 'bad_request'
  | 'unavailable'
  | 'internal';

/** `fields` keys are the draft's field names (`start`, `notifyBefore`, `attendees`, ...). */
export type AppError = { code: ErrorCode; message: string; fields?: Record<string, string[]> };

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

// ---- argument schemas (every handler's argument is parsed with these before it runs) ----

const meetingId = z
  .int('must be a meeting id')
  .positive('must be a meeting id')
  .transform((n) => n as MeetingId);
const unixSeconds = z.int('must be Unix seconds');
const downloadId = z
  .int('must be a download id')
  .positive('must be a download id')
  .transform((n) => n as DownloadId);
const recordingId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a recording id');
const attendee = z
  .object({ id: z.int().positive().optional(), email: z.string().max(254).optional() })
  .strict();
const notifyBefore = z
  .object({ metric: z.enum(['minutes', 'hours', 'days', 'weeks']), value: z.int() })
  .strict();

/**
 * What the editor sends. Deliberately loose on values (names, ranges, e-mails): the engine owns that
 * validation and answers with field errors; this only pins the shape.
 */
export const meetingDraftSchema = z
  .object({
    name: z.string().max(10_000),
    start: unixSeconds,
    end: unixSeconds,
    attendees: z.array(attendee).max(5_000),
    chat: z.boolean().optional(),
    record: z.boolean().nullable().optional(),
    public: z.boolean().optional(),
    scheduled: z.boolean().optional(),
    notify: z.boolean().optional(),
    notifyBefore: notifyBefore.nullable().optional(),
    /** An IANA zone name; the offset is always computed by the engine for the start date. */
    timeZone: z.string().max(100).nullable().optional(),
  })
  .strict();

export type MeetingDraft = z.input<typeof meetingDraftSchema>;

export const MEETING_FIELDS = [
  'name',
  'start',
  'end',
  'attendees',
  'record',
  'public',
  'scheduled',
  'notify',
  'notifyBefore',
  'timeZone',
] as const satisfies readonly MeetingField[];
const meetingFieldSchema = z.enum(MEETING_FIELDS);

export const handlerArgSchemas = {
  'profile:get': z.object({}).strict(),
  'meetings:list': z
    .object({ from: unixSeconds, to: unixSeconds })
    .strict()
    .refine((r) => r.to > r.from && r.to - r.from <= 400 * 86_400, {
      message: 'to must be after from, at most 400 days later',
      path: ['to'],
    }),
  'meetings:get': z.object({ id: meetingId }).strict(),
  /** `asDraft`: keep it local (not sent, nobody mailed) until `meetings:send`. */
  'meetings:create': z
    .object({ draft: meetingDraftSchema, asDraft: z.boolean().optional() })
    .strict(),
  'meetings:update': z.object({ id: meetingId, changes: meetingDraftSchema.partial() }).strict(),
  'meetings:delete': z.object({ id: meetingId }).strict(),
  /** Undo of a delete: brings the meeting back with its ids, attendees and chat. */
  'meetings:restore': z.object({ id: meetingId }).strict(),
  /** Sends a draft: from now on it syncs like any other meeting. */
  'meetings:send': z.object({ id: meetingId }).strict(),
  'meetings:conflict': z.object({ id: meetingId }).strict(),
  /**
   * Settles a conflict: `keep` for every clashing field, or `fields` to choose per field (fields
   * not named there follow `keep`). For a meeting deleted remotely, mine re-creates it and theirs
   * discards the local copy.
   */
  'meetings:resolve': z
    .object({
      id: meetingId,
      keep: z.enum(['mine', 'theirs']),
      fields: z.partialRecord(meetingFieldSchema, z.enum(['mine', 'theirs'])).optional(),
    })
    .strict(),
  'account:connect': z
    .object({
      serverUrl: z.string().max(2_000),
      appId: z.int('must be a number').positive('must be a positive number'),
      authKey: z.string().min(1, 'is required').max(256),
      login: z.string().trim().min(1, 'is required').max(200),
      password: z.string().min(1, 'is required').max(200),
    })
    .strict(),
  'account:get': z.object({}).strict(),
  /** `keepLocalCopies`: keep the account's meetings you host as local meetings; else remove them. */
  'account:disconnect': z.object({ keepLocalCopies: z.boolean() }).strict(),
  'sync:now': z.object({}).strict(),
  'sync:status': z.object({}).strict(),
  'reminders:list': z.object({}).strict(),
  /** `until`: one of the choices, or a moment (Unix seconds) before the meeting ends. */
  'reminders:snooze': z
    .object({ meetingId: meetingId, until: z.union([z.enum(SNOOZE_CHOICES), unixSeconds]) })
    .strict(),
  'reminders:dismiss': z.object({ meetingId: meetingId }).strict(),
  'settings:get': z.object({}).strict(),
  /** Only the settings named change; values are validated by the engine (field errors). */
  'settings:update': z
    .object({
      defaultReminder: notifyBefore.nullable(),
      meetingUrlTemplate: z.string().max(2_000).nullable(),
      view: z.enum(CALENDAR_VIEWS),
      displayZone: z.string().max(100),
      theme: z.enum(THEME_SETTINGS),
      workingHours: z.object({ start: z.int(), end: z.int() }).strict(),
      weekStart: z.union([z.literal('auto'), z.literal(0), z.literal(1), z.literal(6)]),
      timeFormat: z.enum(TIME_FORMAT_SETTINGS),
      autoDownloadRecordings: z.boolean(),
      /** Absolute, an existing directory (checked by the engine); null: the default folder. */
      downloadsFolder: z.string().max(4_096).nullable(),
    })
    .partial()
    .strict(),
  /** A synced meeting's recordings, from the remote (not available while it runs). */
  'recordings:list': z.object({ meetingId: meetingId }).strict(),
  /** Queues a download of one recording (an unfinished one for it is returned as is). */
  'downloads:start': z.object({ meetingId: meetingId, recordingId: recordingId }).strict(),
  'downloads:pause': z.object({ downloadId: downloadId }).strict(),
  'downloads:resume': z.object({ downloadId: downloadId }).strict(),
  'downloads:cancel': z.object({ downloadId: downloadId }).strict(),
  'downloads:list': z.object({}).strict(),
  /** Desktop: shows the finished file in its folder. The web shell answers `bad_request`. */
  'downloads:reveal': z.object({ downloadId: downloadId }).strict(),
} as const satisfies Record<HandlerName, z.ZodType>;

export type HandlerArgs = { [K in HandlerName]: z.input<(typeof handlerArgSchemas)[K]> };

export type HandlerResults = {
  'profile:get': ProfileDto;
  'meetings:list': MeetingDto[];
  'meetings:get': MeetingDto;
  'meetings:create': MeetingDto;
  'meetings:update': MeetingDto;
  'meetings:delete': MeetingDto;
  'meetings:restore': MeetingDto;
  'meetings:send': MeetingDto;
  'meetings:conflict': ConflictDto;
  'meetings:resolve': MeetingDto | null;
  'account:connect': AccountDto;
  'account:get': AccountDto | null;
  'account:disconnect': { kept: number; removed: number };
  'sync:now': SyncStatusDto;
  'sync:status': SyncStatusDto;
  /** Every reminder showing now (none of them `fresh`: nothing is notified twice). */
  'reminders:list': ReminderDto[];
  'reminders:snooze': ReminderDto[];
  'reminders:dismiss': ReminderDto[];
  'settings:get': SettingsDto;
  'settings:update': SettingsDto;
  'recordings:list': RecordingDto[];
  'downloads:start': DownloadDto;
  'downloads:pause': DownloadDto;
  'downloads:resume': DownloadDto;
  'downloads:cancel': DownloadDto;
  /** Every download not cancelled, newest first. */
  'downloads:list': DownloadDto[];
  'downloads:reveal': { revealed: true };
};

export type Handlers = {
  [K in HandlerName]: (arg: HandlerArgs[K]) => Promise<Result<HandlerResults[K]>>;
};

// ---- events ----

export type MeetingChange =
  | { kind: 'created' | 'updated' | 'restored'; meeting: MeetingDto }
  | { kind: 'deleted'; id: MeetingId };

export type AppEvents = {
  'meetings:changed': MeetingChange;
  /**
   * Pushes may have been missed (the web shell's event stream reconnected after an outage): the
   * window should load what it shows again. Raised by the transport, not by the engine.
   */
  'app:resync': { reason: 'reconnected' | 'synced' };
  /** The sync status changed (a pass started or ended, a change was queued, the account changed). */
  'sync:changed': SyncStatusDto;
  /** The reminders now showing, after one came due or was snoozed or dismissed. */
  'reminders:due': ReminderDto[];
  'settings:changed': SettingsDto;
  /**
   * A download moved on: on every state change, and while running at most every 200 ms
   * (`bytesDone` grown).
   */
  'downloads:changed': DownloadDto;
};

/** `true` only when A and B are the same union. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time check: every event name has a payload type, and every payload type has a name.
export const EVENTS_MATCH_NAMES: SameKeys<keyof AppEvents, EventName> = true;

/** What `window.convene` is in the desktop app, and what the web transport implements. */
export type ConveneApi = Handlers & {
  on<E extends EventName>(event: E, listener: (payload: AppEvents[E]) => void): () => void;
};
