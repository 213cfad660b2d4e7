import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVALID, malformedJson, nonObjectBody } from './hostile-values';
import {
  expectRefusal,
  json,
  openHarness,
  prototypeIsClean,
  unchanged,
  MEETING_KEYS,
  type Body,
  type Harness,
} from './harness';
import {
  FIELDS,
  MAX_SECONDS,
  unknownKeys,
  validCreateBody,
  type Field,
} from './meeting-arbitraries';
import { BODY_LIMIT_BYTES } from '../../src-main/server/build-server';

/** Hostile and malformed `POST /meetings` bodies: always a 4xx in the API's shape, never a write. */

let h: Harness;
let token: string;
const create = (body: Body) => h.send(token, 'POST', '/meetings.json', body);

beforeAll(async () => {
  h = await openHarness(['alice']);
  token = h.tokens.alice!;
});
afterAll(async () => {
  await h.close();
});

/** `name`, `start_date`, `end_date` and `attendees` are required on create: leaving one out is invalid too. */
const REQUIRED: readonly Field[] = ['name', 'start_date', 'end_date', 'attendees'];
const invalidOnCreate = (field: Field) =>
  REQUIRED.includes(field) ? fc.oneof(INVALID[field], fc.constant(undefined)) : INVALID[field];

/** A valid body with 1–4 fields made invalid, plus keys the server must ignore. */
const corruptedBody = fc
  .tuple(
    validCreateBody,
    fc.uniqueArray(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 4 }),
    unknownKeys,
  )
  .chain(([body, fields, extra]) =>
    fc.tuple(...fields.map(invalidOnCreate)).map((values) => ({
      body: { ...extra, ...body, ...Object.fromEntries(fields.map((f, i) => [f, values[i]])) },
      fields,
    })),
  );

describe('POST /meetings with hostile input', () => {
  it('refuses a body with invalid fields with a 422 naming each of them, and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(corruptedBody, async ({ body, fields }) => {
        const text = JSON.stringify(body);
        const reply = await unchanged(h, () => create({ text }));
        if (Buffer.byteLength(text) > BODY_LIMIT_BYTES) {
          expectRefusal(reply, [413]);
          return;
        }
        const errors = expectRefusal(reply, [422], fields);
        // Nothing but meeting fields is ever named: unknown keys are ignored, not reported.
        for (const key of Object.keys(errors)) expect(FIELDS).toContain(key);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a meeting that ends before (or when) it starts, naming end_date', async () => {
    const backwards = fc
      .tuple(
        validCreateBody,
        fc.integer({ min: 0, max: MAX_SECONDS }),
        fc.integer({ min: 0, max: MAX_SECONDS }),
      )
      .map(([body, a, b]) => ({ ...body, start_date: Math.max(a, b), end_date: Math.min(a, b) }));
    await fc.assert(
      fc.asyncProperty(backwards, async (body) => {
        const reply = await unchanged(h, () => create(json(body)));
        expect(Object.keys(expectRefusal(reply, [422], ['end_date']))).toEqual(['end_date']);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses bodies that are not objects (422) and text that is not JSON (400)', async () => {
    const bodies = fc.oneof(
      nonObjectBody.map((value) => ({ body: json(value), status: 422 })),
      malformedJson.map((text) => ({ body: { text }, status: 400 })),
      // Plain text and forms are read, then judged like JSON; unknown media types are refused outright.
      fc
        .string({ maxLength: 40 })
        .map((text) => ({ body: { text, contentType: 'text/plain' }, status: 422 })),
      fc
        .string({ minLength: 1, maxLength: 40 })
        .map((text) => ({ body: { text, contentType: 'application/xml' }, status: 415 })),
      fc.string({ maxLength: 40 }).map((text) => ({
        body: { text, contentType: 'application/x-www-form-urlencoded' },
        status: 422,
      })),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async ({ body, status }) => {
        const reply = await unchanged(h, () => create(body));
        expectRefusal(reply, [status]);
      }),
      { numRuns: 200 },
    );
  });

  it('never lets __proto__ or constructor.prototype through, nor pollute any object', async () => {
    const payload = fc.dictionary(
      fc.constantFrom('polluted', 'isAdmin', 'host_id'),
      fc.jsonValue({ maxDepth: 1 }),
      {
        minKeys: 1,
      },
    );
    /** `text` with `"key": value` spliced in as the first member of the top level or of a nested object. */
    const splice = (text: string, member: string, where: number) => {
      const opens = [...text.matchAll(/\{/g)].map((m) => m.index);
      const at = opens[where % opens.length] ?? 0;
      const empty = text[at + 1] === '}';
      return `${text.slice(0, at + 1)}${member}${empty ? '' : ','}${text.slice(at + 1)}`;
    };
    const poisoned = fc
      .tuple(
        fc.oneof(
          validCreateBody,
          corruptedBody.map((c) => c.body),
        ),
        fc.constantFrom('__proto__', 'constructor'),
        payload,
        fc.nat(),
      )
      .map(([body, key, value, where]) => {
        const member =
          key === '__proto__' ? JSON.stringify(value) : JSON.stringify({ prototype: value });
        return splice(JSON.stringify(body), `"${key}":${member}`, where);
      })
      .filter((text) => Buffer.byteLength(text) <= BODY_LIMIT_BYTES);
    await fc.assert(
      fc.asyncProperty(poisoned, async (text) => {
        const reply = await unchanged(h, () => create({ text }));
        expectRefusal(reply, [400]);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('answers a body over the 1 MiB limit with a 413 in the API shape', async () => {
    const big = fc.integer({ min: BODY_LIMIT_BYTES, max: 3 * BODY_LIMIT_BYTES }).map((n) => ({
      name: 'x'.repeat(n),
      start_date: 1,
      end_date: 2,
      attendees: [],
    }));
    await fc.assert(
      fc.asyncProperty(big, async (body) => {
        expectRefusal(await unchanged(h, () => create(json(body))), [413]);
      }),
      { numRuns: 5 },
    );
  });

  it('treats constructor and prototype keys without a prototype inside as unknown, ignored keys', async () => {
    const body = fc
      .tuple(
        validCreateBody,
        fc.constantFrom('constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'),
        fc.jsonValue({ maxDepth: 0 }),
      )
      .map(([b, key, value]) => JSON.stringify({ ...b, [key]: value }));
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const reply = await create({ text });
        expect(reply.status, reply.text.slice(0, 300)).toBe(201);
        expect(Object.keys(reply.json).sort()).toEqual(MEETING_KEYS);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
