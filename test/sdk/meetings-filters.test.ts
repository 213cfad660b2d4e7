import type { Meetings } from 'connectycube';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  listMeetings,
  newSdk,
  rejection,
  signIn,
  startSdkServer,
  type Sdk,
  type SdkServer,
} from './sdk-harness';

// List filters as an app passes them to `meeting.get`, checked twice: the exact query string the
// SDK serialises (brackets raw, values percent-encoded, keys sorted) and the meetings that come back.
const T0 = 1_800_000_000;
const DAY = 86_400;
const HOUR = 3600;

let server: SdkServer;
let alice: Sdk;
let bob: Sdk;
/** Meetings m0..m3, one a day from T0, created a minute apart; m0 and m2 are scheduled. */
const m: Meetings.Meeting[] = [];

beforeAll(async () => {
  server = await startSdkServer();
  alice = newSdk(server.url);
  bob = newSdk(server.url);
  await signIn(alice, 'alice');
  const bobId = await signIn(bob, 'bob');
  for (let i = 0; i < 4; i++) {
    m.push(
      await alice.meeting.create({
        name: `m${i}`,
        start_date: T0 + i * DAY,
        end_date: T0 + i * DAY + (i + 1) * HOUR,
        attendees: [{ id: bobId }],
        scheduled: i % 2 === 0,
      }),
    );
    server.clock.advance(60_000);
  }
});
afterAll(async () => {
  await server.stop();
});

/** Lists as `sdk`, returning the names that came back and the raw URL the server received. */
async function listed(sdk: Sdk, params: Record<string, unknown>) {
  const meetings = await listMeetings(sdk, params);
  const last = server.seen.at(-1);
  expect(last?.status).toBe(200);
  return { names: meetings.map((x) => x.name), url: last?.url };
}

describe('meeting.get filters through the SDK', () => {
  test.each<[string, Record<string, unknown>, string, string[]]>([
    [
      'start_date gte with end_date lt',
      { start_date: { gte: T0 + DAY }, end_date: { lt: T0 + 3 * DAY } },
      `end_date[lt]=${T0 + 3 * DAY}&start_date[gte]=${T0 + DAY}`,
      ['m1', 'm2'],
    ],
    [
      'two operators on one field',
      { start_date: { gt: T0, lte: T0 + 2 * DAY } },
      `start_date[gt]=${T0}&start_date[lte]=${T0 + 2 * DAY}`,
      ['m1', 'm2'],
    ],
    [
      'in takes a comma-separated list',
      { start_date: { in: [T0 + 3 * DAY, T0] } },
      `start_date[in]=${T0}%2C${T0 + 3 * DAY}`,
      ['m0', 'm3'],
    ],
    [
      'nin excludes a list',
      { end_date: { nin: [T0 + HOUR, T0 + DAY + 2 * HOUR] } },
      // The SDK sorts list values as strings before joining them.
      `end_date[nin]=${T0 + HOUR}%2C${T0 + DAY + 2 * HOUR}`,
      ['m2', 'm3'],
    ],
    ['ne', { start_date: { ne: T0 } }, `start_date[ne]=${T0}`, ['m1', 'm2', 'm3']],
    ['scheduled equality', { scheduled: true }, 'scheduled=true', ['m0', 'm2']],
    ['scheduled false', { scheduled: false }, 'scheduled=false', ['m1', 'm3']],
    ['limit and offset', { limit: 2, offset: 1 }, 'limit=2&offset=1', ['m1', 'm2']],
    [
      'start_at/end_at aliases from the SDK types',
      { start_at: { gte: T0 + DAY }, end_at: { lte: T0 + 2 * DAY + 3 * HOUR } },
      `end_at[lte]=${T0 + 2 * DAY + 3 * HOUR}&start_at[gte]=${T0 + DAY}`,
      ['m1', 'm2'],
    ],
    [
      'sort_desc overrides the order',
      { sort_desc: 'start_date', limit: 3 },
      'limit=3&sort_desc=start_date',
      ['m3', 'm2', 'm1'],
    ],
    ['unknown parameters are ignored', { colour: 'blue' }, 'colour=blue', ['m0', 'm1', 'm2', 'm3']],
  ])('%s', async (_name, params, query, expected) => {
    const { names, url } = await listed(bob, params);
    expect(url).toBe(`/meetings.json?${query}`);
    expect(names).toEqual(expected);
  });

  test('created_at and updated_at take ISO dates, percent-encoded by the SDK', async () => {
    const after = m[1]!.created_at as string;
    const { names, url } = await listed(alice, { created_at: { gt: after } });
    expect(url).toBe(`/meetings.json?created_at[gt]=${after.replaceAll(':', '%3A')}`);
    expect(names).toEqual(['m2', 'm3']);
    const upTo = await listed(alice, { updated_at: { lte: m[0]!.updated_at } });
    expect(upTo.names).toEqual(['m0']);
  });

  test('created_at also accepts Unix seconds', async () => {
    const seconds = Date.parse(m[2]!.created_at as string) / 1000;
    const { names, url } = await listed(alice, { created_at: { gte: seconds } });
    expect(url).toBe(`/meetings.json?created_at[gte]=${seconds}`);
    expect(names).toEqual(['m2', 'm3']);
  });

  test('start_at accepts an ISO date, as the SDK type `DateOrTimestamp` allows', async () => {
    // Typed exactly as the SDK declares it: no cast needed for this call.
    const filter: Meetings.GetParams = {
      start_at: { gte: new Date((T0 + DAY) * 1000).toISOString() },
    };
    const result = await bob.meeting.get(filter);
    expect(server.seen.at(-1)?.url).toBe(
      '/meetings.json?start_at[gte]=2027-01-16T08%3A00%3A00.000Z',
    );
    expect(Array.isArray(result) && result.map((x) => x.name)).toEqual(['m1', 'm2', 'm3']);
  });

  test('_id in a list of ids', async () => {
    const { names, url } = await listed(bob, { _id: { in: [m[3]!._id, m[0]!._id] } });
    expect(url).toBe(`/meetings.json?_id[in]=${[m[0]!._id, m[3]!._id].sort().join('%2C')}`);
    expect(names).toEqual(['m0', 'm3']);
  });

  test('limit is capped at 100 and offset past the end is empty', async () => {
    expect((await listed(bob, { limit: 500 })).names).toHaveLength(4);
    expect((await listed(bob, { offset: 4 })).names).toEqual([]);
  });

  test('a filter with an unparseable value is a 422 naming the key', async () => {
    const error = await rejection(listMeetings(bob, { start_date: { gte: 'tomorrow' } }));
    expect(error.code).toBe(422);
    expect(Object.keys(error.info.errors)).toEqual(['start_date[gte]']);
    const badOp = await rejection(listMeetings(bob, { end_date: { near: T0 } }));
    expect(badOp.code).toBe(422);
    expect(Object.keys(badOp.info.errors)).toEqual(['end_date[near]']);
    expect((await rejection(listMeetings(bob, { limit: 0 }))).info.errors).toHaveProperty('limit');
  });

  test('filters never widen visibility: carol sees none of these meetings', async () => {
    const carol = newSdk(server.url);
    await signIn(carol, 'carol');
    expect((await listed(carol, { start_date: { gte: 0 } })).names).toEqual([]);
  });
});
