import type { Page } from 'playwright';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dragAcrossSlots, meetingEvent, readMeetings, visibleDates } from './calendar-page';
import { closeBrowser, startApp, type App } from './harness';

// Bugs found in the meeting editor, each pinned by what a person does in it. The browser runs in
// Berlin, so the calendar (the display zone) is in Berlin time: UTC+01:00 in the winter weeks shown.

let app: App;
let page: Page;
let monday: string;
let tuesday: string;
let wednesday: string;
let thursday: string;
let friday: string;

/** Unix seconds for a Berlin wall-clock time. */
const berlin = (date: string, time: string) =>
  Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime('Europe/Berlin')
    .epochMilliseconds / 1000;
/**
 * The page's own globals, for code passed to evaluate(): the tests compile without the DOM lib,
 * and such code runs in the page, so it names them through `globalThis` cast to this.
 */
type PageGlobals = {
  getComputedStyle(el: unknown): { lineHeight: string };
  DataTransfer: new () => { setData(format: string, data: string): void };
  ClipboardEvent: new (type: string, init: object) => never;
};

const row = (name: string) => readMeetings(app.dataPath).find((m) => m.name === name);
const editor = () => page.getByTestId('meeting-editor');
const zoneInput = () => page.getByTestId('meeting-zone').getByRole('combobox');

async function dragNew(date: string, start: string, end: string) {
  await dragAcrossSlots(page, date, start, end);
  await editor().waitFor();
}

async function seed(name: string, date: string, start: string, end: string) {
  const made = await app.call('meetings:create', {
    draft: { name, start: berlin(date, start), end: berlin(date, end), attendees: [] },
  });
  expect(made.ok).toBe(true);
  await meetingEvent(page, name).waitFor();
}

async function save() {
  await page.getByTestId('save-meeting').click();
  await editor().waitFor({ state: 'detached' });
}

beforeAll(async () => {
  app = await startApp({ timezoneId: 'Europe/Berlin' });
  page = app.page;
});
// Each case starts from a calendar with no dialog open, whatever the case before it left behind.
beforeEach(async () => {
  await app.reload();
  await page.locator('[role="columnheader"][data-date]').first().waitFor();
  [, monday = '', tuesday = '', wednesday = '', thursday = '', friday = ''] =
    await visibleDates(page);
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

describe('meeting editor bugs', () => {
  it('keeps the picked time when the meeting zone changes, and shows it in the calendar zone', async () => {
    await dragNew(monday, '10:00', '11:30');
    await page.getByTestId('meeting-name').fill('Zone switch');
    await zoneInput().click();
    await zoneInput().fill('Kolkata');
    await page.keyboard.press('Enter');
    expect(await zoneInput().inputValue()).toBe('Asia/Kolkata');
    // Berlin 10:00 is Kolkata 14:30: the same instant, shown in the meeting's new zone.
    expect(await page.getByTestId('start-time').getAttribute('data-value')).toBe('14:30');
    expect(await page.getByTestId('end-time').getAttribute('data-value')).toBe('16:00');
    const yours = page.getByTestId('display-zone-time');
    expect(await yours.innerText()).toMatch(/= 10:00–11:30 your time/);
    // Live: an edit in Kolkata time is restated in Berlin time at once.
    await page.getByTestId('end-time').fill('16:30');
    expect(await yours.innerText()).toMatch(/= 10:00–12:00 your time/);
    await save();
    expect(row('Zone switch')).toMatchObject({
      start_date: berlin(monday, '10:00'),
      end_date: berlin(monday, '12:00'),
      timezone_name: 'Asia/Kolkata',
    });
  });

  it('ignores Backspace and Delete on a checkbox or a button in the editor', async () => {
    await seed('Keep me', monday, '13:00', '14:00');
    await meetingEvent(page, 'Keep me').click();
    await page.getByTestId('flag-record').focus();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Delete');
    expect(await editor().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Delete');
    await page.keyboard.press('Backspace');
    // Still open, still there (and still there once anything the keys started has finished).
    expect(await editor().isVisible()).toBe(true);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('toast').filter({ hasText: 'Deleted' }).count()).toBe(0);
    expect(row('Keep me')).toBeDefined();
  });

  it('adds an attendee typed but not committed on save, and refuses the save if it is invalid', async () => {
    await dragNew(tuesday, '09:00', '10:00');
    await page.getByTestId('meeting-name').fill('Typed attendee');
    await page.getByTestId('attendee-input').fill('ana@example.com');
    await save();
    expect(row('Typed attendee')?.attendees).toEqual(['email:ana@example.com']);

    await dragNew(tuesday, '11:00', '12:00');
    await page.getByTestId('meeting-name').fill('Bad attendee');
    await page.getByTestId('attendee-input').fill('not-an-address');
    await page.getByTestId('save-meeting').click();
    const error = page.getByTestId('field-error-attendees');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/not-an-address/);
    expect(await editor().isVisible()).toBe(true);
    expect(await page.getByTestId('attendee-input').inputValue()).toBe('not-an-address');
    expect(row('Bad attendee')).toBeUndefined();
  });

  it('asks before Esc or Cancel throws away changes, and closes an unchanged editor at once', async () => {
    await dragNew(monday, '12:00', '13:00');
    await page.keyboard.press('Escape');
    await editor().waitFor({ state: 'detached' });

    await dragNew(monday, '12:00', '13:00');
    await page.getByTestId('meeting-name').fill('Half-typed');
    await page.keyboard.press('Escape');
    expect(await editor().isVisible()).toBe(true);
    const confirm = page.getByTestId('discard-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(/Discard changes\?/);
    await confirm.getByRole('button', { name: 'Keep editing' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await page.getByTestId('meeting-name').inputValue()).toBe('Half-typed');
    // Esc in the question means "keep editing" too.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await editor().isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Cancel' }).click();
    await confirm.getByRole('button', { name: 'Discard' }).click();
    await editor().waitFor({ state: 'detached' });
    expect(row('Half-typed')).toBeUndefined();
  });

  it('shows the name limit instead of cutting a long name, and toasts keep to one line', async () => {
    await dragNew(wednesday, '09:00', '10:00');
    const name = page.getByTestId('meeting-name');
    await name.focus();
    await page.keyboard.insertText('x'.repeat(500)); // as a paste arrives
    expect((await name.inputValue()).length).toBe(500);
    expect(await page.getByTestId('name-count').innerText()).toBe('500/200');
    await page.getByTestId('save-meeting').click();
    expect(await page.getByTestId('field-error-name').innerText()).toMatch(/200 characters/);
    expect(await editor().isVisible()).toBe(true);

    const long = 'Weekly planning with everyone '.repeat(7).slice(0, 200);
    await name.fill(long);
    expect(await page.getByTestId('name-count').innerText()).toBe('200/200');
    await save();
    expect(row(long)).toBeDefined();
    const message = page
      .getByTestId('toast')
      .filter({ hasText: 'Scheduled' })
      .locator('.toast__message');
    await message.waitFor();
    const { height, lineHeight, clipped } = await message.evaluate((el) => {
      const page = globalThis as unknown as PageGlobals;
      return {
        height: el.getBoundingClientRect().height,
        lineHeight: parseFloat(page.getComputedStyle(el).lineHeight) || 20,
        clipped: el.scrollWidth > el.clientWidth,
      };
    });
    expect(height).toBeLessThan(lineHeight * 1.5);
    expect(clipped).toBe(true); // cut with an ellipsis, the whole text in its title
  });

  it('accepts contacts as mail clients copy them', async () => {
    await dragNew(wednesday, '11:00', '12:00');
    await page.getByTestId('meeting-name').fill('Pasted contacts');
    const input = page.getByTestId('attendee-input');
    await input.fill('Ana <ana@example.com>, "Doe, Jane" <jane@x.org>; bob@example.com');
    await page.keyboard.press('Enter');
    // A multi-line paste (a single-line input would run the lines together by itself).
    await input.evaluate((el) => {
      const { DataTransfer, ClipboardEvent } = globalThis as unknown as PageGlobals;
      const data = new DataTransfer();
      data.setData('text/plain', 'Carl Smith <carl@example.com>\n"O\'Neil, Dee" <dee@example.com>');
      el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('attendee-chip').allInnerTexts()).toEqual([
      expect.stringContaining('ana@example.com'),
      expect.stringContaining('jane@x.org'),
      expect.stringContaining('bob@example.com'),
      expect.stringContaining('carl@example.com'),
      expect.stringContaining('dee@example.com'),
    ]);
    expect(await page.getByTestId('field-error-attendees').count()).toBe(0);
    await save();
    expect(row('Pasted contacts')?.attendees).toEqual([
      'email:ana@example.com',
      'email:jane@x.org',
      'email:bob@example.com',
      'email:carl@example.com',
      'email:dee@example.com',
    ]);
  });

  it('says "End must be after the start" under Ends, whichever time was changed', async () => {
    await dragNew(thursday, '10:00', '11:00');
    await page.getByTestId('meeting-name').fill('Backwards');
    await page.getByTestId('end-time').fill('09:00');
    await page.getByTestId('save-meeting').click();
    await page.getByTestId('field-error-end').waitFor();
    expect(await page.getByTestId('field-error-end').innerText()).toMatch(
      /end must be after the start/i,
    );
    expect(await page.getByTestId('field-error-start').count()).toBe(0);
    await page.getByTestId('end-time').fill('11:00');
    await save();

    // An existing meeting whose start alone is moved past its unchanged end.
    await meetingEvent(page, 'Backwards').click();
    await page.getByTestId('start-time').fill('11:30');
    await page.getByTestId('end-time').fill('11:00');
    await page.getByTestId('save-meeting').click();
    await page.locator('.field-error').first().waitFor();
    expect(await page.getByTestId('field-error-start').count()).toBe(0);
    expect(await page.getByTestId('field-error-end').innerText()).toBe(
      'End must be after the start',
    );
  });

  it('keeps the length when the start moves; changing the end changes the length', async () => {
    await dragNew(thursday, '12:00', '13:30');
    await page.getByTestId('meeting-name').fill('Same length');
    await page.getByTestId('start-time').fill('13:00');
    expect(await page.getByTestId('end-time').getAttribute('data-value')).toBe('14:30');
    await page.getByTestId('start-date').fill(friday);
    expect(await page.getByTestId('end-date').getAttribute('data-value')).toBe(friday);
    expect(await page.getByTestId('end-time').getAttribute('data-value')).toBe('14:30');
    await page.getByTestId('end-time').fill('15:00');
    expect(await page.getByTestId('start-time').getAttribute('data-value')).toBe('13:00');
    await page.getByTestId('start-time').fill('14:00');
    expect(await page.getByTestId('end-time').getAttribute('data-value')).toBe('16:00');
    await save();
    expect(row('Same length')).toMatchObject({
      start_date: berlin(friday, '14:00'),
      end_date: berlin(friday, '16:00'),
    });
  });
});
