import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectRefusal,
  FIXTURE_START,
  json,
  openHarness,
  unchanged,
  type Harness,
} from './harness';
import { knownParams, queryString, unknownParams } from './list-arbitraries';

/** Hostile `GET /meetings` queries: a 422 naming exactly the bad keys, or the caller's own meetings. */

let h: Harness;
let alice: string;
const own: string[] = [];
let strangersId: string;
const list = (query: string, paged: boolean) =>
  h.send(
    alice,
    'GET',
    `/meetings.json?${query}`,
    undefined,
    paged ? { 'CB-Api-Version': '2' } : {},
  );

beforeAll(async () => {
  h = await openHarness(['alice', 'bob', 'carol']);
  alice = h.tokens.alice!;
  for (let i = 0; i < 5; i++) {
    const body = {
      name: `Alice ${i}`,
      start_date: FIXTURE_START + i * 3600,
      end_date: FIXTURE_START + i * 3600 + 1800,
      attendees: i === 0 ? [{ id: h.userIds.bob }] : [],
      scheduled: i % 2 === 0,
    };
    own.push((await h.send(alice, 'POST', '/meetings.json', json(body))).json._id);
  }
  // Bob invites Alice to one; Carol's meeting has nothing to do with her and must never show up.
  const invite = {
    name: 'Bob',
    start_date: FIXTURE_START,
    end_date: FIXTURE_START + 60,
    attendees: [{ id: h.userIds.alice }],
  };
  own.push((await h.send(h.tokens.bob!, 'POST', '/meetings.json', json(invite))).json._id);
  const stranger = {
    name: 'Carol',
    start_date: FIXTURE_START,
    end_date: FIXTURE_START + 60,
    attendees: [],
  };
  strangersId = (await h.send(h.tokens.carol!, 'POST', '/meetings.json', json(stranger))).json._id;
});
afterAll(async () => {
  await h.close();
});

describe('GET /meetings with hostile queries', () => {
  it('refuses every unparseable known key by name, ignores unknown ones, and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(knownParams, unknownParams, fc.boolean(), async (known, unknown, paged) => {
        const reply = await unchanged(h, () => list(queryString([...known, ...unknown]), paged));
        const bad = known.filter((p) => p.bad).map((p) => p.key);
        if (bad.length > 0) {
          const errors = expectRefusal(reply, [422], bad);
          expect(Object.keys(errors).sort()).toEqual([...bad].sort());
          return;
        }
        expect(reply.status, reply.text.slice(0, 300)).toBe(200);
        const items: { _id: string }[] = paged ? reply.json.items : reply.json;
        expect(items.length).toBeLessThanOrEqual(100);
        for (const m of items) expect(own).toContain(m._id);
        // Unknown keys, injection attempts included, change nothing about the answer.
        expect((await list(queryString(known), paged)).json).toEqual(reply.json);
      }),
      { numRuns: 300 },
    );
  });

  it('reads one meeting by _id: 422 for a malformed id, 404 for one that is not hers', async () => {
    const hexOf = (text: string) => /^[0-9a-f]{24}$/i.test(text);
    const ids = fc.oneof(
      fc
        .oneof(
          fc.string({ maxLength: 30 }),
          fc.stringMatching(/^[0-9a-f]{23,25}$/),
          fc.constantFrom("'; DROP TABLE meetings;--", '1 OR 1=1', '../../etc', '', ' '.repeat(24)),
        )
        .filter((id) => !hexOf(id))
        .map((id) => ({ id, status: 422 })),
      fc
        .stringMatching(/^[0-9a-f]{24}$/)
        .filter((id) => !own.includes(id))
        .map((id) => ({ id, status: 404 })),
      fc.constant({ id: strangersId, status: 404 }),
      fc
        .tuple(fc.constantFrom(...own), fc.boolean())
        .map(([id, upper]) => ({ id: upper ? id.toUpperCase() : id, status: 200 })),
    );
    await fc.assert(
      fc.asyncProperty(ids, async ({ id, status }) => {
        const reply = await unchanged(h, () => list(`_id=${encodeURIComponent(id)}`, false));
        if (status === 200) {
          expect(reply.status).toBe(200);
          expect(reply.json._id).toBe(id.toLowerCase());
        } else {
          expectRefusal(reply, [status], status === 422 ? ['_id'] : ['base']);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('answers a query past the 16 KiB request-head limit with a 431 in the API shape', async () => {
    const values = Array.from({ length: 3000 }, (_, i) => String(1_800_000_000 + i)).join(',');
    const reply = await unchanged(h, () => list(`start_date[in]=${values}`, false));
    expectRefusal(reply, [431]);
  });
});
