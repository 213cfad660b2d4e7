import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src-main/engine/clock';
import type { Meeting } from '../../src-main/shared/meetings-api-types';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { TEST_APP } from '../helpers/test-engine';
import { apiClient, startTestServer, type TestServer } from '../helpers/test-server';
import { dragAcrossSlots, dragMeetingTo, meetingEvent, visibleDates } from './calendar-page';
import { closeBrowser, startApp, type App } from './harness';

// Sam connects the app to a Convene server and works through an outage, step by step on one app
// (the steps build on each other). The real server runs in this process with a fault proxy in
// front: the app only ever reaches it through the proxy, so `setDown(true)` is the network gone.
// Sam's phone talks to the server directly. The browser runs in UTC, so wall-clock times in the
// calendar are UTC times on the server.

let server: TestServer;
let proxy: FaultProxy;
let phone: ReturnType<typeof apiClient>;
let app: App;
let monday: string;
let tuesday: string;
let wednesday: string;
let thursday: string;

const at = (date: string, time: string) => Date.parse(`${date}T${time}:00Z`) / 1000;

async function serverMeetings(): Promise<Meeting[]> {
  const r = await phone.call('GET', '/meetings.json?limit=100');
  expect(r.status).toBe(200);
  return r.body as Meeting[];
}
const onServer = async (name: string) => (await serverMeetings()).find((m) => m.name === name);

const status = () => app.page.getByTestId('sync-status');
const statusState = () => status().getAttribute('data-state');
const statusLabel = () => status().innerText();
const chipState = (name: string) =>
  meetingEvent(app.page, name).getByTestId('sync-chip').getAttribute('data-sync');

/** Fills the account dialog's form (opening the dialog first) and submits it. */
async function submitAccountForm(password: string): Promise<void> {
  const { page } = app;
  await page.getByTestId('account-button').click();
  await page.getByTestId('account-dialog').waitFor();
  await page.getByTestId('account-server-url').fill(proxy.url);
  await page.getByTestId('account-app-id').fill(String(TEST_APP.id));
  await page.getByTestId('account-auth-key').fill(TEST_APP.authKey);
  await page.getByTestId('account-login').fill('sam');
  await page.getByTestId('account-password').fill(password);
  await page.getByTestId('account-connect').click();
}

beforeAll(async () => {
  server = await startTestServer({ clock: systemClock });
  proxy = await startFaultProxy(server.url);
  // Sam already has an account there (the first sign-in signs up), and a meeting made on the phone.
  phone = apiClient(server.url);
  await phone.signIn('sam');
  app = await startApp({ sync: { debounceMs: 200, requestTimeoutMs: 1_500 } });
  [monday = '', tuesday = '', wednesday = '', thursday = ''] = (await visibleDates(app.page)).slice(
    1,
  );
  const made = await phone.call('POST', '/meetings.json', {
    name: 'Weekly sync',
    start_date: at(wednesday, '15:00'),
    end_date: at(wednesday, '16:00'),
    attendees: [],
  });
  expect(made.status).toBe(201);
  // And one made in the app before it had an account: local only, until Sam connects.
  const local = await app.call('meetings:create', {
    draft: {
      name: 'Planning',
      start: at(monday, '09:00'),
      end: at(monday, '10:00'),
      attendees: [],
    },
  });
  expect(local.ok).toBe(true);
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
  await proxy.stop();
  await server.stop();
});

describe('syncing with an account', () => {
  it('refuses a wrong password with its message and connects nothing', async () => {
    const { page } = app;
    await meetingEvent(page, 'Planning').waitFor();
    expect(await statusState()).toBe('signed_out');
    expect(await statusLabel()).toBe('Not connected');
    expect(await chipState('Planning')).toBe('local');

    await submitAccountForm('not-the-password');
    const error = page.getByTestId('account-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('Wrong login or password.');
    // And beside the field to retype.
    expect(await page.getByTestId('field-error-password').innerText()).toMatch(
      /does not match this login on the server/,
    );
    // What was typed is kept, so only the password needs retyping.
    expect(await page.getByTestId('account-login').inputValue()).toBe('sam');
    expect(await page.getByTestId('account-server-url').inputValue()).toBe(proxy.url);
    await app.screenshot('sync-wrong-password');

    await page.keyboard.press('Escape');
    await page.getByTestId('account-dialog').waitFor({ state: 'detached' });
    expect(await statusState()).toBe('signed_out');
    expect(await page.getByTestId('sync-now').count()).toBe(0);
    expect(await chipState('Planning')).toBe('local');
    expect(await app.call('account:get', {})).toEqual({ ok: true, value: null });
    expect((await serverMeetings()).map((m) => m.name)).toEqual(['Weekly sync']);
    expect(app.errors).toEqual([]);
  });

  it('connects through the form and comes up to date both ways', async () => {
    const { page } = app;
    await submitAccountForm('secret123');
    await page.getByTestId('account-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('toast').filter({ hasText: 'Connected as sam' }).waitFor();

    // The phone's meeting came down, the app's went up.
    await meetingEvent(page, 'Weekly sync').waitFor();
    await expect.poll(() => chipState('Planning')).toBe('synced');
    expect(await chipState('Weekly sync')).toBe('synced');
    await expect.poll(statusState).toBe('idle');
    expect(await statusLabel()).toMatch(/^Up to date at \d\d:\d\d$/);
    expect(await page.getByTestId('sync-now').isEnabled()).toBe(true);
    expect(await onServer('Planning')).toMatchObject({
      start_date: at(monday, '09:00'),
      end_date: at(monday, '10:00'),
    });
    await app.screenshot('sync-connected');
    expect(app.errors).toEqual([]);
  });

  it('keeps working offline: creates, moves and deletes show as pending', async () => {
    const { page } = app;
    proxy.setDown(true);

    // Create by dragging across empty slots.
    await dragAcrossSlots(page, thursday, '13:00', '14:00');
    await page.getByTestId('meeting-editor').waitFor();
    await page.getByTestId('meeting-name').fill('Offline idea');
    await page.getByTestId('save-meeting').click();
    await page.getByTestId('meeting-editor').waitFor({ state: 'detached' });
    await meetingEvent(page, 'Offline idea').waitFor();

    // Move by dragging.
    await dragMeetingTo(page, 'Planning', tuesday, '11:00');
    await expect.poll(() => meetingEvent(page, 'Planning').innerText()).toMatch(/11:00 – 12:00/);

    // Delete from the keyboard: it goes from the calendar at once, the server hears of it later.
    await meetingEvent(page, 'Weekly sync').focus();
    await page.keyboard.press('Delete');
    await meetingEvent(page, 'Weekly sync').waitFor({ state: 'detached' });

    await expect.poll(() => chipState('Offline idea')).toBe('pending');
    await expect.poll(() => chipState('Planning')).toBe('pending');
    const chip = (name: string) => meetingEvent(page, name).getByTestId('sync-chip');
    expect(await chip('Offline idea').getAttribute('aria-label')).toBe('Waiting to send (new)');
    expect(await chip('Planning').getAttribute('aria-label')).toBe('Waiting to send (change)');

    // The pass the edits started could not reach the server; Sync now cannot either.
    await expect.poll(statusState).toBe('offline');
    await page.getByTestId('sync-now').click();
    await expect.poll(() => page.getByTestId('sync-now').isEnabled()).toBe(true);
    expect(await statusState()).toBe('offline');
    expect(await statusLabel()).toBe('Offline · 3 pending');
    expect(await status().getAttribute('title')).toMatch(/Trying again at \d\d:\d\d/);
    await app.screenshot('sync-offline-pending');

    // Nothing reached the server.
    expect((await serverMeetings()).map((m) => m.name)).toEqual(['Planning', 'Weekly sync']);
    expect(await onServer('Planning')).toMatchObject({ start_date: at(monday, '09:00') });
    expect(app.errors).toEqual([]);
  });

  it('sends everything when back online: synced chips, and the server has the same', async () => {
    const { page } = app;
    proxy.setDown(false);
    await page.getByTestId('sync-now').click();

    await expect.poll(() => chipState('Offline idea')).toBe('synced');
    await expect.poll(() => chipState('Planning')).toBe('synced');
    await expect.poll(statusState).toBe('idle');
    expect(await statusLabel()).toMatch(/^Up to date at \d\d:\d\d$/);
    expect(await meetingEvent(page, 'Weekly sync').count()).toBe(0);
    await app.screenshot('sync-back-online');

    const remote = await serverMeetings();
    expect(remote.map((m) => m.name).sort()).toEqual(['Offline idea', 'Planning']);
    expect(await onServer('Offline idea')).toMatchObject({
      start_date: at(thursday, '13:00'),
      end_date: at(thursday, '14:00'),
    });
    expect(await onServer('Planning')).toMatchObject({
      start_date: at(tuesday, '11:00'),
      end_date: at(tuesday, '12:00'),
    });
    expect(app.errors).toEqual([]);
  });

  it('settles a time changed here and on the phone in the conflict view, field by field', async () => {
    const { page } = app;
    const planning = await onServer('Planning');
    expect(planning).toBeDefined();

    // Offline, Sam makes Planning 10:00–11:30 ...
    proxy.setDown(true);
    await meetingEvent(page, 'Planning').click();
    await page.getByTestId('meeting-editor').waitFor();
    await page.getByTestId('start-time').fill('10:00');
    await page.getByTestId('end-time').fill('11:30');
    await page.getByTestId('save-meeting').click();
    await page.getByTestId('meeting-editor').waitFor({ state: 'detached' });
    await expect.poll(() => chipState('Planning')).toBe('pending');
    await expect.poll(statusState).toBe('offline');

    // ... while on the phone it became 10:30–11:00.
    const put = await phone.call('PUT', `/meetings/${planning!._id}.json`, {
      start_date: at(tuesday, '10:30'),
      end_date: at(tuesday, '11:00'),
    });
    expect(put.status).toBe(200);

    proxy.setDown(false);
    await page.getByTestId('sync-now').click();
    await expect.poll(() => chipState('Planning')).toBe('conflict');
    await expect.poll(statusLabel).toBe('1 conflict');
    expect(
      await meetingEvent(page, 'Planning').getByTestId('sync-chip').getAttribute('aria-label'),
    ).toBe('Conflict');

    await meetingEvent(page, 'Planning').click();
    const editorChip = page.getByTestId('editor-sync-chip');
    await editorChip.waitFor();
    expect(await editorChip.getAttribute('data-sync')).toBe('conflict');
    expect(await editorChip.innerText()).toBe('Conflict');
    await page.getByTestId('resolve-conflict').click();

    const dialog = page.getByTestId('conflict-dialog');
    await dialog.getByTestId('conflict-row-start').waitFor();
    const cells = (field: string) =>
      dialog.getByTestId(`conflict-row-${field}`).locator('td').allInnerTexts();
    const times = async (field: string) =>
      (await cells(field)).map((text) => /(\d\d:\d\d)$/.exec(text.trim())?.[1]);
    // Before (the last synced state), yours, the server's.
    expect(await times('start')).toEqual(['11:00', '10:00', '10:30']);
    expect(await times('end')).toEqual(['12:00', '11:30', '11:00']);
    expect(await dialog.locator('tbody tr').count()).toBe(2);
    // Each side is offered in full, with the day.
    expect((await cells('start'))[1]).toMatch(/Tue/);
    await app.screenshot('sync-conflict');

    // The phone's start, Sam's end: 10:30–11:30.
    await dialog.getByTestId('conflict-start-theirs').check();
    expect(await dialog.getByTestId('conflict-end-mine').isChecked()).toBe(true);
    await dialog.getByTestId('conflict-apply').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('toast').filter({ hasText: 'Saved your choices' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('meeting-editor').waitFor({ state: 'detached' });

    await expect.poll(() => chipState('Planning')).toBe('synced');
    await expect.poll(statusLabel).toMatch(/^Up to date at \d\d:\d\d$/);
    expect(await meetingEvent(page, 'Planning').innerText()).toMatch(/10:30 – 11:30/);
    expect(await onServer('Planning')).toMatchObject({
      _id: planning!._id,
      start_date: at(tuesday, '10:30'),
      end_date: at(tuesday, '11:30'),
    });
    expect((await serverMeetings()).map((m) => m.name).sort()).toEqual([
      'Offline idea',
      'Planning',
    ]);
    await app.screenshot('sync-conflict-resolved');
    expect(app.errors).toEqual([]);
  });
});
