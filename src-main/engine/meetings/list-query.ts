import { validationError, type FieldErrors } from '../errors';

/**
 * Parses a `GET /meetings` query string (already split into keys and values) into typed filters.
 * Keys arrive as `field=value` or `field[op]=value`; unknown keys are ignored, a known key with an
 * unparseable value or operator is a 422 naming that key.
 */
export type FilterField =
  'start_date' | 'end_date' | 'created_at' | 'updated_at' | 'scheduled' | '_id';
export type FilterOp = 'eq' | 'lt' | 'lte' | 'gt' | 'gte' | 'ne' | 'in' | 'nin';
export type FilterValue = number | string;
export type Filter = { field: FilterField; op: FilterOp; values: FilterValue[] };
export type SortField = 'start_date' | 'end_date' | 'created_at' | 'updated_at';

export type ListQuery = {
  filters: Filter[];
  limit: number;
  offset: number;
  sort: { field: SortField; direction: 'asc' | 'desc' };
};

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 100;
const MAX_LIST_VALUES = 100;

const ALIASES: Readonly<Record<string, FilterField>> = {
  start_date: 'start_date',
  start_at: 'start_date',
  end_date: 'end_date',
  end_at: 'end_date',
  created_at: 'created_at',
  updated_at: 'updated_at',
  scheduled: 'scheduled',
  _id: '_id',
};
const OPS: readonly FilterOp[] = ['lt', 'lte', 'gt', 'gte', 'ne', 'in', 'nin'];
const SORT_FIELDS: readonly SortField[] = ['start_date', 'end_date', 'created_at', 'updated_at'];
const MAX_ISO_MS = 253_402_300_799_999;

type Parser = (raw: string) => FilterValue | undefined;

function parseSeconds(raw: string): number | undefined {
  if (!/^-?\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}

function inIsoRange(ms: number): number | undefined {
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_ISO_MS ? ms : undefined;
}

/** Milliseconds of an ISO-8601 date string, if it is one. */
function parseIsoMs(raw: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw)) return undefined;
  return inIsoRange(Date.parse(raw));
}

/**
 * `start_date`/`end_date` are stored as Unix seconds, but the SDK types their filters
 * (`start_at`/`end_at`) as `DateOrTimestamp`, so a typed app may send an ISO date string: it
 * compares as (possibly fractional) seconds rather than being refused.
 */
function parseSecondsOrIso(raw: string): number | undefined {
  const seconds = parseSeconds(raw);
  if (seconds !== undefined) return seconds;
  const ms = parseIsoMs(raw);
  return ms === undefined ? undefined : ms / 1000;
}

/** ISO-8601 date strings, or Unix seconds, normalised to the stored `toISOString()` form. */
function parseTimestamp(raw: string): string | undefined {
  const ms = /^\d{1,12}(\.\d+)?$/.test(raw) ? inIsoRange(Number(raw) * 1000) : parseIsoMs(raw);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

function parseBoolean(raw: string): number | undefined {
  if (raw === 'true' || raw === '1') return 1;
  if (raw === 'false' || raw === '0') return 0;
  return undefined;
}

function parseObjectId(raw: string): string | undefined {
  return /^[0-9a-f]{24}$/i.test(raw) ? raw.toLowerCase() : undefined;
}

const PARSERS: Readonly<Record<FilterField, Parser>> = {
  start_date: parseSecondsOrIso,
  end_date: parseSecondsOrIso,
  created_at: parseTimestamp,
  updated_at: parseTimestamp,
  scheduled: parseBoolean,
  _id: parseObjectId,
};

const EXPECTED: Readonly<Record<FilterField, string>> = {
  start_date: 'an integer (Unix seconds) or an ISO-8601 date',
  end_date: 'an integer (Unix seconds) or an ISO-8601 date',
  created_at: 'an ISO-8601 date or Unix seconds',
  updated_at: 'an ISO-8601 date or Unix seconds',
  scheduled: 'true or false',
  _id: 'a 24-character hex id',
};

export type RawQuery = Record<string, string | string[] | undefined>;

function valuesOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function parseCount(raw: string, min: number): number | undefined {
  if (!/^\d{1,9}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min ? n : undefined;
}

/** Paging and sorting take one value; a repeated one is ambiguous, so it is refused. */
const SINGLE_KEYS = new Set(['limit', 'offset', 'skip', 'sort_asc', 'sort_desc']);

export function parseListQuery(query: RawQuery): ListQuery {
  const errors: FieldErrors = {};
  const fail = (key: string, message: string) => (errors[key] ??= []).push(message);
  const filters: Filter[] = [];
  let limit = DEFAULT_LIMIT;
  let offset = 0;
  let sort: ListQuery['sort'] = { field: 'start_date', direction: 'asc' };

  for (const [key, value] of Object.entries(query)) {
    const raws = valuesOf(value);
    const last = raws[raws.length - 1];
    if (last === undefined) continue;
    if (SINGLE_KEYS.has(key) && raws.length > 1) {
      fail(key, 'may be given only once');
      continue;
    }

    if (key === 'limit') {
      const n = parseCount(last, 1);
      if (n === undefined) fail(key, 'must be a positive integer');
      else limit = Math.min(n, MAX_LIMIT);
      continue;
    }
    if (key === 'offset' || key === 'skip') {
      const n = parseCount(last, 0);
      if (n === undefined) fail(key, 'must be a non-negative integer');
      else offset = n;
      continue;
    }
    if (key === 'sort_asc' || key === 'sort_desc') {
      if (!SORT_FIELDS.includes(last as SortField))
        fail(key, `must be one of ${SORT_FIELDS.join(', ')}`);
      else sort = { field: last as SortField, direction: key === 'sort_asc' ? 'asc' : 'desc' };
      continue;
    }

    const head = /^([a-z_]+)(?:\[|$)/.exec(key)?.[1];
    // Own keys only: `constructor` or `__proto__` must not find Object.prototype's members.
    const field = head !== undefined && Object.hasOwn(ALIASES, head) ? ALIASES[head] : undefined;
    if (!field) continue; // unknown parameters are ignored (spec section 2)
    const match = /^[a-z_]+(?:\[([a-z]*)\])?$/.exec(key);
    if (!match) {
      // A known field with a malformed operator (`start_date[GTE]`, `start_date[gte][x]`) is
      // refused: dropping the filter silently would widen the result the caller asked for.
      fail(key, `malformed operator; use field[op] with op one of ${OPS.join(', ')}`);
      continue;
    }
    const opText = match[1];
    let op: FilterOp = 'eq';
    let valueGroups = raws;
    if (opText === '') {
      // `_id[]=a&_id[]=b` is how the SDK serialises an array value: one `in` over all of them.
      op = 'in';
      valueGroups = [raws.join(',')];
    } else if (opText !== undefined) {
      if (!OPS.includes(opText as FilterOp)) {
        fail(key, `unknown operator "${opText.slice(0, 20)}"; use one of ${OPS.join(', ')}`);
        continue;
      }
      op = opText as FilterOp;
    }
    for (const raw of valueGroups) {
      const parts = op === 'in' || op === 'nin' ? raw.split(',').filter((p) => p !== '') : [raw];
      if (parts.length === 0 || parts.length > MAX_LIST_VALUES) {
        fail(key, `must list from 1 to ${MAX_LIST_VALUES} values`);
        continue;
      }
      const values = parts.map(PARSERS[field]);
      if (values.some((v) => v === undefined)) {
        fail(key, `must be ${EXPECTED[field]}`);
        continue;
      }
      filters.push({ field, op, values: values as FilterValue[] });
    }
  }
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return { filters, limit, offset, sort };
}
