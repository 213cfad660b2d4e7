import type { Page } from 'playwright';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readMeetings, visibleDates } from './calendar-page';
import { closeBrowser, startApp, type App } from './harness';

// Getting around without the mouse: Ctrl/Cmd+K or / opens "Go to date" (a typed date, or a day
// picked in its month with the arrow keys), `n` makes a meeting where the calendar is, and the
// editor's date and time fields take typed entry. The browser runs in UTC.

let app: App;
let page: Page;

const today = () => Temporal.Now.plainDateISO('UTC');
const dialog = () => page.getByTestId('goto-dialog');

async function goTo(text: string, open: () => Promise<void>) {
  await open();
  await dialog().waitFor();
  // The typed-date field has the focus as soon as it opens.
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await dialog().waitFor({ state: 'detached' });
}

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});
beforeEach(async () => {
  await app.reload();
  await page.locator('[role="columnheader"][data-date]').first().waitFor();
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

describe('keyboard navigation', () => {
  it('Ctrl+K goes to a typed date, / to "next monday"', async () => {
    await goTo('2027-03-14', () => page.keyboard.press('Control+k'));
    await expect.poll(() => visibleDates(page)).toContain('2027-03-14');

    const monday = today().add({ days: ((1 - today().dayOfWeek + 6) % 7) + 1 });
    await goTo('next monday', () => page.keyboard.press('/'));
    await expect.poll(() => visibleDates(page)).toContain(monday.toString());
  });

  it('says what it did not understand, and Esc closes it', async () => {
    await page.keyboard.press('/');
    await page.keyboard.type('someday');
    await page.keyboard.press('Enter');
    await page.getByTestId('goto-error').waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
  });

  it('picks a day in the month with the arrow keys', async () => {
    await page.keyboard.press('/');
    const month = page.getByTestId('mini-month');
    await month.locator(`[data-date="${today().toString()}"]`).focus();
    // Down two weeks and one day on: across the end of the month if need be.
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight']) await page.keyboard.press(key);
    const target = today().add({ days: 15 }).toString();
    await expect
      .poll(() =>
        page.evaluate(() =>
          (globalThis as unknown as GlobalDoc).document.activeElement?.getAttribute('data-date'),
        ),
      )
      .toBe(target);
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(() => visibleDates(page)).toContain(target);
  });

  it('n makes a meeting on the day jumped to, with typed date and time', async () => {
    await goTo('2027-03-14', () => page.keyboard.press('Control+k'));
    await expect.poll(() => visibleDates(page)).toContain('2027-03-14');
    const [first = ''] = await visibleDates(page);
    await page.keyboard.press('n');
    await page.getByTestId('meeting-editor').waitFor();
    // Not the next hour (in a week not on screen): the working day's start on the first day shown.
    expect(await page.getByTestId('start-date').getAttribute('data-value')).toBe(first);
    expect(await page.getByTestId('start-time').getAttribute('data-value')).toBe('09:00');

    await page.getByTestId('meeting-name').fill('Typed in');
    // One tab stop per date and per time: typed as people write them, not segment by segment.
    await page.getByTestId('start-date').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Mar 16 2027');
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedTestId(page)).toBe('start-time');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('10:30pm');
    expect(await page.getByTestId('start-date').getAttribute('data-value')).toBe('2027-03-16');
    expect(await page.getByTestId('start-time').getAttribute('data-value')).toBe('22:30');
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedTestId(page)).toBe('end-date');
    // The length is kept as the start moves; the arrows step a quarter-hour and a day.
    expect(await page.getByTestId('end-time').getAttribute('data-value')).toBe('23:30');
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedTestId(page)).toBe('end-time');
    for (let i = 0; i < 2; i += 1) await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('end-time').getAttribute('data-value')).toBe('23:00');
    await page.getByTestId('save-meeting').click();
    await page.getByTestId('meeting-editor').waitFor({ state: 'detached' });
    await expect
      .poll(() => readMeetings(app.dataPath).find((m) => m.name === 'Typed in')?.start_date)
      .toBe(Date.parse('2027-03-16T22:30:00Z') / 1000);
    expect(readMeetings(app.dataPath).find((m) => m.name === 'Typed in')?.end_date).toBe(
      Date.parse('2027-03-16T23:00:00Z') / 1000,
    );
  });

  it('lists the new keys in the help', async () => {
    await page.keyboard.press('?');
    const help = page.getByTestId('help-overlay');
    await help.waitFor();
    expect(await help.innerText()).toMatch(/Ctrl\+K[\s\S]*Go to a date/);
    await page.keyboard.press('Escape');
    expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});

type GlobalDoc = { document: { activeElement: { getAttribute(n: string): string | null } | null } };

const focusedTestId = (page: Page) =>
  page.evaluate(() =>
    (globalThis as unknown as GlobalDoc).document.activeElement?.getAttribute('data-testid'),
  );
