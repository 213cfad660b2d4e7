import { afterEach, describe, expect, it } from 'vitest';
import type { ConveneApi, ReminderDto } from '../../src-main/shared/contract';
import {
  createWebAlerts,
  type NotificationConstructor,
} from '../../src-renderer/lib/web-notifications';
import { createAppStore, subscribeToEngine } from '../../src-renderer/store/app-store';
import { FakeClock } from '../helpers/fake-clock';
import { openTestClient, type TestClient } from '../helpers/test-client';
import { createFakeApi, deferred, fail, mid, ok, reminder } from './fake-api';

// The reminders slice against the real engine handlers and events (client role, SQLite file, a
// fake clock that fires the reminder timer when moved), as the window sees them over either shell.
const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);
const MIN = 60_000;

/** A stand-in for the browser's Notification (granted), recording what was shown. */
function recordingNotifications() {
  const shown: { title: string; body: string; tag: string }[] = [];
  class Fake {
    static permission = 'granted' as const;
    static requestPermission = () => Promise.resolve('granted' as const);
    constructor(title: string, options: { body: string; tag: string }) {
      shown.push({ title, ...options });
    }
    addEventListener() {}
    close() {}
  }
  return { N: Fake as NotificationConstructor, shown };
}

let t: TestClient | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function setup() {
  const clock = new FakeClock(NOW);
  t = openTestClient({ clock });
  const { handlers, events } = t.app;
  const api: ConveneApi = { ...handlers, on: (event, listener) => events.on(event, listener) };
  const notifications = recordingNotifications();
  const store = createAppStore({
    api,
    now: () => clock.now(),
    systemZone: 'UTC',
    alerts: createWebAlerts({
      Notification: notifications.N,
      focus: () => undefined,
      storage: undefined,
    }),
  });
  subscribeToEngine(store, api);
  const call = t.call.bind(t);
  /** A meeting starting `inMinutes` from the fake now, half an hour long. */
  const meeting = (name: string, inMinutes: number) =>
    call('meetings:create', {
      draft: {
        name,
        start: (clock.now() + inMinutes * MIN) / 1000,
        end: (clock.now() + (inMinutes + 30) * MIN) / 1000,
        attendees: [],
      },
    });
  return { clock, store, call, meeting, shown: notifications.shown };
}

const names = (list: ReminderDto[]) => list.map((r) => r.name);

describe('reminders in the window', () => {
  it('shows a reminder as it comes due, and notifies it exactly once', async () => {
    const { clock, store, call, meeting, shown } = setup();
    await call('settings:update', { defaultReminder: { metric: 'minutes', value: 5 } });
    const m = await meeting('Planning', 2); // already inside its 5-minute window
    await clock.advanceAsync(0);
    expect(store.getState().reminders).toEqual([
      expect.objectContaining({ meetingId: m.id, name: 'Planning', fresh: true }),
    ]);
    expect(shown).toEqual([
      { title: 'Planning', body: 'starts at 09:02', tag: `convene-reminder-${m.id}` },
    ]);

    await clock.advanceAsync(MIN);
    // Reloaded after an outage: the same reminder shows, and is not notified a second time.
    await store.getState().loadReminders();
    expect(names(store.getState().reminders)).toEqual(['Planning']);
    expect(store.getState().reminders[0]?.fresh).toBe(false);
    expect(shown).toHaveLength(1);
  });

  it('hides a snoozed reminder and shows (and notifies) it again when the snooze ends', async () => {
    const { clock, store, call, meeting, shown } = setup();
    await call('settings:update', { defaultReminder: { metric: 'minutes', value: 10 } });
    const m = await meeting('Review', 8);
    await clock.advanceAsync(0);
    expect(names(store.getState().reminders)).toEqual(['Review']);

    expect(await store.getState().snoozeReminder(m.id, '5min')).toBe(true);
    expect(store.getState().reminders).toEqual([]);
    await clock.advanceAsync(5 * MIN - 1);
    expect(store.getState().reminders).toEqual([]);
    await clock.advanceAsync(1);
    expect(store.getState().reminders).toEqual([
      expect.objectContaining({ name: 'Review', fresh: true, catchUp: false }),
    ]);
    // The same tag: the browser replaces the first notification rather than stacking a second.
    expect(shown.map((n) => n.tag)).toEqual([
      `convene-reminder-${m.id}`,
      `convene-reminder-${m.id}`,
    ]);
  });

  it('dismisses for good, and says why a snooze was refused', async () => {
    const { clock, store, call, meeting } = setup();
    await call('settings:update', { defaultReminder: { metric: 'minutes', value: 5 } });
    const a = await meeting('Planning', 2);
    await meeting('Standup', 3);
    await clock.advanceAsync(0);
    expect(names(store.getState().reminders)).toEqual(['Planning', 'Standup']);

    expect(await store.getState().dismissReminder(a.id)).toBe(true);
    expect(names(store.getState().reminders)).toEqual(['Standup']);
    await clock.advanceAsync(60 * MIN);
    await store.getState().loadReminders();
    expect(names(store.getState().reminders)).toEqual(['Standup']);

    // The meeting has ended meanwhile (still listed for a while): no snooze time is left.
    const standup = store.getState().reminders[0]!;
    expect(await store.getState().snoozeReminder(standup.meetingId, '5min')).toBe(false);
    expect(store.getState().toasts.at(-1)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^Couldn't snooze the reminder: /),
    });
    await clock.advanceAsync(0);
    expect(names(store.getState().reminders)).toEqual(['Standup']); // put back as it is
  });

  it('reloads the list after an outage of the pushes', async () => {
    const { clock, store, call, meeting } = setup();
    await call('settings:update', { defaultReminder: { metric: 'minutes', value: 5 } });
    await meeting('Planning', 2);
    await clock.advanceAsync(0);
    store.setState({ reminders: [] }); // as if the push had been lost
    t!.app.events.emit('app:resync', { reason: 'reconnected' });
    await clock.advanceAsync(0);
    expect(names(store.getState().reminders)).toEqual(['Planning']);
  });
});

describe('reminders against a chosen engine answer', () => {
  function fakeSetup() {
    const fake = createFakeApi();
    const store = createAppStore({ api: fake.api, now: () => NOW, systemZone: 'UTC' });
    subscribeToEngine(store, fake.api);
    return { fake, store };
  }

  it('keeps a push that arrived while an answer was on its way', async () => {
    const { fake, store } = fakeSetup();
    const answer = deferred<ReturnType<typeof ok<ReminderDto[]>>>();
    fake.handle('reminders:dismiss', () => answer.promise);
    store.setState({ reminders: [reminder({ meetingId: 1 }), reminder({ meetingId: 2 })] });
    const dismissing = store.getState().dismissReminder(mid(1));
    // Gone at once, before the engine answers.
    expect(store.getState().reminders.map((r) => r.meetingId)).toEqual([2]);
    fake.emit('reminders:due', [reminder({ meetingId: 2 }), reminder({ meetingId: 3 })]);
    answer.resolve(ok([reminder({ meetingId: 2 })]));
    expect(await dismissing).toBe(true);
    expect(store.getState().reminders.map((r) => r.meetingId)).toEqual([2, 3]);
  });

  it('is silent when another window dismissed it first, and shows what is true', async () => {
    const { fake, store } = fakeSetup();
    fake.handle('reminders:dismiss', () => fail('not_found', 'This meeting has no reminder'));
    fake.handle('reminders:list', () => ok([]));
    store.setState({ reminders: [reminder({ meetingId: 1 })] });
    expect(await store.getState().dismissReminder(mid(1))).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().toasts).toEqual([]);
    expect(fake.argsOf('reminders:list')).toHaveLength(1);
    expect(store.getState().reminders).toEqual([]);
  });

  it('asks the browser only when told to, and remembers "Not now"', async () => {
    const fake = createFakeApi();
    let asked = 0;
    let declined = false;
    const store = createAppStore({
      api: fake.api,
      now: () => NOW,
      systemZone: 'UTC',
      alerts: {
        permission: () => 'default',
        requestPermission: () => {
          asked += 1;
          return Promise.resolve('granted');
        },
        declined: () => declined,
        decline: () => (declined = true),
        notify: () => 0,
      },
    });
    expect(store.getState()).toMatchObject({
      notificationPermission: 'default',
      notificationPromptDeclined: false,
    });
    expect(asked).toBe(0); // never on load
    store.getState().declineNotifications();
    expect(declined).toBe(true);
    expect(store.getState().notificationPromptDeclined).toBe(true);
    await store.getState().allowNotifications();
    expect(asked).toBe(1);
    expect(store.getState().notificationPermission).toBe('granted');
    // The desktop app: nothing to ask, nothing to show.
    const desktop = createAppStore({ api: fake.api, now: () => NOW, systemZone: 'UTC' });
    expect(desktop.getState().notificationPermission).toBe('unsupported');
  });
});
