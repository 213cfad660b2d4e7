import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConveneApi, SettingsDto } from '../../src-main/shared/contract';
import {
  reminderChoices,
  reminderFromKey,
  reminderKey,
  settingsChanges,
  settingsFieldErrors,
} from '../../src-renderer/lib/settings-form';
import { createAppStore, subscribeToEngine } from '../../src-renderer/store/app-store';
import {
  fetchSettings,
  migrateLegacyPreferences,
  persistPreferences,
} from '../../src-renderer/store/preferences-sync';
import { openTestClient, type TestClient } from '../helpers/test-client';
import { createFakeApi, deferred, fail, ok, settingsDto } from './fake-api';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);

const settings = settingsDto;

describe('the settings form', () => {
  it('offers the usual default reminders, and keeps one set elsewhere', () => {
    expect(reminderChoices(null).map((c) => c.label)).toEqual([
      'Off',
      '5 minutes before',
      '10 minutes before',
      '15 minutes before',
      '30 minutes before',
      '1 hour before',
      '1 day before',
    ]);
    const twoHours = { metric: 'hours', value: 2 } as const;
    expect(reminderChoices(twoHours).at(-1)).toEqual({
      key: 'hours:2',
      label: '2 hours before',
      lead: twoHours,
    });
    expect(reminderFromKey(reminderKey(twoHours))).toEqual(twoHours);
    expect(reminderFromKey('off')).toBeNull();
    expect(reminderFromKey('minutes:99')).toBeNull();
  });

  it('sends only what changed, a cleared template as null', () => {
    const original = {
      reminder: 'minutes:5',
      meetingUrlTemplate: 'https://meet.example.com/%s',
      view: 'timeGridWeek',
      displayZone: 'UTC',
      theme: 'system',
      workStart: 9,
      workEnd: 17,
      weekStart: 'auto',
      timeFormat: 'auto',
      autoDownloadRecordings: false,
      downloadsFolder: '',
    } as const;
    expect(settingsChanges(original, original)).toEqual({});
    expect(
      settingsChanges({ ...original, reminder: 'off', meetingUrlTemplate: '  ' }, original),
    ).toEqual({
      defaultReminder: null,
      meetingUrlTemplate: null,
    });
    expect(
      settingsChanges({ ...original, view: 'listWeek', displayZone: 'Asia/Tokyo' }, original),
    ).toEqual({ view: 'listWeek', displayZone: 'Asia/Tokyo' });
    expect(settingsChanges({ ...original, theme: 'dark' }, original)).toEqual({ theme: 'dark' });
    // Either end of the working hours sends both, as the engine takes them.
    expect(settingsChanges({ ...original, workEnd: 18 }, original)).toEqual({
      workingHours: { start: 9, end: 18 },
    });
    expect(settingsChanges({ ...original, weekStart: 1, timeFormat: '12h' }, original)).toEqual({
      weekStart: 1,
      timeFormat: '12h',
    });
  });

  it('puts the engine’s errors on the fields, whichever name it uses', () => {
    expect(
      settingsFieldErrors({
        meetingUrlTemplate: ['must be https'],
        default_reminder: ['out of range'],
        other: ['odd'],
      }),
    ).toEqual({
      byField: { meetingUrlTemplate: ['must be https'], reminder: ['out of range'] },
      other: ['other: odd'],
    });
  });
});

let t: TestClient | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  vi.useRealTimers();
});

function realSetup() {
  t = openTestClient();
  const { handlers, events } = t.app;
  const api: ConveneApi = { ...handlers, on: (event, listener) => events.on(event, listener) };
  const store = createAppStore({ api, now: () => NOW, systemZone: 'UTC' });
  subscribeToEngine(store, api);
  return { store, call: t.call.bind(t) };
}

describe('the settings dialog against the engine', () => {
  it('saves at once, and the engine keeps it', async () => {
    const { store, call } = realSetup();
    await store.getState().loadSettings();
    store.getState().openSettings();
    expect(store.getState().settingsDialog?.form).toEqual({
      reminder: 'off',
      meetingUrlTemplate: '',
      view: 'timeGridWeek',
      displayZone: 'UTC',
      theme: 'system',
      workStart: 9,
      workEnd: 17,
      weekStart: 'auto',
      timeFormat: 'auto',
      autoDownloadRecordings: false,
      downloadsFolder: '',
    });
    store.getState().editSettingsForm({
      reminder: 'minutes:15',
      meetingUrlTemplate: 'https://meet.example.com/join/%s',
      displayZone: 'Asia/Tokyo',
      theme: 'dark',
    });
    const saved = await store.getState().saveSettings();
    expect(saved).toMatchObject({
      defaultReminder: { metric: 'minutes', value: 15 },
      meetingUrlTemplate: 'https://meet.example.com/join/%s',
      displayZone: 'Asia/Tokyo',
      theme: 'dark',
    });
    expect(store.getState().settingsDialog).toBeNull();
    expect(store.getState().displayZone).toBe('Asia/Tokyo');
    expect(await call('settings:get', {})).toEqual(saved);
  });

  it('shows the engine’s field error under the field and keeps what was typed', async () => {
    const { store, call } = realSetup();
    store.getState().openSettings();
    store.getState().editSettingsForm({ meetingUrlTemplate: 'http://meet.example.com/%s' });
    expect(await store.getState().saveSettings()).toBeNull();
    const dialog = store.getState().settingsDialog;
    expect(dialog).toMatchObject({
      saving: false,
      formError: 'Please correct the fields marked below.',
      form: { meetingUrlTemplate: 'http://meet.example.com/%s' },
    });
    expect(dialog?.fieldErrors.meetingUrlTemplate?.[0]).toMatch(/https/);
    expect((await call('settings:get', {})).meetingUrlTemplate).toBeNull();
    // Typing again clears that field's error.
    store.getState().editSettingsForm({ meetingUrlTemplate: 'https://meet.example.com/%s' });
    expect(store.getState().settingsDialog?.fieldErrors).toEqual({});
  });

  it('follows settings changed in another window, without moving this window’s calendar', async () => {
    const { store, call } = realSetup();
    await call('settings:update', {
      defaultReminder: { metric: 'hours', value: 1 },
      view: 'listWeek',
    });
    expect(store.getState().settings?.defaultReminder).toEqual({ metric: 'hours', value: 1 });
    expect(store.getState().view).toBe('timeGridWeek');
  });
});

describe('view and zone persistence', () => {
  function fakeSetup(engine = settings({ view: 'timeGridWeek', displayZone: 'UTC' })) {
    const fake = createFakeApi();
    fake.handle('settings:update', (changes) => ok({ ...engine, ...changes }));
    const store = createAppStore({ api: fake.api, now: () => NOW, systemZone: 'UTC' });
    store.getState().applySettings(engine);
    return { fake, store };
  }

  it('sends a burst of changes as one update, after 300 ms', async () => {
    vi.useFakeTimers();
    const { fake, store } = fakeSetup();
    persistPreferences(store, fake.api);
    store.setState({ view: 'dayGridMonth' });
    store.setState({ view: 'listWeek' });
    await vi.advanceTimersByTimeAsync(200);
    store.setState({ displayZone: 'Asia/Tokyo' });
    await vi.advanceTimersByTimeAsync(299);
    expect(fake.argsOf('settings:update')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.argsOf('settings:update')).toEqual([
      { view: 'listWeek', displayZone: 'Asia/Tokyo' },
    ]);
    // Settled: the same values are not sent again.
    store.setState({ view: 'dayGridMonth' });
    store.setState({ view: 'listWeek' });
    await vi.advanceTimersByTimeAsync(300);
    expect(fake.argsOf('settings:update')).toHaveLength(1);
  });

  it('sends a change made while a save was on its way once that save answers', async () => {
    vi.useFakeTimers();
    const { fake, store } = fakeSetup();
    const first = deferred<ReturnType<typeof ok<SettingsDto>>>();
    fake.handle('settings:update', () => first.promise);
    persistPreferences(store, fake.api);
    store.setState({ view: 'listWeek' });
    await vi.advanceTimersByTimeAsync(300);
    store.setState({ displayZone: 'Asia/Tokyo' });
    await vi.advanceTimersByTimeAsync(300); // its timer fires while the first save waits
    fake.handle('settings:update', (changes) => ok(settings({ view: 'listWeek', ...changes })));
    first.resolve(ok(settings({ view: 'listWeek', displayZone: 'UTC' })));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.argsOf('settings:update')).toEqual([
      { view: 'listWeek' },
      { displayZone: 'Asia/Tokyo' },
    ]);
  });

  it('sends what waits when the page goes, and again when the shell is back', async () => {
    vi.useFakeTimers();
    const { fake, store } = fakeSetup();
    const page = new EventTarget();
    fake.handle('settings:update', () => fail('unavailable', 'Convene is not reachable'));
    persistPreferences(store, fake.api, { page });
    store.setState({ view: 'listWeek' });
    page.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.argsOf('settings:update')).toEqual([{ view: 'listWeek' }]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.argsOf('settings:update')).toHaveLength(1); // no retry loop while it is down
    fake.handle('settings:update', (changes) => ok(settings(changes)));
    fake.emit('app:resync', { reason: 'reconnected' });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.argsOf('settings:update')).toEqual([{ view: 'listWeek' }, { view: 'listWeek' }]);
    expect(store.getState().settings?.view).toBe('listWeek');
  });

  it('gives up only the value the engine refuses', async () => {
    vi.useFakeTimers();
    const { fake, store } = fakeSetup();
    fake.handle('settings:update', (changes) =>
      changes.displayZone === 'Mars/Base'
        ? fail('validation', 'Invalid settings', { displayZone: ['is not a time zone'] })
        : ok(settings(changes)),
    );
    persistPreferences(store, fake.api);
    store.setState({ view: 'listWeek', displayZone: 'Mars/Base' });
    await vi.advanceTimersByTimeAsync(300);
    expect(fake.argsOf('settings:update')).toEqual([
      { view: 'listWeek', displayZone: 'Mars/Base' },
      { view: 'listWeek' },
    ]);
  });

  it('moves what an older build kept to the engine once, then forgets it', async () => {
    const { fake, store } = fakeSetup();
    const removed: string[] = [];
    const storage = { getItem: () => null, removeItem: (k: string) => void removed.push(k) };
    await migrateLegacyPreferences(store, fake.api, { displayZone: 'Asia/Tokyo' }, storage);
    expect(fake.argsOf('settings:update')).toEqual([{ displayZone: 'Asia/Tokyo' }]);
    expect(store.getState().settings?.displayZone).toBe('Asia/Tokyo');
    expect(removed).toEqual(['convene.preferences.v1']);

    // Refused or unreachable: kept, to try again next launch.
    fake.handle('settings:update', () => fail('unavailable', 'down'));
    await migrateLegacyPreferences(store, fake.api, { view: 'listWeek' }, storage);
    expect(removed).toHaveLength(1);
  });

  it('opens without the engine’s settings when it does not answer in time', async () => {
    vi.useFakeTimers();
    const fake = createFakeApi();
    fake.handle('settings:get', () => new Promise(() => undefined));
    const answer = fetchSettings(fake.api, 2000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await answer).toBeNull();
    fake.handle('settings:get', () => ok(settings({ view: 'listWeek' })));
    expect(await fetchSettings(fake.api)).toMatchObject({ view: 'listWeek' });
  });
});
