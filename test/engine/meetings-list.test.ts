import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meeting } from '../../src-main/shared/meetings-api-types';
import type { Engine } from '../../src-main/engine/engine';
import { EngineError } from '../../src-main/engine/errors';
import type { UserRow } from '../../src-main/engine/users/users-repo';
import { makeUser, openTestEngine, type TestEngine } from '../helpers/test-engine';

const DAY = 86_400;
const T0 = Date.UTC(2027, 2, 1) / 1000;

let t: TestEngine;
let engine: Engine;
let alice: UserRow;
const made: Meeting[] = [];

beforeAll(async () => {
  t = openTestEngine();
  engine = t.engine;
  alice = await makeUser(engine, 'alice', 'alice@example.com');
  // Ten meetings a day apart, created a second apart, every other one scheduled.
  for (let i = 0; i < 10; i++) {
    t.clock.advance(1000);
    made.push(
      engine.meetings.create(alice, {
        name: `m${i}`,
        start_date: T0 + i * DAY,
        end_date: T0 + i * DAY + 1800 * (10 - i),
        attendees: [],
        scheduled: i % 2 === 0,
      }),
    );
  }
});
afterAll(() => t.close());

const names = (query: Record<string, string>) =>
  engine.meetings.list(alice, query).map((m) => m.name);

describe('list filters', () => {
  it('orders by start_date then _id by default', () => {
    expect(names({})).toEqual(made.map((m) => m.name));
  });

  it.each([
    [
      { 'start_date[gte]': String(T0 + 2 * DAY), 'start_date[lt]': String(T0 + 5 * DAY) },
      ['m2', 'm3', 'm4'],
    ],
    [{ 'start_date[gt]': String(T0 + 7 * DAY) }, ['m8', 'm9']],
    [{ 'start_date[lte]': String(T0 + DAY) }, ['m0', 'm1']],
    [{ start_date: String(T0 + 3 * DAY) }, ['m3']],
    [{ 'start_date[ne]': String(T0), limit: '2' }, ['m1', 'm2']],
    [{ 'start_date[in]': `${T0},${T0 + 9 * DAY}` }, ['m0', 'm9']],
    [{ 'start_date[nin]': `${T0},${T0 + DAY}`, limit: '1' }, ['m2']],
    [{ 'start_at[gte]': String(T0 + 8 * DAY) }, ['m8', 'm9']],
    [
      { 'end_at[lt]': String(T0 + 1800 * 3 + 1) },
      ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9'].filter(
        (_, i) => T0 + i * DAY + 1800 * (10 - i) < T0 + 1800 * 3 + 1,
      ),
    ],
    [{ 'end_date[gte]': String(T0 + 9 * DAY) }, ['m9']],
    [{ scheduled: 'true' }, ['m0', 'm2', 'm4', 'm6', 'm8']],
    [{ scheduled: '0', limit: '2', offset: '1' }, ['m3', 'm5']],
    [{ 'created_at[gt]': '2026-11-23T09:00:08.000Z' }, ['m8', 'm9']],
    [{ 'updated_at[lte]': String(Date.UTC(2026, 10, 23, 9, 0, 2) / 1000) }, ['m0', 'm1']],
    [{ unknown: 'ignored', 'start_date[gte]': String(T0 + 9 * DAY) }, ['m9']],
  ])('%j', (query, expected) => {
    expect(names(query)).toEqual(expected);
  });

  it('sorts by sort_desc / sort_asc on the allowed fields', () => {
    expect(names({ sort_desc: 'start_date', limit: '3' })).toEqual(['m9', 'm8', 'm7']);
    expect(names({ sort_asc: 'end_date', limit: '1' })).toEqual(['m0']);
  });

  it('filters by _id with in, and with the SDK array form _id[]=a&_id[]=b', () => {
    expect(names({ '_id[in]': `${made[3]!._id},${made[1]!._id}` })).toEqual(['m1', 'm3']);
    expect(
      engine.meetings.list(alice, { '_id[]': [made[3]!._id, made[1]!._id] }).map((m) => m.name),
    ).toEqual(['m1', 'm3']);
  });

  it('clamps limit to 100 and pages with offset', () => {
    const paged = engine.meetings.listPaged(alice, { limit: '500', offset: '8' });
    expect(paged).toMatchObject({ total_entries: 10, limit: 100, skip: 8 });
    expect(paged.items.map((m) => m.name)).toEqual(['m8', 'm9']);
  });

  it.each([
    [{ 'start_date[foo]': '1' }, 'start_date[foo]'],
    [{ 'start_date[gte]': 'yesterday' }, 'start_date[gte]'],
    [{ 'created_at[gt]': 'not-a-date' }, 'created_at[gt]'],
    [{ scheduled: 'maybe' }, 'scheduled'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '-3' }, 'limit'],
    [{ offset: 'x' }, 'offset'],
    [{ sort_desc: 'name' }, 'sort_desc'],
    [{ 'start_date[in]': ',' }, 'start_date[in]'],
    [{ limit: ['x', '1'] }, 'limit'],
    [{ sort_desc: ['start_date', 'end_date'] }, 'sort_desc'],
  ] as [Record<string, string | string[]>, string][])('rejects %j naming %s', (query, key) => {
    let error: unknown;
    try {
      engine.meetings.list(alice, query);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect(Object.keys((error as EngineError).fields ?? {})).toEqual([key]);
  });
});
