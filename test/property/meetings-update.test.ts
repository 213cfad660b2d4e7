import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVALID, malformedJson, nonObjectBody } from './hostile-values';
import {
  expectRefusal,
  FIXTURE_START,
  json,
  openHarness,
  prototypeIsClean,
  unchanged,
  type Body,
  type Harness,
} from './harness';
import {
  FIELDS,
  MAX_SECONDS,
  unknownKeys,
  validAttendee,
  validDates,
  validName,
  validOptionals,
  type Field,
} from './meeting-arbitraries';
import { BODY_LIMIT_BYTES } from '../../src-main/server/build-server';

/** Hostile `PUT /meetings/{id}`: refused in the API's shape, by host or stranger, and never half-applied. */

let h: Harness;
/** Alice's private meeting (Carol attends by id), and her public one. */
let privateId: string;
let publicId: string;
const END = FIXTURE_START + 1800;
const put = (who: string, id: string, body: Body) =>
  h.send(h.tokens[who]!, 'PUT', `/meetings/${encodeURIComponent(id)}.json`, body);

beforeAll(async () => {
  h = await openHarness(['alice', 'bob', 'carol']);
  const make = async (extra: object) => {
    const body = { name: 'Fixture', start_date: FIXTURE_START, end_date: END, ...extra };
    const r = await h.send(h.tokens.alice!, 'POST', '/meetings.json', json(body));
    expect(r.status).toBe(201);
    return r.json._id as string;
  };
  privateId = await make({ attendees: [{ id: h.userIds.carol }], chat: true, notify: true });
  publicId = await make({ attendees: [], public: true });
});
afterAll(async () => {
  await h.close();
});

const UPDATABLE = FIELDS.filter((f) => f !== 'chat'); // `chat` is create-only, so ignored here

/** Any valid partial update: some fields, dates always as a consistent pair. */
const validUpdate = fc
  .tuple(
    fc.record(
      { name: validName, attendees: fc.array(validAttendee, { maxLength: 5 }) },
      { requiredKeys: [] },
    ),
    fc.option(validDates, { nil: undefined }),
    validOptionals,
  )
  .map(([some, dates, optionals]) => ({ ...some, ...dates, ...optionals }));

/** A valid update with 1–4 fields made invalid: none of it may be applied. */
const corruptedUpdate = fc
  .tuple(
    validUpdate,
    fc.uniqueArray(fc.constantFrom(...UPDATABLE), { minLength: 1, maxLength: 4 }),
    unknownKeys,
  )
  .chain(([body, fields, extra]) =>
    fc.tuple(...fields.map((f: Field) => INVALID[f])).map((values) => ({
      body: { ...extra, ...body, ...Object.fromEntries(fields.map((f, i) => [f, values[i]])) },
      fields,
    })),
  );

/** Dates that are fine alone but put the stored meeting's end at or before its start. */
const backwards = fc.oneof(
  fc
    .integer({ min: 0, max: FIXTURE_START })
    .map((end_date) => ({ body: { end_date }, field: 'end_date' })),
  fc
    .integer({ min: END, max: MAX_SECONDS })
    .map((start_date) => ({ body: { start_date }, field: 'start_date' })),
  fc
    .tuple(fc.integer({ min: 0, max: MAX_SECONDS }), fc.integer({ min: 0, max: MAX_SECONDS }))
    .map(([a, b]) => ({
      body: { start_date: Math.max(a, b), end_date: Math.min(a, b) },
      field: 'end_date',
    })),
);

describe('PUT /meetings/{id} with hostile input', () => {
  it('refuses invalid fields from the host with a 422 naming each, applying none of the update', async () => {
    await fc.assert(
      fc.asyncProperty(corruptedUpdate, async ({ body, fields }) => {
        const text = JSON.stringify(body);
        const reply = await unchanged(h, () => put('alice', privateId, { text }));
        if (Buffer.byteLength(text) > BODY_LIMIT_BYTES) {
          expectRefusal(reply, [413]);
          return;
        }
        const errors = expectRefusal(reply, [422], fields);
        for (const key of Object.keys(errors)) expect(UPDATABLE).toContain(key);
      }),
      { numRuns: 250 },
    );
  });

  it('refuses an update that would end the meeting before it starts', async () => {
    await fc.assert(
      fc.asyncProperty(backwards, async ({ body, field }) => {
        const reply = await unchanged(h, () => put('alice', privateId, json(body)));
        expectRefusal(reply, [422], [field]);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses bodies that are not objects (422) or not JSON (400)', async () => {
    const bodies = fc.oneof(
      nonObjectBody.map((value) => ({ body: json(value), status: 422 })),
      malformedJson.map((text) => ({ body: { text }, status: 400 })),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async ({ body, status }) => {
        expectRefusal(await unchanged(h, () => put('alice', privateId, body)), [status]);
      }),
      { numRuns: 150 },
    );
  });

  it('answers anyone but the host 404 if they cannot see the meeting and 403 if they can', async () => {
    const cases = fc.constantFrom(
      { who: 'bob', meeting: 'private', status: 404 },
      { who: 'carol', meeting: 'private', status: 403 },
      { who: 'bob', meeting: 'public', status: 403 },
      { who: 'carol', meeting: 'public', status: 403 },
    );
    const anyBody = fc.oneof(
      validUpdate.map((b) => ({ body: json(b), malformed: false })),
      corruptedUpdate.map((c) => ({ body: json(c.body), malformed: false })),
      nonObjectBody.map((v) => ({ body: json(v), malformed: false })),
      malformedJson.map((text) => ({ body: { text }, malformed: true })),
    );
    await fc.assert(
      fc.asyncProperty(cases, anyBody, async ({ who, meeting, status }, { body, malformed }) => {
        if (Buffer.byteLength(body.text) > BODY_LIMIT_BYTES) return;
        const id = meeting === 'private' ? privateId : publicId;
        const reply = await unchanged(h, () => put(who, id, body));
        // The body is parsed before the route runs, so text that is not JSON is a 400 for anyone.
        expectRefusal(reply, [malformed ? 400 : status]);
      }),
      { numRuns: 200 },
    );
  });

  it('answers 404 for ids that name no meeting, however odd', async () => {
    const ids = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
      fc.stringMatching(/^[0-9a-f]{24}$/).filter((id) => id !== privateId && id !== publicId),
      fc.constantFrom(
        "'; DROP TABLE meetings;--",
        '../../etc/passwd',
        '1 OR 1=1',
        '%00',
        '__proto__',
        'constructor',
      ),
      fc.integer({ min: 101, max: 2000 }).map((n) => 'a'.repeat(n)),
    );
    await fc.assert(
      fc.asyncProperty(ids, validUpdate, async (id, body) => {
        const reply = await unchanged(h, () => put('alice', id, json(body)));
        expectRefusal(reply, [404]);
      }),
      { numRuns: 150 },
    );
  });

  it('answers a path with a broken %-escape 400 in the API shape', async () => {
    const broken = fc
      .tuple(
        fc.stringMatching(/^[0-9a-z]{0,10}$/),
        fc.constantFrom('%', '%z', '%zz', '%E0%A4%A', '%C3'),
      )
      .map(([id, escape]) => `${id}${escape}`);
    await fc.assert(
      fc.asyncProperty(broken, validUpdate, async (path, body) => {
        const reply = await unchanged(h, () =>
          h.send(h.tokens.alice!, 'PUT', `/meetings/${path}`, json(body)),
        );
        expectRefusal(reply, [400]);
      }),
      { numRuns: 30 },
    );
  });

  it('never lets __proto__ or constructor.prototype through, nor pollute any object', async () => {
    const poisoned = fc
      .tuple(
        validUpdate,
        fc.constantFrom('__proto__', 'constructor'),
        fc.jsonValue({ maxDepth: 1 }),
      )
      .map(([body, key, value]) => {
        const member =
          key === '__proto__' ? { polluted: value } : { prototype: { polluted: value } };
        const rest = JSON.stringify(body).slice(1);
        return `{"${key}":${JSON.stringify(member)}${rest === '}' ? '' : ','}${rest}`;
      });
    await fc.assert(
      fc.asyncProperty(poisoned, async (text) => {
        expectRefusal(await unchanged(h, () => put('alice', privateId, { text })), [400]);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('PUT /meetings/{id} with valid input', () => {
  it('applies exactly the given fields and leaves the rest as they were', async () => {
    const alice = h.tokens.alice!;
    const created = await h.send(
      alice,
      'POST',
      '/meetings.json',
      json({ name: 'Scratch', start_date: FIXTURE_START, end_date: END, attendees: [] }),
    );
    const id = created.json._id as string;
    await fc.assert(
      fc.asyncProperty(validUpdate, async (body) => {
        const before = (await h.send(alice, 'GET', `/meetings.json?_id=${id}`)).json;
        const reply = await put('alice', id, json(body));
        expect(reply.status, reply.text.slice(0, 300)).toBe(200);
        const { timezone, attendees, name, ...plain } = body;
        const start = body.start_date ?? before.start_date;
        const zone = timezone === undefined ? before.timezone?.name : timezone?.name;
        expect(reply.json).toMatchObject({
          ...before,
          ...plain,
          ...(name === undefined ? {} : { name: name.trim() }),
          ...(attendees === undefined ? {} : { attendees: expect.any(Array) }),
          timezone: zone === undefined ? null : { name: zone, offset: expect.any(Number) },
          start_date: start,
          updated_at: expect.any(String),
        });
        if (attendees) expect(reply.json.attendees).toHaveLength(attendees.length);
        expect((await h.send(alice, 'GET', `/meetings.json?_id=${id}`)).json).toEqual(reply.json);
      }),
      { numRuns: 100 },
    );
  });
});
