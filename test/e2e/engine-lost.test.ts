import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingEvent } from './calendar-page';
import { closeBrowser, startApp, type App } from './harness';

// The web shell stops while Sam has the window open, an editor half filled in. The window says so
// in a banner that stays (not a toast that goes, not an emptied calendar), keeps what was typed,
// and once the shell is back the banner goes: by itself when the event stream reconnects, or on
// Retry, and what changed meanwhile is loaded.

let app: App;
const banner = () => app.page.getByTestId('engine-lost');
const today10 = () => Date.parse(`${new Date().toISOString().slice(0, 10)}T10:00:00Z`) / 1000;

beforeAll(async () => {
  app = await startApp();
  const made = await app.call('meetings:create', {
    draft: { name: 'Standing meeting', start: today10(), end: today10() + 1800, attendees: [] },
  });
  expect(made.ok).toBe(true);
  await meetingEvent(app.page, 'Standing meeting').waitFor();
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

describe('when the engine goes away', () => {
  it('shows a lasting banner, keeps the calendar and the open editor, and clears on reconnect', async () => {
    const { page } = app;
    await page.keyboard.press('n');
    await page.getByTestId('meeting-editor').waitFor();
    await page.getByTestId('meeting-name').fill('Half-typed plan');
    expect(await banner().count()).toBe(0);

    await app.restartShell(async () => {
      await banner().waitFor();
      expect(await banner().innerText()).toMatch(
        /Convene lost its connection to the engine[\s\S]*Retry/,
      );
      expect(await banner().getAttribute('role')).toBe('alert');
      await app.screenshot('engine-lost');
      // Still there a while later: not a toast that times out, and the calendar is not emptied.
      await page.waitForTimeout(1_500);
      expect(await banner().isVisible()).toBe(true);
      expect(await meetingEvent(page, 'Standing meeting').isVisible()).toBe(true);
      expect(await page.getByTestId('meeting-name').inputValue()).toBe('Half-typed plan');
    });

    // The browser reconnects the event stream on its own; that alone takes the banner away.
    await banner().waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.getByTestId('meeting-name').inputValue()).toBe('Half-typed plan');
    await page.getByTestId('save-meeting').click();
    await page.getByTestId('meeting-editor').waitFor({ state: 'detached' });
    await meetingEvent(page, 'Half-typed plan').waitFor();
  });

  it('Retry brings the window back and loads what changed while it was away', async () => {
    const { page } = app;
    await app.restartShell(async () => {
      await banner().waitFor();
      // Retry while the shell is still down: the banner stays.
      await page.getByTestId('engine-lost-retry').click();
      await page.waitForTimeout(500);
      expect(await banner().isVisible()).toBe(true);
      // The stream's next attempt is held unanswered, so only Retry can bring the window back
      // and nothing made meanwhile can arrive as a push.
      await page.route('**/api/events', () => {});
    });
    const made = await app.call('meetings:create', {
      draft: {
        name: 'Made meanwhile',
        start: today10() + 3600,
        end: today10() + 5400,
        attendees: [],
      },
    });
    expect(made.ok).toBe(true);
    await page.waitForTimeout(1_500); // past the stream's 1 s retry: it did not clear the banner
    expect(await banner().isVisible()).toBe(true);
    expect(await meetingEvent(page, 'Made meanwhile').count()).toBe(0);
    await page.getByTestId('engine-lost-retry').click();
    await banner().waitFor({ state: 'detached' });
    await meetingEvent(page, 'Made meanwhile').waitFor();
    // The failed loads left no error toast behind: the banner said it all.
    expect(await page.locator('.toast--error').count()).toBe(0);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });
});
