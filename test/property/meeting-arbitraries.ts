import fc from 'fast-check';
import { NOTIFY_BEFORE_RANGES, type NotifyMetric } from '../../src-main/shared/meetings-api-types';
import { listTimeZones } from '../../src-main/shared/time-zones';

/**
 * Valid meeting bodies for the property suites (spec section 1 and the create rules), and keys the
 * server must ignore. Invalid values are in hostile-values.ts.
 */

export const MAX_SECONDS = 253_402_300_799; // 9999-12-31T23:59:59Z
export const METRICS = Object.keys(NOTIFY_BEFORE_RANGES) as NotifyMetric[];
export const FIELDS = [
  'name',
  'start_date',
  'end_date',
  'attendees',
  'record',
  'public',
  'scheduled',
  'notify',
  'notify_before',
  'timezone',
  'chat',
] as const;
export type Field = (typeof FIELDS)[number];

// ---- valid values -------------------------------------------------------------------------

/** Mostly near the fixtures, sometimes anywhere from 1970 to 9999. */
const seconds = fc.oneof(
  fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }),
  fc.integer({ min: 0, max: MAX_SECONDS - 1 }),
);
export const validDates = seconds.chain((start) =>
  fc
    .oneof(
      fc.integer({ min: start + 1, max: Math.min(start + 86_400, MAX_SECONDS) }),
      fc.integer({ min: start + 1, max: MAX_SECONDS }),
    )
    .map((end) => ({ start_date: start, end_date: end })),
);

/** Any printable code points; zod trims, so the name must hold something besides white space. */
export const validName = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 100 })
  .filter((s) => s.trim().length > 0);

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
/** Addresses of the form the server's e-mail rule accepts, sometimes padded (it trims). */
export const validEmail = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9_+-]{1,12}(?:\.[A-Za-z0-9_+-]{1,8})?$/),
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.stringMatching(/^[a-z]{2,6}$/),
    fc.constantFrom('', ' ', '\t'),
  )
  .map(([local, labels, tld, pad]) => `${pad}${local}@${labels.join('.')}.${tld}${pad}`);

export const userId = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
export const validAttendee = fc.oneof(
  fc.record({ id: userId }),
  fc.record({ email: validEmail }),
  fc.record({ id: userId, email: validEmail }),
  fc.record({ id: userId, email: fc.constant(null) }),
  fc.record({ id: fc.constant(null), email: validEmail }),
);

export const validNotifyBefore = fc
  .constantFrom(...METRICS)
  .chain((metric) => fc.integer(NOTIFY_BEFORE_RANGES[metric]).map((value) => ({ metric, value })));

export const validZone = fc.constantFrom(...listTimeZones());
/** A name alone, or with any offset (the server corrects it). */
export const validTimezone = fc.oneof(
  validZone.map((name) => ({ name })),
  fc.record({ name: validZone, offset: fc.integer({ min: -100_000, max: 100_000 }) }),
);

const bool = fc.boolean();
/** The optional fields, each present or absent, with every value the spec allows. */
export const validOptionals = fc.record(
  {
    record: fc.option(bool, { nil: null }),
    public: bool,
    scheduled: bool,
    notify: bool,
    notify_before: fc.option(validNotifyBefore, { nil: null }),
    timezone: fc.option(validTimezone, { nil: null }),
  },
  { requiredKeys: [] },
);

export const validCreateBody = fc
  .tuple(
    validName,
    validDates,
    fc.array(validAttendee, { maxLength: 8 }),
    validOptionals,
    fc.option(bool, { nil: undefined }),
  )
  .map(([name, dates, attendees, optionals, chat]) => ({
    name,
    ...dates,
    attendees,
    ...optionals,
    ...(chat === undefined ? {} : { chat }),
  }));

/**
 * fast-check likes to try `__proto__` and `constructor` as keys; those make the JSON parser refuse
 * the whole body (400), which the prototype-pollution properties test on purpose and the others avoid.
 */
export const POISON = /"(__proto__|constructor|prototype)"/;
export const plainKey = fc.string({ maxLength: 12 }).filter((k) => !POISON.test(JSON.stringify(k)));
export function safeJson(maxDepth: number) {
  return fc.jsonValue({ maxDepth }).filter((v) => !POISON.test(JSON.stringify(v)));
}

/** Keys the server does not know, which it must ignore. */
export const unknownKeys = fc.dictionary(
  plainKey.filter((k) => !(FIELDS as readonly string[]).includes(k)),
  safeJson(2),
  { maxKeys: 3 },
);
