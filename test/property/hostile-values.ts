import fc from 'fast-check';
import { NOTIFY_BEFORE_RANGES } from '../../src-main/shared/meetings-api-types';
import {
  MAX_SECONDS,
  METRICS,
  plainKey,
  safeJson,
  userId,
  validEmail,
  validAttendee,
  validZone,
  type Field,
} from './meeting-arbitraries';

/**
 * Hostile meeting input: for each field, values the spec makes a validation error for that field
 * (spec section 1 and the create/update rules); bodies that are not objects; text that is not JSON.
 */

const bool = fc.boolean();
const anyString = fc.string({ maxLength: 30 });
const nonInteger = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .filter((d) => !Number.isInteger(d));
const array = fc.array(safeJson(1), { maxLength: 3 });
const object = fc.dictionary(plainKey, safeJson(1), { maxKeys: 3 });
/** 100k+ characters: a 422 when the body fits the 1 MiB limit, else a 413. */
export const hugeString = fc
  .tuple(
    fc.constantFrom('a', 'é', '😀', ' ', '\u0000', '"'),
    fc.integer({ min: 100_000, max: 160_000 }),
  )
  .map(([c, n]) => c.repeat(n));

const notString = fc.oneof(fc.integer(), nonInteger, bool, fc.constant(null), array, object);
const notBoolean = fc.oneof(anyString, fc.integer(), nonInteger, fc.constant(null), array, object);
const notNullableBoolean = fc.oneof(anyString, fc.integer(), nonInteger, array, object);
const notObject = fc.oneof(anyString, fc.integer(), nonInteger, bool, array);

const badSeconds = fc.oneof(
  anyString,
  fc.integer({ min: 0, max: 2_000_000_000 }).map(String), // numeric text is still text
  nonInteger,
  fc.integer({ min: -1_000_000_000_000, max: -1 }),
  fc.integer({ min: MAX_SECONDS + 1, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(1e16, 1e300, -1e300, Number.MAX_VALUE),
  bool,
  fc.constant(null),
  array,
  object,
);

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const badName = fc.oneof(
  notString,
  fc.constantFrom('', ' ', '\t\n', '\u3000\u2028'),
  fc
    .string({ unit: 'grapheme-ascii', minLength: 201, maxLength: 400 })
    .filter((s) => s.trim().length > 200),
  hugeString,
  fc.tuple(fc.string({ maxLength: 5 }), loneSurrogate).map(([a, s]) => `x${a}${s}`),
);

const badEmail = fc.oneof(
  notString,
  fc.string({ maxLength: 30 }).map((s) => s.replaceAll('@', '')),
  fc.constantFrom(
    '@example.com',
    'a@',
    'a@b',
    'a@@b.com',
    'a b@c.com',
    'a@b..com',
    '.a@b.com',
    "a'; DROP TABLE users;--@x",
    '',
    ' ',
  ),
  hugeString.map((s) => `${s}@example.com`),
);
const badUserId = fc.oneof(
  fc.integer({ max: 0 }),
  nonInteger,
  fc.constantFrom(1e16, Number.MAX_SAFE_INTEGER + 1, 1e300),
  fc.integer({ min: 1 }).map(String),
  anyString,
  bool,
  array,
  object,
);
const badAttendee = fc.oneof(
  fc.oneof(anyString, fc.integer(), bool, fc.constant(null), array),
  fc.constant({}),
  fc.constant({ id: null, email: null }),
  object.filter((o) => !('id' in o) && !('email' in o)),
  fc.record({ id: badUserId }),
  fc.record({ email: badEmail }),
  // A null e-mail beside a valid id is allowed (absent), so it is no corruption here.
  fc.record({ id: userId, email: badEmail.filter((e) => e !== null) }),
  fc.record({ id: badUserId, email: validEmail }),
);
const badAttendees = fc.oneof(
  notObject.filter((v) => !Array.isArray(v)),
  fc.constant(null),
  object,
  fc
    .tuple(
      fc.array(validAttendee, { maxLength: 3 }),
      badAttendee,
      fc.array(validAttendee, { maxLength: 3 }),
    )
    .map(([a, bad, b]) => [...a, bad, ...b]),
  fc
    .integer({ min: 1001, max: 1100 })
    .map((n) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }))),
);

const badMetric = fc.oneof(
  fc.constantFrom(
    'minute',
    'Minutes',
    'HOURS',
    'seconds',
    'months',
    'years',
    '',
    ' hours',
    'weeks\u0000',
  ),
  anyString.filter((s) => !(METRICS as string[]).includes(s)),
  fc.integer(),
  bool,
  fc.constant(null),
);
const outOfRange = fc.constantFrom(...METRICS).chain((metric) => {
  const { min, max } = NOTIFY_BEFORE_RANGES[metric];
  return fc
    .oneof(
      fc.integer({ max: min - 1 }),
      fc.integer({ min: max + 1 }),
      fc.constantFrom(1e300, -1e300),
    )
    .map((value) => ({ metric, value }));
});
const badNotifyBefore = fc.oneof(
  notObject,
  fc.record({ metric: badMetric, value: fc.integer({ min: 0, max: 30 }) }),
  outOfRange,
  fc.record({
    metric: fc.constantFrom(...METRICS),
    value: fc.oneof(nonInteger, anyString, bool, fc.constant(null), array),
  }),
  fc.record({ metric: fc.constantFrom(...METRICS) }),
  fc.record({ value: fc.integer({ min: 1, max: 4 }) }),
);

export const garbageZone = fc.oneof(
  fc.constantFrom(
    '',
    '../../etc',
    '/etc/passwd',
    "'; DROP TABLE meetings;--",
    'Mars/Olympus',
    '+02:00',
    '-0500',
    'UTC+5',
    'GMT+5',
    'Z',
    ' UTC',
    'Europe/Berlin ',
    'Europe/Berlin\u0000',
    'Europe/Berlin[u-ca=iso8601]',
    '2020-01-01T00:00Z',
    '1970-01-01T00:00:00Z[UTC]',
    '2020-01-01[Europe/Berlin]',
    'Europe/Berlin/../Paris',
    '東京',
    'Ünïcödé/Zöne',
    '\u202EUTC',
    `Europe/${'x'.repeat(60)}`,
  ),
  anyString.map((s) => `Nowhere/${s}`),
  fc.string({ unit: 'binary', maxLength: 10 }).map((s) => `Mars/${s}`),
  hugeString,
);
const badTimezone = fc.oneof(
  validZone, // a bare string is not the `{name, offset}` object
  fc.oneof(fc.integer(), bool, array),
  fc.record({ name: garbageZone }),
  fc.record({ name: garbageZone, offset: fc.integer({ min: -720, max: 840 }) }),
  fc.record({ name: notString }),
  fc.record({
    name: validZone,
    offset: fc.oneof(anyString, bool, fc.constant(null), array, object),
  }),
  fc.record({ offset: fc.integer({ min: -720, max: 840 }) }),
);

/** For each field, values the spec makes a 422 naming that field (in any meeting). */
export const INVALID: Readonly<Record<Field, fc.Arbitrary<unknown>>> = {
  name: badName,
  start_date: badSeconds,
  end_date: badSeconds,
  attendees: badAttendees,
  record: notNullableBoolean,
  public: notBoolean,
  scheduled: notBoolean,
  notify: notBoolean,
  notify_before: badNotifyBefore,
  timezone: badTimezone,
  chat: notBoolean,
};

/** Bodies that are valid JSON but not objects. */
export const nonObjectBody = fc.oneof(
  array,
  anyString,
  fc.integer(),
  nonInteger,
  bool,
  fc.constant(null),
);

/** Text the JSON parser must refuse (a leading BOM aside, which it skips). */
export const malformedJson = fc
  .oneof(
    fc.json({ maxDepth: 2 }).chain((text) =>
      fc.oneof(
        fc.integer({ min: 0, max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n)),
        fc.string({ minLength: 1, maxLength: 5 }).map((junk) => text + junk),
        fc.string({ minLength: 1, maxLength: 5 }).map((junk) => junk + text),
      ),
    ),
    fc.constantFrom(
      '{',
      '{"name": }',
      "{'name': 'x'}",
      '{"a":1,}',
      '[1,2',
      'undefined',
      'NaN',
      '{"a": 01}',
      '{"a": "\\x"}',
      '\u0000',
    ),
    fc.string({ maxLength: 40 }),
  )
  .filter((text) => {
    const stripped = text.replace(/^\uFEFF/, '');
    if (stripped.trim() === '') return false; // an empty JSON body is read as `{}`
    try {
      JSON.parse(stripped);
      return false;
    } catch {
      return true;
    }
  });
