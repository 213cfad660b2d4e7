import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleDates } from './calendar-page';
import { closeBrowser, startApp, type App } from './harness';

// Working hours (a setting, 09–17 Monday to Friday by default) are shaded on the week grid, and
// the grid opens scrolled to their start rather than to midnight.

let app: App;

beforeAll(async () => {
  app = await startApp();
  await app.page.getByTestId('calendar').waitFor();
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

/** How far below the day headers a slot's top line is, in px (0: at the top of the grid). */
async function slotBelowHeader(time: string): Promise<number> {
  const { page } = app;
  const header = await page.locator('[role="columnheader"][data-date]').first().boundingBox();
  const slot = await page.locator(`[data-time="${time}"]`).last().boundingBox();
  if (!header || !slot) throw new Error('grid not shown');
  return slot.y - (header.y + header.height);
}

/** The shaded spans of one day's column, as [top, bottom] in px. */
async function shadedIn(date: string): Promise<[number, number][]> {
  const column = await app.page.locator(`[role="cell"][data-date="${date}"]`).first().boundingBox();
  if (!column) throw new Error(`no column for ${date}`);
  const spans = await app.page.locator('.cv-non-business').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect() as {
        left: number;
        width: number;
        top: number;
        bottom: number;
      };
      return [r.left + r.width / 2, r.top, r.bottom] as [number, number, number];
    }),
  );
  return spans
    .filter(([x]) => x > column.x && x < column.x + column.width)
    .map(([, top, bottom]) => [top, bottom]);
}

const weekday = async () => {
  const dates = await visibleDates(app.page);
  return dates.find((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))!;
};

describe('working hours', () => {
  it('opens scrolled to 09:00 and shades the hours outside 09–17', async () => {
    expect(Math.abs(await slotBelowHeader('09:00:00'))).toBeLessThan(6);
    const day = await weekday();
    const nine = await app.page.locator('[data-time="09:00:00"]').last().boundingBox();
    const shaded = await shadedIn(day);
    // Shaded until 09:00 (above the top of the view) and again from 17:00.
    expect(shaded.some(([, bottom]) => Math.abs(bottom - nine!.y) < 3)).toBe(true);
    const five = await app.page.locator('[data-time="17:00:00"]').last().boundingBox();
    expect(shaded.some(([top]) => Math.abs(top - five!.y) < 3)).toBe(true);
    // Weekends are shaded all day.
    const dates = await visibleDates(app.page);
    const sunday = dates.find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 0)!;
    expect((await shadedIn(sunday)).length).toBeGreaterThan(0);
  });

  it('follows the setting: 07–15 shades from 15:00 and scrolls to 07:00', async () => {
    const { page } = app;
    await page.keyboard.press(',');
    await page.getByTestId('settings-dialog').waitFor();
    await page.getByTestId('settings-work-start').selectOption('7');
    await page.getByTestId('settings-work-end').selectOption('15');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
    expect(await app.call('settings:get', {})).toMatchObject({
      ok: true,
      value: { workingHours: { start: 7, end: 15 } },
    });
    const day = await weekday();
    const three = await page.locator('[data-time="15:00:00"]').last().boundingBox();
    await expect
      .poll(async () => (await shadedIn(day)).some(([top]) => Math.abs(top - three!.y) < 3))
      .toBe(true);
    // Opened again, the grid starts at the new working day.
    await app.reload();
    await page.getByTestId('calendar').waitFor();
    await expect.poll(async () => Math.abs(await slotBelowHeader('07:00:00'))).toBeLessThan(6);
  });

  it('refuses an end before the start, saying why', async () => {
    const { page } = app;
    await page.keyboard.press(',');
    await page.getByTestId('settings-dialog').waitFor();
    await page.getByTestId('settings-work-start').selectOption('18');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('field-error-workStart').waitFor();
    expect(await page.getByTestId('field-error-workStart').innerText()).toMatch(/start before/);
    await page.keyboard.press('Escape');
    expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
