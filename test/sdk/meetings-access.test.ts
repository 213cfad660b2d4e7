import type { Meetings } from 'connectycube';
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

// Who may see and change a meeting, as the SDK reports it: resolved objects or `{code, info}`.
const T0 = 1_800_000_000;
const HOUR = 3600;
const NOT_FOUND = { code: 404, info: { errors: { base: ['Meeting not found'] } } };

let server: SdkServer;
let alice: Sdk;
let bob: Sdk;
let carol: Sdk;
let bobId: number;
let carolId: number;
/** Alice hosts all three: bob attends `attended` by id; `hidden` is private with no attendees. */
let attended: Meetings.Meeting;
let hidden: Meetings.Meeting;
let open: Meetings.Meeting;

let created = 0;
/** One meeting an hour after the previous one, so list order (by start) is predictable. */
async function create(name: string, extra: Meetings.CreateParams): Promise<Meetings.Meeting> {
  const start = T0 + created++ * HOUR;
  return alice.meeting.create({ name, start_date: start, end_date: start + HOUR, ...extra });
}

beforeAll(async () => {
  server = await startSdkServer();
  alice = newSdk(server.url);
  bob = newSdk(server.url);
  carol = newSdk(server.url);
  await signIn(alice, 'alice');
  bobId = await signIn(bob, 'bob');
  // Carol signs up with an e-mail first (by the app's auth key), then signs in by that e-mail.
  const { user } = await carol.users.signup({
    login: 'carol',
    email: 'carol@example.com',
    password: 'secret123',
  });
  expect(user).toMatchObject({ login: 'carol', email: 'carol@example.com', is_guest: false });
  expect(server.seen.at(-1)).toMatchObject({ url: '/users.json', status: 201 });
  const session = await carol.createSession({ email: 'carol@example.com', password: 'secret123' });
  carolId = session.user_id;
  expect(carolId).toBe(user.id);

  attended = await create('Attended', { attendees: [{ id: bobId }] });
  hidden = await create('Hidden', { attendees: [] });
  open = await create('Open', { attendees: [], public: true });
});
afterAll(async () => {
  await server.stop();
});

describe('only the host changes a meeting', () => {
  test('an attendee gets 403 on update and delete, and nothing changes', async () => {
    const update = await rejection(bob.meeting.update(attended._id, { record: true }));
    expect(update.code).toBe(403);
    expect(update.info.errors.base).toEqual([expect.any(String)]);
    const remove = await rejection(bob.meeting.delete(attended._id));
    expect(remove.code).toBe(403);
    expect(remove.info.errors.base).toEqual([expect.any(String)]);
    expect(await getMeeting(alice, attended._id)).toEqual(attended);
  });

  test('someone who cannot see the meeting gets 404, as if it did not exist', async () => {
    expect(await rejection(bob.meeting.update(hidden._id, { name: 'Mine' }))).toEqual(NOT_FOUND);
    expect(await rejection(bob.meeting.delete(hidden._id))).toEqual(NOT_FOUND);
    expect(await rejection(bob.meeting.get({ _id: hidden._id }))).toEqual(NOT_FOUND);
    // An id that never existed looks exactly the same.
    expect(await rejection(bob.meeting.update('0'.repeat(24), { name: 'x' }))).toEqual(NOT_FOUND);
    expect(await getMeeting(alice, hidden._id)).toEqual(hidden);
  });

  test('a public meeting is readable by anyone signed in but still host-only to change', async () => {
    expect(await getMeeting(carol, open._id)).toEqual(open);
    expect((await rejection(carol.meeting.update(open._id, { name: 'Taken' }))).code).toBe(403);
    expect((await rejection(carol.meeting.delete(open._id))).code).toBe(403);
    // Public means readable by `_id`, not listed: carol neither hosts nor attends it.
    expect((await listMeetings(carol)).map((x) => x._id)).not.toContain(open._id);
  });

  test('carol cannot read private meetings she is not invited to', async () => {
    expect(await rejection(carol.meeting.get({ _id: attended._id }))).toEqual(NOT_FOUND);
    expect(await rejection(carol.meeting.get({ _id: hidden._id }))).toEqual(NOT_FOUND);
    expect(await listMeetings(carol)).toEqual([]);
  });
});

describe('attendees see the meetings they are invited to', () => {
  test('by user id: in the list and by _id', async () => {
    expect((await listMeetings(bob)).map((x) => x._id)).toEqual([attended._id]);
    expect(await getMeeting(bob, attended._id)).toEqual(attended);
  });

  test("by the e-mail of the attendee's account, once the account has it", async () => {
    const byEmail = await create('By e-mail', { attendees: [{ email: 'Bob@Example.com' }] });
    expect(await rejection(bob.meeting.get({ _id: byEmail._id }))).toEqual(NOT_FOUND);

    const { user } = await bob.users.update({ email: 'bob@example.com' });
    expect(user).toMatchObject({ id: bobId, login: 'bob', email: 'bob@example.com' });
    expect(server.seen.at(-1)).toMatchObject({ method: 'PUT', url: `/users/${bobId}.json` });

    // Stored as typed by the host; matched without regard to case.
    expect(await getMeeting(bob, byEmail._id)).toEqual(byEmail);
    expect(byEmail.attendees).toEqual([{ email: 'Bob@Example.com' }]);
    expect((await listMeetings(bob)).map((x) => x.name)).toEqual(['Attended', 'By e-mail']);
    // Seeing it does not make bob its host.
    expect((await rejection(bob.meeting.update(byEmail._id, { record: true }))).code).toBe(403);
  });

  test('carol, signed up with an e-mail, sees a meeting addressed to it', async () => {
    const invite = await create('For carol', { attendees: [{ email: 'carol@example.com' }] });
    expect(await getMeeting(carol, invite._id)).toEqual(invite);
    expect((await listMeetings(carol)).map((x) => x.name)).toEqual(['For carol']);
  });

  test('removing an attendee takes the meeting away from them', async () => {
    const temp = await create('Temporary', { attendees: [{ id: carolId }] });
    expect(await getMeeting(carol, temp._id)).toEqual(temp);
    await alice.meeting.update(temp._id, { attendees: [] });
    expect(await rejection(carol.meeting.get({ _id: temp._id }))).toEqual(NOT_FOUND);
  });
});

describe('recordings through meeting.getRecordings', () => {
  test('an empty array for whoever may read the meeting', async () => {
    expect(await alice.meeting.getRecordings(attended._id)).toEqual([]);
    expect(await bob.meeting.getRecordings(attended._id)).toEqual([]);
    expect(await carol.meeting.getRecordings(open._id)).toEqual([]);
    expect(server.seen.at(-1)).toMatchObject({
      method: 'GET',
      url: `/meetings/recordings/${open._id}.json`,
      status: 200,
    });
  });

  test('404 for a meeting the caller may not read', async () => {
    expect(await rejection(carol.meeting.getRecordings(hidden._id))).toEqual(NOT_FOUND);
    expect(await rejection(bob.meeting.getRecordings(hidden._id))).toEqual(NOT_FOUND);
  });
});

describe('delete by the host', () => {
  test('the meeting disappears for its attendees too', async () => {
    expect(await alice.meeting.delete(attended._id)).toBe('{}');
    expect(await rejection(bob.meeting.get({ _id: attended._id }))).toEqual(NOT_FOUND);
    expect((await listMeetings(bob)).map((x) => x._id)).not.toContain(attended._id);
    expect(await rejection(alice.meeting.delete(attended._id))).toEqual(NOT_FOUND);
  });
});
