import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { systemClock } from '../../src-main/engine/clock';
import type { MeetingDto } from '../../src-main/shared/contract';
import { TEST_APP } from '../helpers/test-engine';
import { apiClient, startTestServer, type TestServer } from '../helpers/test-server';
import { meetingEvent } from './calendar-page';
import { closeBrowser, startApp, type App } from './harness';

// Sam gets reminded in the browser tab of the web shell: a card above the calendar and one Web
// Notification per reminder that comes due. Real time throughout (the engine and Chromium both on
// the system clock): meetings are made already inside their reminder window, so one comes due at
// once, and the one wait for a snooze to end is a quarter of a minute.

type Recorded = { title: string; body: string | undefined; tag: string | undefined };

/**
 * Wraps window.Notification before any page script runs, so that every notification the page
 * constructs is recorded in `window.__notifications`, and still shown by the real one.
 */
function recordNotifications(): void {
  const g = globalThis as any;
  const Real = g.Notification;
  const shown: Recorded[] = [];
  g.__notifications = shown;
  if (typeof Real !== 'function') return;
  g.Notification = class extends Real {
    constructor(title: string, options?: { body?: string; tag?: string }) {
      shown.push({ title, body: options?.body, tag: options?.tag });
      super(title, options);
    }
  };
}

const notifications = (page: Page) =>
  page.evaluate(() => (globalThis as any).__notifications as Recorded[]);

const MIN = 60;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const card = (page: Page, name: string) =>
  page.getByTestId('reminders').getByTestId('reminder').filter({ hasText: name });

async function createMeeting(app: App, name: string, start: number, extra = {}) {
  const made = await app.call('meetings:create', {
    draft: { name, start, end: start + 30 * MIN, attendees: [], ...extra },
  });
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

/**
 * A meeting made behind the page shows on its calendar only through the event stream: once one
 * does, the stream is open and no push can be missed. Made again until one shows, since one made
 * before the stream opened is never pushed. Today, at a time that can never remind.
 */
async function waitForEventStream(app: App): Promise<void> {
  const now = new Date();
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) / 1000;
  // Early in the day it has ended (no reminder); just after midnight, late in the day is far off.
  const start = nowSeconds() - midnight > 3600 ? midnight : midnight + 23 * 3600;
  const probe = meetingEvent(app.page, 'Stream check');
  // After the first load: a probe made before it would show from the list, not from a push.
  await app.page.getByTestId('calendar').waitFor();
  await app.page.getByText('Loading…').waitFor({ state: 'detached' });
  for (let attempt = 1; ; attempt++) {
    await createMeeting(app, `Stream check ${attempt}`, start);
    try {
      await probe.first().waitFor({ timeout: 2_000 });
      return;
    } catch (error) {
      if (attempt === 10) throw error;
    }
  }
}

describe('reminders in the web shell, without an account', () => {
  let app: App;
  let planning: MeetingDto;
  let review: MeetingDto;

  beforeAll(async () => {
    app = await startApp();
    await app.context.grantPermissions(['notifications'], { origin: app.shell.origin });
    await app.context.addInitScript(recordNotifications);
    await app.reload();
    await waitForEventStream(app);
  });
  afterAll(async () => {
    await app.close();
    await closeBrowser();
  });

  it('sets the default reminder and the join link in Settings, opened with ","', async () => {
    const { page } = app;
    await page.keyboard.press(',');
    const dialog = page.getByTestId('settings-dialog');
    await dialog.waitFor();
    await page.getByTestId('settings-default-reminder').selectOption('minutes:5');
    await page.getByTestId('settings-meeting-url').fill('http://meet.example.com/join/%s');
    await page.getByTestId('settings-save').click();
    // The engine refuses http; its message is shown under the field, and nothing is saved.
    await page.getByTestId('field-error-meetingUrlTemplate').waitFor();
    expect(await page.getByTestId('field-error-meetingUrlTemplate').innerText()).toMatch(/https/);
    await app.screenshot('settings-field-error');
    await page.getByTestId('settings-meeting-url').fill('https://meet.example.com/join/%s');
    await page.getByTestId('settings-save').click();
    await dialog.waitFor({ state: 'detached' });
    // Esc closes it again, changing nothing.
    await page.keyboard.press(',');
    await dialog.waitFor();
    await page.getByTestId('settings-default-reminder').selectOption('off');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const saved = await app.call('settings:get', {});
    expect(saved).toMatchObject({
      ok: true,
      value: {
        defaultReminder: { metric: 'minutes', value: 5 },
        meetingUrlTemplate: 'https://meet.example.com/join/%s',
      },
    });
  });

  it('shows a meeting starting in 2 minutes in the banner, with exactly one notification', async () => {
    const { page } = app;
    planning = await createMeeting(app, 'Planning', nowSeconds() + 110);
    const planningCard = card(page, 'Planning');
    await planningCard.waitFor({ timeout: 20_000 });
    expect(await planningCard.innerText()).toContain('Planning starts in 2 min');
    await expect.poll(() => notifications(page)).toHaveLength(1);
    const [shown] = await notifications(page);
    expect(shown).toMatchObject({ title: 'Planning', tag: `convene-reminder-${planning.id}` });
    expect(shown?.body).toMatch(/^starts at \d\d:\d\d$/);
    // A local meeting has no remote id yet, so no join link: no Join button.
    expect(planning.serverId).toBeNull();
    expect(await planningCard.getByTestId('reminder-join').count()).toBe(0);
    // Announced once: nothing else comes for it while it shows.
    await page.waitForTimeout(1500);
    expect(await notifications(page)).toHaveLength(1);
    // The region is polite and takes no focus.
    const region = page.getByRole('region', { name: 'Reminders' });
    expect(await region.getAttribute('aria-live')).toBe('polite');
    expect(
      await page.evaluate(
        () =>
          (globalThis as any).document.activeElement?.closest?.('[data-testid="reminders"]') ??
          null,
      ),
    ).toBeNull();
    await app.screenshot('reminder-banner');
  });

  it('hides a reminder snoozed for 5 minutes, and brings a snoozed one back when it is due', async () => {
    const { page } = app;
    const planningCard = card(page, 'Planning');
    await planningCard.getByTestId('reminder-snooze').click();
    // Every choice is still ahead for a meeting more than a minute away.
    expect(await planningCard.locator('[data-testid^="snooze-"]').count()).toBe(4);
    await planningCard.getByTestId('snooze-5min').click();
    await planningCard.waitFor({ state: 'detached' });
    const listed = await app.call('reminders:list', {});
    expect(listed).toMatchObject({ ok: true, value: [] });

    // Five real minutes is too long to wait here: "until a minute before it starts" on a meeting
    // 75 s away comes due 15 s from now, through the same snooze, timer and push.
    review = await createMeeting(app, 'Review', nowSeconds() + 75);
    const reviewCard = card(page, 'Review');
    await reviewCard.waitFor({ timeout: 20_000 });
    await expect.poll(() => notifications(page)).toHaveLength(2);
    await reviewCard.getByTestId('reminder-snooze').click();
    await reviewCard.getByTestId('snooze-minuteBefore').click();
    await reviewCard.waitFor({ state: 'detached' });
    await reviewCard.waitFor({ timeout: 30_000 });
    // Notified again when it came back, under the same tag (so it replaces the first one).
    await expect.poll(() => notifications(page)).toHaveLength(3);
    expect((await notifications(page))[2]).toMatchObject({
      title: 'Review',
      tag: `convene-reminder-${review.id}`,
    });
    expect(await card(page, 'Planning').count()).toBe(0); // still snoozed
  });

  it('dismisses for good: not after a reload, nor after a restart of the shell', async () => {
    const { page } = app;
    await card(page, 'Review').getByTestId('reminder-dismiss').click();
    await card(page, 'Review').waitFor({ state: 'detached' });

    await app.reload();
    await page.getByTestId('calendar').waitFor();
    await expect.poll(async () => (await app.call('reminders:list', {})).ok).toBe(true);
    expect(await page.getByTestId('reminder').count()).toBe(0);

    await app.restartShell();
    await app.reload();
    await page.getByTestId('calendar').waitFor();
    expect(await app.call('reminders:list', {})).toMatchObject({ ok: true, value: [] });
    // Give a restarted scheduler its chance to (wrongly) show it again.
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('reminder').count()).toBe(0);
    // The reload and restart notified nothing again.
    expect(await notifications(page)).toEqual([]);
    // What a restart must cause: the event stream refused (or answered 503 while the old shell
    // closes) until the new one listens. Any other error is the page's fault.
    const restart =
      /^console: Failed to load resource: .* \(http:\/\/127\.0\.0\.1:\d+\/api\/events\)$/;
    const errors = app.errors.filter((e) => !restart.test(e));
    expect(errors, JSON.stringify(app.errors)).toEqual([]);
  });
});

describe('joining from a reminder', () => {
  let server: TestServer;
  let app: App;

  beforeAll(async () => {
    server = await startTestServer({ clock: systemClock });
    await apiClient(server.url).signIn('sam'); // Sam's account there
    app = await startApp({ sync: { debounceMs: 200, requestTimeoutMs: 1_500 } });
    // The call page itself is not what is tested: answered here, so the tab has somewhere to go.
    await app.context.route('https://meet.example.com/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Call</title>joined' }),
    );
    await waitForEventStream(app);
  });
  afterAll(async () => {
    await app.close();
    await server.stop();
    await closeBrowser();
  });

  it('opens the meeting’s link in a new tab once the meeting has its remote id', async () => {
    const { page } = app;
    expect(
      await app.call('settings:update', { meetingUrlTemplate: 'https://meet.example.com/join/%s' }),
    ).toMatchObject({ ok: true });
    const connected = await app.call('account:connect', {
      serverUrl: server.url,
      appId: TEST_APP.id,
      authKey: TEST_APP.authKey,
      login: 'sam',
      password: 'secret123',
    });
    expect(connected.ok).toBe(true);
    // No reminder yet (no default, none of its own): it is synced first, for its remote id.
    const made = await createMeeting(app, 'Standup', nowSeconds() + 2 * MIN);
    let serverId: string | null = null;
    await expect
      .poll(
        async () => {
          const got = await app.call('meetings:get', { id: made.id });
          serverId = got.ok ? got.value.serverId : null;
          return serverId;
        },
        { timeout: 20_000 },
      )
      .not.toBeNull();
    await app.call('meetings:update', {
      id: made.id,
      changes: { notifyBefore: { metric: 'minutes', value: 5 } },
    });
    const standup = card(page, 'Standup');
    const join = standup.getByTestId('reminder-join');
    await join.waitFor({ timeout: 20_000 });
    expect(await join.getAttribute('aria-label')).toBe('Join Standup');

    const [tab] = await Promise.all([app.context.waitForEvent('page'), join.click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`https://meet.example.com/join/${String(serverId)}`);
    // noopener: the call page gets no handle on the app's window.
    expect(await tab.evaluate(() => (globalThis as any).opener)).toBeNull();
    await tab.close();
  });

  it('asks for notification permission only when told to, and remembers "Not now"', async () => {
    const { page } = app;
    const prompt = page.getByTestId('notification-prompt');
    const permission = await page.evaluate(() => (globalThis as any).Notification.permission);
    if (permission !== 'default') return; // a browser that decided already shows no prompt
    await prompt.waitFor();
    expect(await prompt.innerText()).toContain(
      'Convene can alert you before meetings start. Allow notifications?',
    );
    await page.getByTestId('notifications-not-now').click();
    await prompt.waitFor({ state: 'detached' });
    await app.reload();
    await card(page, 'Standup').waitFor();
    expect(await prompt.count()).toBe(0);
    // Never asked on load: the browser's own answer is still open.
    expect(await page.evaluate(() => (globalThis as any).Notification.permission)).toBe('default');
  });
});
