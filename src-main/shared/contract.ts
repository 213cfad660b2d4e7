import { z } from 'zod';
import type { EventName, HandlerName } from './channel-names';
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

export type MeetingDto = {
  id: MeetingId;
  serverId: string | null;
  name: string;
  /** Unix seconds. */
  start: number;
  end: number;
  attendees: Attendee[];
  chatDialogId: string | null;
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
};

export type ProfileDto = { userId: number; displayName: string };

// ---- errors as values ----

export type ErrorCode =
  'validation' | 'not_found' | 'forbidden' | 'bad_request' | 'unavailable' | 'internal';

/** `fields` keys are the draft's field names (`start`, `notifyBefore`, `attendees`, ...). */
export type AppError = { code: ErrorCode; message: string; fields?: Record<string, string[]> };

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

// ---- argument schemas (every handler's argument is parsed with these before it runs) ----

const meetingId = z
  .int('must be a meeting id')
  .positive('must be a meeting id')
  .transform((n) => n as MeetingId);
const unixSeconds = z.int('must be Unix seconds');
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
  'meetings:create': z.object({ draft: meetingDraftSchema }).strict(),
  'meetings:update': z.object({ id: meetingId, changes: meetingDraftSchema.partial() }).strict(),
  'meetings:delete': z.object({ id: meetingId }).strict(),
  /** Undo of a delete: brings the meeting back with its ids, attendees and chat. */
  'meetings:restore': z.object({ id: meetingId }).strict(),
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
  'app:resync': { reason: 'reconnected' };
};

/** `true` only when A and B are the same union. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time check: every event name has a payload type, and every payload type has a name.
export const EVENTS_MATCH_NAMES: SameKeys<keyof AppEvents, EventName> = true;

/** What `window.convene` is in the desktop app, and what the web transport implements. */
export type ConveneApi = Handlers & {
  on<E extends EventName>(event: E, listener: (payload: AppEvents[E]) => void): () => void;
};
