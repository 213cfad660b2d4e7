import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, startApp, type App } from './harness';

// Bugs in how the display zone meets the keyboard and the clock. The browser runs in Kolkata
// (UTC+05:30), where a whole hour in UTC is half past the hour locally.

let app: App;

beforeAll(async () => {
  app = await startApp({ timezoneId: 'Asia/Kolkata' });
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

describe('display zone bugs', () => {
  it('proposes a new meeting at the next whole hour of the display zone', async () => {
    const { page } = app;
    await page.clock.setFixedTime(new Date('2026-11-25T09:10:00+05:30'));
    await page.getByTestId('new-meeting').click();
    await page.getByTestId('meeting-editor').waitFor();
    expect(await page.getByTestId('start-date').getAttribute('data-value')).toBe('2026-11-25');
    expect(await page.getByTestId('start-time').getAttribute('data-value')).toBe('10:00');
    expect(await page.getByTestId('end-time').getAttribute('data-value')).toBe('11:00');
    await page.keyboard.press('Escape');
    await page.getByTestId('meeting-editor').waitFor({ state: 'detached' });
  });

  it('gives the keyboard back to the calendar after a zone is picked in the toolbar', async () => {
    const { page } = app;
    const display = page.getByTestId('display-zone').getByRole('combobox');
    await display.click();
    await display.fill('new york');
    await page.keyboard.press('Enter');
    expect(await display.inputValue()).toBe('America/New_York');
    // The next key is a shortcut again, not a letter typed into the zone box.
    await page.keyboard.press('m');
    await expect
      .poll(() => page.getByTestId('view-month').getAttribute('aria-pressed'))
      .toBe('true');
    expect(await display.inputValue()).toBe('America/New_York');
    expect(await display.getAttribute('aria-expanded')).toBe('false');
  });
});
