import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  getMeeting,
  listMeetings,
  newSdk,
  rejection,
  signIn,
  startSdkServer,
  type Sdk,
  type SdkServer,
} from './sdk-harness';

// Every meeting call of the official SDK against the real server: what an app sees back.
const T0 = 1_800_000_000;
const HOUR = 3600;
const OBJECT_ID = /^[0-9a-f]{24}$/;

let server: SdkServer;
let alice: Sdk;
let bob: Sdk;
let aliceId: number;
let bobId: number;

beforeAll(async () => {
  server = await startSdkServer();
  alice = newSdk(server.url);
  bob = newSdk(server.url);
  aliceId = await signIn(alice, 'alice');
  bobId = await signIn(bob, 'bob');
});
afterAll(async () => {
  await server.stop();
});

describe('meeting CRUD through the connectycube SDK', () => {
  test('two users are signed in at once, each with their own session', async () => {
    expect(aliceId).not.toBe(bobId);
    const [a, b] = await Promise.all([alice.getSession(), bob.getSession()]);
    expect(a.user_id).toBe(aliceId);
    expect(b.user_id).toBe(bobId);
    expect(a.token).not.toBe(b.token);
  });

  test('create with chat and attendees returns the stored meeting', async () => {
    const created = await alice.meeting.create({
      name: 'Sync',
      start_date: T0,
      end_date: T0 + HOUR,
      attendees: [{ id: bobId }, { email: 'guest@example.com' }],
      chat: true,
    });
    expect(created).toEqual({
      _id: expect.stringMatching(OBJECT_ID),
      name: 'Sync',
      start_date: T0,
      end_date: T0 + HOUR,
      attendees: [{ id: bobId }, { email: 'guest@example.com' }],
      // The SDK fills in `record: false` when the app does not say.
      record: false,
      chat_dialog_id: expect.stringMatching(OBJECT_ID),
      host_id: aliceId,
      public: false,
      scheduled: false,
      notify: false,
      notify_before: null,
      timezone: null,
      created_at: new Date(server.clock.now()).toISOString(),
      updated_at: new Date(server.clock.now()).toISOString(),
    });
    expect(created).not.toHaveProperty('chat');
    const post = server.seen.findLast((r) => r.method === 'POST' && r.url === '/meetings.json');
    expect(post).toMatchObject({ status: 201, contentType: 'application/json;charset=utf-8' });
    expect(post?.body).toMatchObject({ name: 'Sync', chat: true, record: false });
  });

  test('create with no arguments uses the SDK defaults and the server accepts them', async () => {
    const created = await alice.meeting.create();
    expect(typeof created.name).toBe('string');
    expect(created.name).not.toBe('');
    expect(created.end_date).toBe(Number(created.start_date) + HOUR);
    expect(created.attendees).toEqual([]);
    expect(created.record).toBe(false);
    expect(created.chat_dialog_id).toBeNull();
    await alice.meeting.delete(created._id);
  });

  test('get by _id returns one object, to the host and to an attendee', async () => {
    const created = await alice.meeting.create({
      name: 'One',
      start_date: T0 + 2 * HOUR,
      end_date: T0 + 3 * HOUR,
      attendees: [{ id: bobId }],
    });
    expect(await getMeeting(alice, created._id)).toEqual(created);
    expect(await getMeeting(bob, created._id)).toEqual(created);
    const urls = server.seen.filter((r) => r.url.startsWith('/meetings.json?_id='));
    expect(urls.at(-1)).toMatchObject({
      url: `/meetings.json?_id=${created._id}`,
      contentType: 'application/x-www-form-urlencoded; charset=UTF-8',
      status: 200,
    });
  });

  test('list returns a bare array of the meetings the caller hosts or attends', async () => {
    const hosted = await listMeetings(alice);
    const attended = await listMeetings(bob);
    expect(hosted.map((m) => m.name)).toEqual(['Sync', 'One']);
    expect(attended.map((m) => m.name)).toEqual(['Sync', 'One']);
    expect(attended.every((m) => m.host_id === aliceId)).toBe(true);
    // An empty filter object still leaves the SDK's trailing `?`.
    expect(server.seen.at(-1)?.url).toBe('/meetings.json?');
  });

  test('a partial update changes only the fields sent', async () => {
    const created = await alice.meeting.create({
      name: 'Partial',
      start_date: T0 + 4 * HOUR,
      end_date: T0 + 5 * HOUR,
      attendees: [{ id: bobId }],
      public: true,
    });
    server.clock.advance(60_000);
    const updated = await alice.meeting.update(created._id, { record: true });
    const put = server.seen.at(-1);
    expect(put?.method).toBe('PUT');
    expect(put?.url).toBe(`/meetings/${created._id}.json`);
    expect(put?.body).toEqual({ record: true });
    expect(updated).toEqual({
      ...created,
      record: true,
      updated_at: new Date(server.clock.now()).toISOString(),
    });
    expect(await getMeeting(bob, created._id)).toEqual(updated);
  });

  test('an update with attendees replaces the whole list', async () => {
    const created = await alice.meeting.create({
      name: 'Replace',
      start_date: T0 + 6 * HOUR,
      end_date: T0 + 7 * HOUR,
      attendees: [{ id: bobId }, { email: 'a@example.com' }],
    });
    const updated = await alice.meeting.update(created._id, {
      attendees: [{ email: 'b@example.com' }],
      name: 'Replaced',
    });
    expect(updated.attendees).toEqual([{ email: 'b@example.com' }]);
    expect(updated.name).toBe('Replaced');
    expect(updated.start_date).toBe(created.start_date);
    expect((await rejection(bob.meeting.get({ _id: created._id }))).code).toBe(404);
  });

  test('delete resolves with the body `{}` and the meeting is gone', async () => {
    const created = await alice.meeting.create({
      name: 'Doomed',
      start_date: T0 + 8 * HOUR,
      end_date: T0 + 9 * HOUR,
      attendees: [{ id: bobId }],
    });
    // The SDK reads DELETE responses as text, so the app receives the raw body.
    expect(await alice.meeting.delete(created._id)).toBe('{}');
    expect(server.seen.at(-1)).toMatchObject({ method: 'DELETE', status: 200 });
    const gone = await rejection(alice.meeting.get({ _id: created._id }));
    expect(gone).toEqual({ code: 404, info: { errors: { base: ['Meeting not found'] } } });
    expect((await listMeetings(bob)).map((m) => m._id)).not.toContain(created._id);
  });
});

describe('validation errors through the SDK', () => {
  test('a 422 on create names every bad field', async () => {
    const error = await rejection(
      alice.meeting.create({ name: '', start_date: T0, end_date: T0 - 60 }),
    );
    expect(error.code).toBe(422);
    expect(Object.keys(error.info.errors).sort()).toEqual(['end_date', 'name']);
    expect(error.info.errors.name).toEqual([expect.any(String)]);
    expect(error.info.errors.end_date).toEqual([expect.any(String)]);
  });

  test('a 422 on update names the field, and the meeting is unchanged', async () => {
    const created = await alice.meeting.create({
      name: 'Valid',
      start_date: T0,
      end_date: T0 + HOUR,
    });
    const error = await rejection(
      alice.meeting.update(created._id, { notify_before: { metric: 'hours', value: 99 } }),
    );
    expect(error.code).toBe(422);
    expect(Object.keys(error.info.errors).some((k) => k.startsWith('notify_before'))).toBe(true);
    const badAttendee = await rejection(
      alice.meeting.update(created._id, { attendees: [{ email: 'not-an-email' }] }),
    );
    expect(badAttendee.code).toBe(422);
    expect(Object.keys(badAttendee.info.errors).join()).toContain('attendees');
    expect(await getMeeting(alice, created._id)).toEqual(created);
  });
});
