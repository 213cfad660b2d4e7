import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, MEETING_KEYS, openHarness, type Harness } from './harness';
import { unknownKeys, validCreateBody } from './meeting-arbitraries';

/** Any valid meeting is created (201) and reads back exactly as sent, bar what the spec normalises. */

let h: Harness;
beforeAll(async () => {
  h = await openHarness(['alice']);
});
afterAll(async () => {
  await h.close();
});

/**
 * Minutes east of UTC in `zone` at `seconds`, from the runtime's own Intl data rather than the
 * engine's Temporal code: `GMT`, `GMT+05:30`, or with seconds for old local mean times.
 */
function intlOffsetMinutes(zone: string, seconds: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(seconds * 1000));
  const text = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /^GMT(?:([+-])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) throw new Error(`unexpected offset text ${text} for ${zone}`);
  if (match[1] === undefined) return 0;
  const total = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
  return Math.round(((match[1] === '-' ? -1 : 1) * total) / 60);
}

describe('POST /meetings with valid input', () => {
  it('creates any valid meeting with 201 and reads it back equal', async () => {
    const alice = h.tokens.alice!;
    await fc.assert(
      fc.asyncProperty(validCreateBody, unknownKeys, async (body, extra) => {
        const created = await h.send(alice, 'POST', '/meetings.json', json({ ...extra, ...body }));
        expect(created.status, created.text.slice(0, 300)).toBe(201);
        const m = created.json;
        expect(Object.keys(m).sort()).toEqual(MEETING_KEYS);
        expect(m).toEqual({
          _id: expect.stringMatching(/^[0-9a-f]{24}$/),
          name: body.name.trim(),
          start_date: body.start_date,
          end_date: body.end_date,
          // Echoed as stored: nulls dropped, e-mails trimmed, order kept.
          attendees: body.attendees.map((a: { id?: number | null; email?: string | null }) => ({
            ...(a.id == null ? {} : { id: a.id }),
            ...(a.email == null ? {} : { email: a.email.trim() }),
          })),
          record: body.record ?? null,
          chat_dialog_id: body.chat ? expect.stringMatching(/^[0-9a-f]{24}$/) : null,
          host_id: h.userIds.alice,
          public: body.public ?? false,
          scheduled: body.scheduled ?? false,
          notify: body.notify ?? false,
          notify_before: body.notify_before ?? null,
          timezone: body.timezone
            ? {
                name: body.timezone.name,
                offset: intlOffsetMinutes(body.timezone.name, body.start_date),
              }
            : null,
          created_at: new Date(h.server.clock.now()).toISOString(),
          updated_at: new Date(h.server.clock.now()).toISOString(),
        });
        const read = await h.send(alice, 'GET', `/meetings.json?_id=${m._id}`);
        expect(read.status).toBe(200);
        expect(read.json).toEqual(m);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts a zone name in any letter case and stores the canonical name', async () => {
    const alice = h.tokens.alice!;
    const zones = fc.constantFrom(
      'europe/berlin',
      'AMERICA/NEW_YORK',
      'asia/kolkata',
      'utc',
      'Asia/Calcutta',
    );
    const canonical: Record<string, string> = {
      'europe/berlin': 'Europe/Berlin',
      'AMERICA/NEW_YORK': 'America/New_York',
      'asia/kolkata': 'Asia/Kolkata',
      utc: 'UTC',
      'Asia/Calcutta': 'Asia/Kolkata',
    };
    await fc.assert(
      fc.asyncProperty(validCreateBody, zones, async (body, zone) => {
        const created = await h.send(
          alice,
          'POST',
          '/meetings.json',
          json({ ...body, timezone: { name: zone } }),
        );
        expect(created.status, created.text.slice(0, 300)).toBe(201);
        const name = canonical[zone]!;
        expect(created.json.timezone).toEqual({
          name,
          offset: intlOffsetMinutes(name, body.start_date),
        });
      }),
      { numRuns: 30 },
    );
  });
});
