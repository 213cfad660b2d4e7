import { z } from 'zod';
import {
  NOTIFY_BEFORE_RANGES,
  type Attendee,
  type NotifyBefore,
} from '../../shared/meetings-api-types';
import { canonicalTimeZone } from '../../shared/time-zones';
import { validationError, type FieldErrors } from '../errors';
import { emailSchema } from '../users/user-schemas';
import { toFieldErrors } from '../validation/parse';

/** The last second of year 9999: beyond it dates stop being representable as ISO strings. */
const MAX_UNIX_SECONDS = 253_402_300_799;
/** (ours) An upper bound that keeps one meeting's mail fan-out and row size sane. */
export const MAX_ATTENDEES = 1000;
export const MAX_NAME_LENGTH = 200;

const unixSeconds = z
  .int({ error: 'must be an integer (Unix seconds)' })
  .min(0, 'must not be negative')
  .max(MAX_UNIX_SECONDS, 'is too far in the future');

const bool = z.boolean({ error: 'must be true or false' });

const attendeeSchema = z
  .object(
    {
      id: z
        .int({ error: 'must be a user id (positive integer)' })
        .positive('must be positive')
        .nullish(),
      email: emailSchema.nullish(),
    },
    { error: 'must be an object with an id or an email' },
  )
  .transform((a, ctx): Attendee => {
    const out: Attendee = {};
    if (a.id != null) out.id = a.id;
    if (a.email != null) out.email = a.email;
    if (out.id === undefined && out.email === undefined) {
      ctx.addIssue({ code: 'custom', message: 'needs an id or an email' });
    }
    return out;
  });

const notifyBeforeSchema = z
  .object(
    {
      metric: z.enum(['minutes', 'hours', 'days', 'weeks'], {
        error: 'must be one of minutes, hours, days, weeks',
      }),
      value: z.int({ error: 'must be an integer' }),
    },
    { error: 'must be an object {metric, value} or null' },
  )
  .transform((nb, ctx): NotifyBefore => {
    const range = NOTIFY_BEFORE_RANGES[nb.metric];
    if (nb.value < range.min || nb.value > range.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `must be from ${range.min} to ${range.max} for ${nb.metric}`,
      });
    }
    return nb;
  })
  .nullable();

/** A zone is stored by its canonical name; its offset is computed later from the start date. */
const timezoneSchema = z
  .object(
    {
      name: z.string({ error: 'must be an IANA time-zone name' }),
      // Accepted and then corrected: the offset always follows from the name and the start date.
      offset: z.number({ error: 'must be a number of minutes' }).optional(),
    },
    { error: 'must be an object {name, offset} or null' },
  )
  .transform((tz, ctx) => {
    const name = canonicalTimeZone(tz.name);
    if (!name) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: `"${tz.name.slice(0, 64)}" is not a known time zone`,
      });
      return z.NEVER;
    }
    return name;
  })
  .nullable();

/**
 * A lone UTF-16 surrogate (JSON allows `"\ud800"`) cannot be stored as UTF-8: SQLite would keep
 * replacement characters and the meeting would read back with a different name than it was given.
 * With the `u` flag the class matches only unpaired surrogates; a pair is one astral code point.
 */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

const fields = {
  name: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, "can't be blank")
    .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`)
    .refine((s) => !LONE_SURROGATE.test(s), 'must be valid Unicode text'),
  start_date: unixSeconds,
  end_date: unixSeconds,
  attendees: z
    .array(attendeeSchema, { error: 'must be an array of {id} or {email}' })
    .max(MAX_ATTENDEES, `must have at most ${MAX_ATTENDEES} entries`),
  record: bool.nullable(),
  public: bool,
  scheduled: bool,
  notify: bool,
  notify_before: notifyBeforeSchema,
  timezone: timezoneSchema,
};

const createSchema = z.object({
  ...fields,
  record: fields.record.optional(),
  public: fields.public.optional(),
  scheduled: fields.scheduled.optional(),
  notify: fields.notify.optional(),
  notify_before: fields.notify_before.optional(),
  timezone: fields.timezone.optional(),
  chat: bool.optional(),
});

const updateSchema = z.object({
  name: fields.name.optional(),
  start_date: fields.start_date.optional(),
  end_date: fields.end_date.optional(),
  attendees: fields.attendees.optional(),
  record: fields.record.optional(),
  public: fields.public.optional(),
  scheduled: fields.scheduled.optional(),
  notify: fields.notify.optional(),
  notify_before: fields.notify_before.optional(),
  timezone: fields.timezone.optional(),
});

export type MeetingCreateInput = z.output<typeof createSchema>;
export type MeetingUpdateInput = z.output<typeof updateSchema>;

function isPlainObject(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

function orderError(start: unknown, end: unknown, endGiven: boolean): FieldErrors {
  if (typeof start !== 'number' || typeof end !== 'number' || end > start) return {};
  return { [endGiven ? 'end_date' : 'start_date']: ['end_date must be after start_date'] };
}

function merge(a: FieldErrors, b: FieldErrors): FieldErrors {
  const out: FieldErrors = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = [...(out[k] ?? []), ...v];
  return out;
}

function parse<S extends z.ZodType>(
  schema: S,
  input: unknown,
  extra: (data: Record<string, unknown>) => FieldErrors,
): z.output<S> {
  if (!isPlainObject(input)) throw validationError({ base: ['the body must be a JSON object'] });
  const result = schema.safeParse(input);
  // Cross-field rules are checked even when other fields failed, so one 422 names every problem.
  const crossField = extra(input);
  const errors = merge(result.success ? {} : toFieldErrors(result.error), crossField);
  if (Object.keys(errors).length > 0 || !result.success) throw validationError(errors);
  return result.data;
}

export function parseMeetingCreate(input: unknown): MeetingCreateInput {
  return parse(createSchema, input, (raw) => orderError(raw.start_date, raw.end_date, true));
}

/** Validates an update's own fields; the merged meeting is checked against `current`. */
export function parseMeetingUpdate(
  input: unknown,
  current: { start_date: number; end_date: number },
): MeetingUpdateInput {
  return parse(updateSchema, input, (raw) =>
    raw.start_date === undefined && raw.end_date === undefined
      ? {}
      : orderError(
          raw.start_date ?? current.start_date,
          raw.end_date ?? current.end_date,
          raw.end_date !== undefined,
        ),
  );
}
