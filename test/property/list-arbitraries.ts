import fc from 'fast-check';

/**
 * Query parameters for `GET /meetings` (spec section 2): each known key with a value it must accept
 * or one it must refuse, keys with malformed operators, and keys the server must ignore.
 */

export type Param = { key: string; value: string; bad: boolean };

export const OPS = ['lt', 'lte', 'gt', 'gte', 'ne', 'in', 'nin'] as const;
const SECONDS_FIELDS = ['start_date', 'start_at', 'end_date', 'end_at'];
const STAMP_FIELDS = ['created_at', 'updated_at'];
export const FILTER_FIELDS = [...SECONDS_FIELDS, ...STAMP_FIELDS, 'scheduled', '_id'];
const CONTROL_KEYS = ['limit', 'offset', 'skip', 'sort_asc', 'sort_desc'];
const SORT_FIELDS = ['start_date', 'end_date', 'created_at', 'updated_at'];

/** Anything starting with `x` is no number, date, boolean, hex id or sort field. */
const garbage = fc.string({ maxLength: 20 }).map((s) => `x${s}`);
const INJECTION = [
  '1; DROP TABLE meetings;--',
  "' OR '1'='1",
  '1 OR 1=1',
  '1) UNION SELECT * FROM users--',
  '[object Object]',
];

// A few days away from the ends of the range: a date without a zone is read in local time.
const date = fc.date({
  min: new Date(Date.UTC(1970, 0, 3)),
  max: new Date(Date.UTC(9999, 11, 29)),
  noInvalidDate: true,
});
const isoText = date.chain((d) =>
  fc.constantFrom(
    d.toISOString(),
    d.toISOString().slice(0, 10),
    d.toISOString().replace('Z', '+00:00'),
  ),
);

type Kind = { valid: fc.Arbitrary<string>; invalid: fc.Arbitrary<string> };
const KIND: Readonly<Record<string, Kind>> = {
  seconds: {
    valid: fc.oneof(
      fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }).map(String),
      isoText,
    ),
    invalid: fc.oneof(
      garbage,
      fc.constantFrom(
        ' 1',
        '1.5',
        '1e3',
        '0x10',
        '+5',
        '9999999999999999',
        'NaN',
        'Infinity',
        'true',
        '١٢٣',
      ),
      fc.constantFrom(
        '2020-13-45',
        '1969-12-31T23:59:59Z',
        '10000-01-01',
        '2020-01-01T',
        ...INJECTION,
      ),
    ),
  },
  stamp: {
    valid: fc.oneof(
      isoText,
      fc.integer({ min: 0, max: 253_402_300_799 }).map(String),
      fc.constantFrom('1.5', '0.001'),
    ),
    invalid: fc.oneof(
      garbage,
      fc.constantFrom(
        '-1',
        '253402300800',
        '1234567890123',
        '1.',
        '.5',
        '2020-13-45',
        '1969-12-31T23:59:59Z',
      ),
      fc.constantFrom(...INJECTION),
    ),
  },
  scheduled: {
    valid: fc.constantFrom('true', 'false', '1', '0'),
    invalid: fc.oneof(
      garbage,
      fc.constantFrom('yes', 'TRUE', 'True', '2', '-1', ' true', 'true ', 'null', ...INJECTION),
    ),
  },
  id: {
    valid: fc.stringMatching(/^[0-9a-fA-F]{24}$/),
    invalid: fc.oneof(
      garbage,
      fc.stringMatching(/^[0-9a-f]{23}$/),
      fc.stringMatching(/^[0-9a-f]{25}$/),
      fc.constantFrom('g'.repeat(24), `${'a'.repeat(23)} `, ...INJECTION),
    ),
  },
};

function kindOf(field: string): Kind {
  if (SECONDS_FIELDS.includes(field)) return KIND.seconds!;
  if (STAMP_FIELDS.includes(field)) return KIND.stamp!;
  return field === 'scheduled' ? KIND.scheduled! : KIND.id!;
}

/** `in`/`nin` lists: 1–100 good values; a bad one among good ones, nothing, or 101+ values. */
function listValue(kind: Kind, bad: boolean): fc.Arbitrary<string> {
  if (!bad) return fc.array(kind.valid, { minLength: 1, maxLength: 100 }).map((v) => v.join(','));
  return fc.oneof(
    fc
      .tuple(
        fc.array(kind.valid, { maxLength: 5 }),
        kind.invalid.filter((v) => !v.includes(',') && v !== ''),
      )
      .map(([good, b]) => [...good, b].join(',')),
    fc.constantFrom('', ',', ',,,'),
    // Short values, so even the longest list stays well inside the 16 KiB request-head limit.
    fc
      .integer({ min: 101, max: 400 })
      .map((n) => Array.from({ length: n }, (_, i) => String(i % 1000)).join(',')),
  );
}

/** A filter key (`field`, `field[op]`, or the SDK's `field[]` array form) with a good or bad value. */
const filterParam: fc.Arbitrary<Param> = fc
  .tuple(fc.constantFrom(...FILTER_FIELDS), fc.constantFrom('eq', '[]', ...OPS), fc.boolean())
  // A bare `_id` is the single-meeting read, tested on its own.
  .filter(([field, op]) => !(field === '_id' && op === 'eq'))
  .chain(([field, op, bad]) => {
    const kind = kindOf(field);
    const key = op === 'eq' ? field : op === '[]' ? `${field}[]` : `${field}[${op}]`;
    const value =
      op === 'in' || op === 'nin' || op === '[]'
        ? listValue(kind, bad)
        : bad
          ? kind.invalid
          : kind.valid;
    return value.map((v) => ({ key, value: v, bad }));
  });

const controlParam: fc.Arbitrary<Param> = fc.oneof(
  fc.record({
    key: fc.constant('limit'),
    value: fc.integer({ min: 1, max: 999_999_999 }).map(String),
    bad: fc.constant(false),
  }),
  fc.record({
    key: fc.constant('limit'),
    value: fc.oneof(
      garbage,
      fc.constantFrom('0', '00', '-1', '1.5', '1e2', '1234567890', '', ' 1', '+1', '0x1'),
    ),
    bad: fc.constant(true),
  }),
  fc.record({
    key: fc.constantFrom('offset', 'skip'),
    value: fc.integer({ min: 0, max: 999_999_999 }).map(String),
    bad: fc.constant(false),
  }),
  fc.record({
    key: fc.constantFrom('offset', 'skip'),
    value: fc.oneof(garbage, fc.constantFrom('-1', '1.5', '1234567890', '', ' 0', ...INJECTION)),
    bad: fc.constant(true),
  }),
  fc.record({
    key: fc.constantFrom('sort_asc', 'sort_desc'),
    value: fc.constantFrom(...SORT_FIELDS),
    bad: fc.constant(false),
  }),
  fc.record({
    key: fc.constantFrom('sort_asc', 'sort_desc'),
    value: fc.oneof(
      garbage,
      fc.constantFrom(
        'name',
        '_id',
        'host_id',
        'START_DATE',
        'start_date ',
        '',
        'm.start_date',
        ...INJECTION,
      ),
    ),
    bad: fc.constant(true),
  }),
);

/** A known field with an operator the spec does not define, in any value. */
const badOperatorParam: fc.Arbitrary<Param> = fc
  .tuple(
    fc.constantFrom(...FILTER_FIELDS),
    fc.oneof(
      fc.constantFrom(
        '[foo]',
        '[GTE]',
        '[eq]',
        '[ge]',
        '[gte][x]',
        '[gte]]',
        '[gte',
        '[in ]',
        '[$gt]',
        '[lt;DROP TABLE meetings]',
        '[0]',
        '[[gte]]',
      ),
      fc.string({ maxLength: 8 }).map((s) => `[${s}x]`),
    ),
    fc.oneof(garbage, fc.constant('1')),
  )
  .map(([field, op, value]) => ({ key: `${field}${op}`, value, bad: true }));

const KNOWN_HEAD = new RegExp(`^(${[...FILTER_FIELDS, ...CONTROL_KEYS].join('|')})(\\[|$)`);
/** Keys the server must ignore, injection attempts among them; their values never matter. */
export const unknownParam: fc.Arbitrary<Param> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(
        'start_date) OR 1=1 --',
        '1=1',
        'name',
        'host_id',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'START_DATE',
        'start_datex',
        'start_date.gte',
        'foo[gte]',
        'm.start_date',
        "'; DROP TABLE meetings;--",
      ),
      fc.string({ maxLength: 12 }),
    ),
    fc.oneof(garbage, fc.string({ maxLength: 20 })),
  )
  .filter(([key]) => !KNOWN_HEAD.test(key))
  .map(([key, value]) => ({ key, value, bad: false }));

/** Distinct keys: a repeated key is a list whose last `limit` wins, which this model leaves out. */
export const knownParams = fc.uniqueArray(fc.oneof(filterParam, controlParam, badOperatorParam), {
  selector: (p) => p.key,
  maxLength: 6,
});
export const unknownParams = fc.uniqueArray(unknownParam, { selector: (p) => p.key, maxLength: 3 });

/** `a=1&b[gte]=2`, with brackets left raw and everything else percent-encoded, as the SDK sends it. */
export function queryString(params: readonly Param[]): string {
  const encodeKey = (k: string) =>
    encodeURIComponent(k).replaceAll('%5B', '[').replaceAll('%5D', ']');
  return params.map((p) => `${encodeKey(p.key)}=${encodeURIComponent(p.value)}`).join('&');
}
