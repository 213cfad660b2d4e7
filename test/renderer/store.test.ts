import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureLocalProfile } from '../../src-main/engine/app/local-profile';
import type { ConveneApi, MeetingDto, MeetingId } from '../../src-main/shared/contract';
import {
  createAppStore,
  resetAppStore,
  subscribeToEngine,
} from '../../src-renderer/store/app-store';
import { openTestClient, type TestClient } from '../helpers/test-client';

// The window's store against the real engine handlers (the same ones IPC and the web shell carry),
// over the client-role engine the desktop app runs, in plain Node: no browser needed to prove the
// store's behaviour.
const MON = Date.UTC(2026, 10, 23) / 1000; // Monday 2026-11-23 00:00 UTC
const HOUR = 3600;
const week = { from: MON, to: MON + 7 * 86_400 };

let t: TestClient;
let api: ConveneApi;
let store: ReturnType<typeof createAppStore>;

beforeAll(() => {
  t = openTestClient();
  const { handlers, events } = t.app;
  api = { ...handlers, on: (event, listener) => events.on(event, listener) };
  store = createAppStore({ api, now: () => t.clock.now(), systemZone: 'Europe/Berlin' });
  subscribeToEngine(store, api);
});
afterAll(() => t.close());
beforeEach(() => resetAppStore(store));

async function create(name: string, start: number, end = start + HOUR): Promise<MeetingDto> {
  const r = await api['meetings:create']({ draft: { name, start, end, attendees: [] } });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('renderer store', () => {
  it('loads only the visible range', async () => {
    const inside = await create('Inside', MON + 9 * HOUR);
    await create('Next week', MON + 8 * 86_400);
    await store.getState().loadRange(week);
    const s = store.getState();
    expect(s.loadState).toBe('loaded');
    expect(Object.values(s.meetings).map((m) => m.name)).toContain('Inside');
    expect(Object.values(s.meetings).map((m) => m.name)).not.toContain('Next week');
    expect(s.meetings[inside.id]?.name).toBe('Inside');
  });

  it('keeps meetings pushed while the list was in flight (the list may predate them)', async () => {
    let answer: (() => void) | undefined;
    const slowApi: ConveneApi = {
      ...api,
      'meetings:list': async (range) => {
        const r = await api['meetings:list'](range); // read now, answered later
        await new Promise<void>((resolve) => (answer = resolve));
        return r;
      },
    };
    const s = createAppStore({ api: slowApi, now: () => t.clock.now(), systemZone: 'UTC' });
    const off = subscribeToEngine(s, slowApi);
    const loading = s.getState().loadRange(week);
    await new Promise((resolve) => setImmediate(resolve));
    const late = await create('Made while loading', MON + 11 * HOUR);
    answer?.();
    await loading;
    expect(s.getState().meetings[late.id]?.name).toBe('Made while loading');
    off();
  });

  it('starts from a clean state after a reset', () => {
    expect(store.getState().meetings).toEqual({});
    expect(store.getState().editor).toBeNull();
    expect(store.getState().displayZone).toBe('Europe/Berlin');
  });

  it('creates from the editor and keeps the form when the engine refuses a field', async () => {
    await store.getState().loadRange(week);
    store.getState().openNewMeeting({ start: MON + 10 * HOUR, end: MON + 11 * HOUR });
    expect(store.getState().editor?.form.start).toEqual({ date: '2026-11-23', time: '11:00' });
    store.getState().editForm({ name: '   ', attendees: [{ email: 'ana@example.com' }] });
    expect(await store.getState().saveEditor()).toBe(false);
    const refused = store.getState().editor;
    expect(refused?.fieldErrors.name).toEqual(["can't be blank"]);
    expect(refused?.form.attendees).toEqual([{ email: 'ana@example.com' }]);

    store.getState().editForm({ name: 'Retro' });
    expect(store.getState().editor?.fieldErrors.name).toBeUndefined();
    expect(await store.getState().saveEditor()).toBe(true);
    const saved = Object.values(store.getState().meetings).find((m) => m.name === 'Retro');
    expect(saved).toMatchObject({ start: MON + 10 * HOUR, timeZone: { name: 'Europe/Berlin' } });
    expect(store.getState().editor).toBeNull();
    expect(store.getState().toasts.at(-1)?.message).toBe('Scheduled "Retro"');
  });

  it('sends only the fields that changed', async () => {
    const m = await create('Standup', MON + 8 * HOUR);
    await store.getState().loadRange(week);
    store.getState().openMeeting(m.id);
    store.getState().editForm({ notifyBefore: { metric: 'hours', value: 2 } });
    const calls: unknown[] = [];
    const update = api['meetings:update'];
    api['meetings:update'] = (arg) => {
      calls.push(arg);
      return update(arg);
    };
    try {
      expect(await store.getState().saveEditor()).toBe(true);
    } finally {
      api['meetings:update'] = update;
    }
    expect(calls).toEqual([{ id: m.id, changes: { notifyBefore: { metric: 'hours', value: 2 } } }]);
  });

  it('moves at once and rolls back with a message when the engine refuses', async () => {
    const m = await create('Sync', MON + 12 * HOUR);
    await store.getState().loadRange(week);
    const pending = store.getState().moveMeeting(m.id, MON + 13 * HOUR, MON + 14 * HOUR);
    expect(store.getState().meetings[m.id]?.start).toBe(MON + 13 * HOUR); // optimistic
    expect(await pending).toBe(true);
    expect(store.getState().meetings[m.id]?.start).toBe(MON + 13 * HOUR);

    // An end before the start is refused by the engine: the meeting goes back where it was.
    expect(await store.getState().moveMeeting(m.id, MON + 15 * HOUR, MON + 14 * HOUR)).toBe(false);
    expect(store.getState().meetings[m.id]?.start).toBe(MON + 13 * HOUR);
    expect(store.getState().toasts.at(-1)).toMatchObject({ kind: 'error' });
  });

  it('deletes and brings the meeting back with Undo', async () => {
    const m = await create('Lunch', MON + 12 * HOUR);
    await store.getState().loadRange(week);
    await store.getState().deleteMeeting(m.id);
    expect(store.getState().meetings[m.id]).toBeUndefined();
    const toast = store.getState().toasts.at(-1);
    expect(toast?.action?.label).toBe('Undo');
    toast?.action?.run();
    await expect.poll(() => store.getState().meetings[m.id]?.name).toBe('Lunch');
  });

  it('offers Undo after a move, which puts the meeting back without offering another', async () => {
    const m = await create('Planning', MON + 9 * HOUR);
    await store.getState().loadRange(week);
    await store.getState().moveMeeting(m.id, MON + 10 * HOUR, MON + 11 * HOUR);
    const toast = store.getState().toasts.at(-1);
    // Berlin (the store's zone) is UTC+1 in November.
    expect(toast).toMatchObject({ message: 'Moved Planning to Mon 11:00', ttlMs: 10_000 });
    toast?.action?.run();
    await expect.poll(() => store.getState().meetings[m.id]?.start).toBe(MON + 9 * HOUR);
    expect(store.getState().toasts.filter((t) => t.action)).toHaveLength(1);
    const stored = await api['meetings:get']({ id: m.id });
    expect(stored.ok && stored.value.end).toBe(MON + 10 * HOUR);
  });

  it('never lets a newer plain toast push out an Undo', () => {
    const { pushToast } = store.getState();
    pushToast({ kind: 'info', message: 'Undoable', action: { label: 'Undo', run: () => {} } });
    for (let i = 0; i < 5; i++) pushToast({ kind: 'info', message: `Plain ${i}` });
    const messages = store.getState().toasts.map((t) => t.message);
    expect(messages).toEqual(['Undoable', 'Plain 3', 'Plain 4']);
  });

  it('applies changes made elsewhere through the engine push', async () => {
    await store.getState().loadRange(week);
    const other = await create('Made elsewhere', MON + 16 * HOUR); // another client of the engine
    expect(store.getState().meetings[other.id]?.name).toBe('Made elsewhere');
    await api['meetings:delete']({ id: other.id });
    expect(store.getState().meetings[other.id]).toBeUndefined();
    const far = await create('Far away', MON + 40 * 86_400);
    expect(store.getState().meetings[far.id]).toBeUndefined(); // not in the visible range
  });

  it('starts signed out, keeps meetings local and refuses a plain-http server', async () => {
    await store.getState().loadSync();
    expect(store.getState()).toMatchObject({ account: null, syncStatus: { state: 'signed_out' } });
    const m = await create('Offline plan', MON + 17 * HOUR);
    expect(m).toMatchObject({ sync: 'local', draft: false, serverId: null });

    store.getState().openAccountDialog();
    const form = {
      serverUrl: 'http://example.com',
      appId: '1',
      authKey: 'key',
      login: 'sam',
      password: 'secret123',
    };
    expect(await store.getState().connect(form)).toBe(false);
    const dialog = store.getState().accountDialog;
    expect(dialog?.fieldErrors.serverUrl?.[0]).toMatch(/^Server URL .*https/);
    expect(dialog?.formError).toBe('Please correct the fields marked below.');
    expect(store.getState().account).toBeNull();
  });

  it('saves a draft and sends it later', async () => {
    await store.getState().loadRange(week);
    store.getState().openNewMeeting({ start: MON + 18 * HOUR, end: MON + 19 * HOUR });
    store.getState().editForm({ name: 'Maybe' });
    expect(await store.getState().saveEditor({ asDraft: true })).toBe(true);
    const saved = Object.values(store.getState().meetings).find((m) => m.name === 'Maybe');
    expect(saved).toMatchObject({ draft: true, sync: 'local' });

    store.getState().openMeeting(saved?.id as MeetingId);
    store.getState().editForm({ name: 'Definitely' });
    expect(await store.getState().sendDraft()).toBe(true);
    expect(store.getState().meetings[saved?.id as MeetingId]).toMatchObject({
      name: 'Definitely',
      draft: false,
    });
  });

  it("keeps another host's meeting read-only", async () => {
    const me = ensureLocalProfile(t.engine, 'Sam');
    // In the client role meetings hosted by others only ever arrive from the remote, by a pull.
    t.engine.db.transaction(() =>
      t.engine.sync!.store.applyRemote({
        _id: '65f0c0ffee0000000000beef',
        name: "Olga's review",
        start_date: MON + 14 * HOUR,
        end_date: MON + 15 * HOUR,
        attendees: [{ id: me.id }],
        record: null,
        chat_dialog_id: null,
        host_id: 4242,
        public: false,
        scheduled: true,
        notify: false,
        notify_before: null,
        timezone: null,
        created_at: '2026-11-20T10:00:00.000Z',
        updated_at: '2026-11-20T10:00:00.000Z',
      }),
    );
    await store.getState().loadRange(week);
    const theirs = Object.values(store.getState().meetings).find((m) => m.readOnly);
    expect(theirs?.name).toBe("Olga's review");
    const id = theirs?.id as MeetingId;
    expect(await store.getState().moveMeeting(id, MON, MON + HOUR)).toBe(false);
    expect(store.getState().meetings[id]?.start).toBe(MON + 14 * HOUR);
    await store.getState().deleteMeeting(id);
    expect(store.getState().meetings[id]).toBeDefined();
    store.getState().openMeeting(id);
    expect(await store.getState().saveEditor()).toBe(false);
  });
});
