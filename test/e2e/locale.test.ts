import { Temporal } from 'temporal-polyfill';
import { afterEach, afterAll, describe, expect, it } from 'vitest';
import { meetingEvent, visibleDates } from './calendar-page';
import { closeBrowser, startApp, type App } from './harness';

// Week start and the clock follow the OS locale (plain en-US: Sunday and 12-hour; en-GB: Monday
// and 24-hour), with settings to override either; the grid, the meetings and the editor agree.

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(() => closeBrowser());

const weekday = (date: string) => Temporal.PlainDate.from(date).dayOfWeek; // 1 Mon … 7 Sun

/** Today at 14:30 UTC (the browser runs in UTC): in the week the calendar opens on. */
function todayAt(hour: number, minute: number): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour, minute) / 1000;
}

async function open(locale: string): Promise<App> {
  const started = await startApp({ locale });
  await started.page.getByTestId('calendar').waitFor();
  const made = await started.call('meetings:create', {
    draft: { name: 'Review', start: todayAt(14, 30), end: todayAt(15, 30), attendees: [] },
  });
  expect(made.ok).toBe(true);
  await meetingEvent(started.page, 'Review').waitFor();
  return started;
}

async function editorTimes(a: App): Promise<string[]> {
  await meetingEvent(a.page, 'Review').click();
  await a.page.getByTestId('meeting-editor').waitFor();
  const times = [
    await a.page.getByTestId('start-time').inputValue(),
    await a.page.getByTestId('end-time').inputValue(),
  ];
  await a.page.keyboard.press('Escape');
  await a.page.getByTestId('meeting-editor').waitFor({ state: 'detached' });
  return times;
}

describe('locale', () => {
  it('plain en-US: weeks from Sunday, a 12-hour clock in the grid, the meeting and the editor', async () => {
    app = await open('en-US');
    const [first = ''] = await visibleDates(app.page);
    expect(weekday(first)).toBe(7);
    const grid = await app.page.getByTestId('calendar').innerText();
    expect(grid).toMatch(/\b2\s?PM\b/);
    expect(grid).not.toMatch(/\b14:00\b/);
    expect(await meetingEvent(app.page, 'Review').innerText()).toMatch(
      /2:30\s*(PM)?\s*–\s*3:30\s*PM/,
    );
    expect(await editorTimes(app)).toEqual(['2:30 PM', '3:30 PM']);
  });

  it('en-GB: weeks from Monday and a 24-hour clock, with no setting', async () => {
    app = await open('en-GB');
    const [first = ''] = await visibleDates(app.page);
    expect(weekday(first)).toBe(1);
    expect(await app.page.getByTestId('calendar').innerText()).toMatch(/\b14:00\b/);
    expect(await editorTimes(app)).toEqual(['14:30', '15:30']);
  });

  it('settings override the locale: Monday and 12-hour in a Sunday, 24-hour locale', async () => {
    app = await open('en-US-u-hc-h23');
    const [sunday = ''] = await visibleDates(app.page);
    expect(weekday(sunday)).toBe(7);
    expect(await editorTimes(app)).toEqual(['14:30', '15:30']);

    await app.page.getByTestId('settings-button').click();
    await app.page.getByTestId('settings-dialog').waitFor();
    await app.page.getByTestId('settings-week-start').selectOption('1');
    await app.page.getByTestId('settings-time-format').selectOption('12h');
    await app.page.getByTestId('settings-save').click();
    await app.page.getByTestId('settings-dialog').waitFor({ state: 'detached' });

    await expect.poll(async () => weekday((await visibleDates(app!.page))[0] ?? '')).toBe(1);
    await expect.poll(() => app!.page.getByTestId('calendar').innerText()).toMatch(/\b2\s?PM\b/);
    expect(await editorTimes(app)).toEqual(['2:30 PM', '3:30 PM']);
    // The mini-month of "Go to date" starts its weeks on the same day.
    await app.page.keyboard.press('Control+k');
    const firstCell = app.page.getByTestId('mini-month').locator('[data-date]').first();
    expect(weekday((await firstCell.getAttribute('data-date')) ?? '')).toBe(1);
    await app.page.keyboard.press('Escape');

    // Kept by the engine: still so after a reload.
    await app.reload();
    await app.page.getByTestId('calendar').waitFor();
    await expect.poll(async () => weekday((await visibleDates(app!.page))[0] ?? '')).toBe(1);
    expect(await editorTimes(app)).toEqual(['2:30 PM', '3:30 PM']);
  });
});
