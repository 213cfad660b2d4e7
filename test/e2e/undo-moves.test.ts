import type { Page } from 'playwright';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  dragMeetingTo,
  meetingEvent,
  readMeetings,
  resizeMeetingBy,
  visibleDates,
} from './calendar-page';
import { closeBrowser, startApp, type App } from './harness';

// A drag or a resize can be taken back like a delete: the toast says where the meeting went and its
// Undo puts it back, in the grid and in the engine. The browser runs in UTC, so wall-clock times in
// the calendar are UTC times in the database.

let app: App;
let page: Page;
let monday: string;
let tuesday: string;

const at = (date: string, time: string) => Date.parse(`${date}T${time}:00Z`) / 1000;
const row = (name: string) => readMeetings(app.dataPath).find((m) => m.name === name);
const toast = (text: string) => page.getByTestId('toast').filter({ hasText: text });

async function seed(name: string, date: string, start: string, end: string) {
  const made = await app.call('meetings:create', {
    draft: { name, start: at(date, start), end: at(date, end), attendees: [] },
  });
  expect(made.ok).toBe(true);
  await meetingEvent(page, name).waitFor();
}

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});
beforeEach(async () => {
  await app.reload();
  await page.locator('[role="columnheader"][data-date]').first().waitFor();
  [, monday = '', tuesday = ''] = await visibleDates(page);
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

describe('undo for moves and resizes', () => {
  it('puts a dragged meeting back where it was', async () => {
    await seed('Planning', monday, '09:00', '10:00');
    const before = await meetingEvent(page, 'Planning').boundingBox();
    await dragMeetingTo(page, 'Planning', tuesday, '10:00');
    await expect.poll(() => row('Planning')?.start_date).toBe(at(tuesday, '10:00'));
    const moved = toast('Moved Planning to Tue 10:00');
    await moved.waitFor();

    await moved.getByTestId('toast-action').click();
    await expect.poll(() => row('Planning')?.start_date).toBe(at(monday, '09:00'));
    expect(row('Planning')?.end_date).toBe(at(monday, '10:00'));
    await expect
      .poll(async () => (await meetingEvent(page, 'Planning').boundingBox())?.x)
      .toBe(before?.x);
    expect((await meetingEvent(page, 'Planning').boundingBox())?.y).toBe(before?.y);
    // The undo is not itself offered for undoing.
    await moved.waitFor({ state: 'detached' });
    expect(await page.getByTestId('toast-action').count()).toBe(0);
  });

  it('puts a resized meeting back to its old end', async () => {
    await seed('Review', monday, '13:00', '14:00');
    await resizeMeetingBy(page, 'Review', 60);
    await expect.poll(() => row('Review')?.end_date).toBe(at(monday, '15:00'));
    const resized = toast('Review now ends Mon 15:00');
    await resized.getByTestId('toast-action').click();
    await expect.poll(() => row('Review')?.end_date).toBe(at(monday, '14:00'));
    expect(row('Review')?.start_date).toBe(at(monday, '13:00'));
    await expect.poll(() => meetingEvent(page, 'Review').innerText()).toMatch(/13:00 – 14:00/);
  });

  it('keeps the Undo when newer messages arrive', async () => {
    await seed('Standup', monday, '11:00', '11:30');
    await dragMeetingTo(page, 'Standup', monday, '12:00');
    await toast('Moved Standup').waitFor();
    // Plain messages after it (each settings save says "Settings saved") must not push it out.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press(',');
      await page.getByTestId('settings-dialog').waitFor();
      await page.getByTestId('settings-save').click();
      await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
    }
    await toast('Moved Standup').getByTestId('toast-action').click();
    await expect.poll(() => row('Standup')?.start_date).toBe(at(monday, '11:00'));
    expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
