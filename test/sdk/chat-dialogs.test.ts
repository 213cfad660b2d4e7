import type { Meetings } from 'connectycube';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newSdk, rejection, signIn, startSdkServer, type Sdk, type SdkServer } from './sdk-harness';

// A meeting's chat dialog as the SDK's `chat.dialog` REST calls see it (no XMPP connection).
const T0 = 1_800_000_000;
const MEETING_DIALOG_TYPE = 5;

let server: SdkServer;
let alice: Sdk;
let bob: Sdk;
let carol: Sdk;
let aliceId: number;
let bobId: number;
let carolId: number;

beforeAll(async () => {
  server = await startSdkServer();
  alice = newSdk(server.url);
  bob = newSdk(server.url);
  carol = newSdk(server.url);
  aliceId = await signIn(alice, 'alice');
  bobId = await signIn(bob, 'bob');
  carolId = await signIn(carol, 'carol');
  await bob.users.update({ email: 'bob@example.com' });
});
afterAll(async () => {
  await server.stop();
});

async function meetingWithChat(
  name: string,
  extra: Partial<Meetings.CreateParams>,
): Promise<Meetings.Meeting & { chat_dialog_id: string }> {
  const meeting = await alice.meeting.create({
    name,
    start_date: T0,
    end_date: T0 + 3600,
    chat: true,
    ...extra,
  });
  if (typeof meeting.chat_dialog_id !== 'string') throw new Error('meeting has no dialog');
  return { ...meeting, chat_dialog_id: meeting.chat_dialog_id };
}

describe('meeting chat dialogs through the SDK', () => {
  test('an attendee invited by id is an occupant from the start', async () => {
    const meeting = await meetingWithChat('By id', { attendees: [{ id: bobId }] });
    const { items, total_entries } = await bob.chat.dialog.list();
    expect(total_entries).toBe(1);
    expect(items).toEqual([
      {
        _id: meeting.chat_dialog_id,
        type: MEETING_DIALOG_TYPE,
        name: 'By id',
        user_id: aliceId,
        occupants_ids: [aliceId, bobId],
        created_at: meeting.created_at,
        updated_at: meeting.created_at,
      },
    ]);
  });

  test('an attendee invited by e-mail joins with subscribe and then lists the dialog', async () => {
    const meeting = await meetingWithChat('By e-mail', {
      attendees: [{ email: 'bob@example.com' }],
    });
    const before = await bob.chat.dialog.list();
    expect(before.items.map((d) => d._id)).not.toContain(meeting.chat_dialog_id);

    server.clock.advance(1000);
    const dialog = await bob.chat.dialog.subscribe(meeting.chat_dialog_id);
    // The SDK posts no body but still says JSON; the server must take that as `{}`.
    expect(server.seen.at(-1)).toMatchObject({
      method: 'POST',
      url: `/chat/Dialog/${meeting.chat_dialog_id}/subscribe.json`,
      contentType: 'application/json;charset=utf-8',
      status: 200,
    });
    expect(dialog).toMatchObject({
      _id: meeting.chat_dialog_id,
      type: MEETING_DIALOG_TYPE,
      name: 'By e-mail',
      user_id: aliceId,
      occupants_ids: [aliceId, bobId],
      updated_at: new Date(server.clock.now()).toISOString(),
    });

    const after = await bob.chat.dialog.list();
    expect(after).toMatchObject({ total_entries: 2, skip: 0, limit: 100 });
    // Most recently updated first: the dialog bob just joined.
    expect(after.items[0]).toEqual(dialog);
    expect(after.items[0]?.occupants_ids).toContain(bobId);
  });

  test('subscribing twice keeps one occupancy', async () => {
    const meeting = await meetingWithChat('Twice', { attendees: [{ id: bobId }] });
    await bob.chat.dialog.subscribe(meeting.chat_dialog_id);
    const again = await bob.chat.dialog.subscribe(meeting.chat_dialog_id);
    expect(again.occupants_ids).toEqual([aliceId, bobId]);
  });

  test('anyone may join the dialog of a public meeting', async () => {
    const meeting = await meetingWithChat('Public chat', { attendees: [], public: true });
    const dialog = await carol.chat.dialog.subscribe(meeting.chat_dialog_id);
    expect(dialog.occupants_ids).toEqual([aliceId, carolId]);
    const { items } = await carol.chat.dialog.list();
    expect(items.map((d) => d.name)).toEqual(['Public chat']);
  });

  test('the dialog of a private meeting is hidden from outsiders', async () => {
    const meeting = await meetingWithChat('Private chat', { attendees: [{ id: bobId }] });
    const error = await rejection(carol.chat.dialog.subscribe(meeting.chat_dialog_id));
    expect(error.code).toBe(404);
    expect(error.info.errors.base).toEqual([expect.any(String)]);
    const { items } = await carol.chat.dialog.list();
    expect(items.map((d) => d._id)).not.toContain(meeting.chat_dialog_id);
  });

  test('a new attendee added by update becomes an occupant', async () => {
    const meeting = await meetingWithChat('Grows', { attendees: [] });
    await alice.meeting.update(meeting._id, { attendees: [{ id: carolId }] });
    const { items } = await carol.chat.dialog.list();
    const dialog = items.find((d) => d._id === meeting.chat_dialog_id);
    expect(dialog?.occupants_ids).toEqual([aliceId, carolId]);
  });

  test('dialog list paging with limit and skip', async () => {
    const all = await bob.chat.dialog.list();
    const page = await bob.chat.dialog.list({ limit: 1, skip: 1 });
    expect(server.seen.at(-1)?.url).toBe('/chat/Dialog.json?limit=1&skip=1');
    expect(page).toMatchObject({ total_entries: all.total_entries, limit: 1, skip: 1 });
    expect(page.items).toEqual(all.items.slice(1, 2));
  });
});
