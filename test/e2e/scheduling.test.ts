import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dragAcrossSlots,
  dragMeetingTo,
  meetingEvent,
  readMeetings,
  resizeMeetingBy,
  visibleDates,
} from './calendar-page';
import { closeBrowser, startApp, type App } from './harness';

// One person's first session, step by step, on one app (the steps build on each other): an empty
// calendar, a meeting made by dragging, every field edited, moved, resized, deleted and restored,
// then a reload and a restart of the shell. The browser runs in UTC, so wall-clock times in the
// calendar are UTC times in the database.

let app: App;
let monday: string;
let tuesday: string;

const at = (date: string, time: string) => Date.parse(`${date}T${time}:00Z`) / 1000;
const row = (name: string) => readMeetings(app.dataPath).find((m) => m.name === name);

beforeAll(async () => {
  app = await startApp();
  [, monday = '', tuesday = ''] = await visibleDates(app.page);
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

describe('scheduling on the calendar', () => {
  it('tells a first-time user what to do', async () => {
    const empty = app.page.getByTestId('empty-state');
    await expect.poll(() => empty.isVisible()).toBe(true);
    expect(await empty.innerText()).toMatch(/Drag across the calendar/);
    await app.screenshot('empty-state');
  });

  it('creates a meeting by dragging across slots', async () => {
    const { page } = app;
    await dragAcrossSlots(page, monday, '09:00', '10:00');
    const editor = page.getByTestId('meeting-editor');
    await editor.waitFor();
    expect(await page.getByTestId('start-date').getAttribute('data-value')).toBe(monday);
    expect(await page.getByTestId('start-time').getAttribute('data-value')).toBe('09:00');
    expect(await page.getByTestId('end-time').getAttribute('data-value')).toBe('10:00');
    await page.getByTestId('meeting-name').fill('Planning');
    await page.getByTestId('flag-chat').check(); // a chat can only be made with the meeting
    await app.screenshot('editor-new');
    await page.getByTestId('save-meeting').click();
    await editor.waitFor({ state: 'detached' });
    await meetingEvent(page, 'Planning').waitFor();
    expect(await page.getByTestId('empty-state').count()).toBe(0);
    expect(row('Planning')).toMatchObject({
      start_date: at(monday, '09:00'),
      end_date: at(monday, '10:00'),
    });
    // The chat is asked for now and made by the remote when the meeting is sent.
    const listed = await app.call('meetings:list', {
      from: at(monday, '00:00'),
      to: at(monday, '23:59'),
    });
    expect(listed.ok && listed.value[0]).toMatchObject({
      name: 'Planning',
      chat: true,
      chatDialogId: null,
    });
  });

  it('shows an error from the engine beside its field and keeps what was typed', async () => {
    const { page } = app;
    await meetingEvent(page, 'Planning').click();
    await page.getByTestId('meeting-name').fill('   ');
    await page.getByTestId('attendee-input').fill('ana@example.com');
    await page.keyboard.press('Enter');
    await page.getByTestId('save-meeting').click();
    const nameError = page.getByTestId('field-error-name');
    await nameError.waitFor();
    expect(await nameError.innerText()).toMatch(/can't be blank/);
    // Beside its field: the input names the error as its description.
    const describedBy = await page.getByTestId('meeting-name').getAttribute('aria-describedby');
    expect(describedBy).toBe(await nameError.getAttribute('id'));
    expect(await page.getByTestId('attendee-chip').allInnerTexts()).toEqual([
      expect.stringContaining('ana@example.com'),
    ]);
    await app.screenshot('editor-validation-error');

    // A client-side check too: an attendee that is neither an id nor an e-mail is not added.
    await page.getByTestId('attendee-input').fill('nobody-at-all');
    await page.getByTestId('attendee-add').click();
    expect(await page.getByTestId('field-error-attendees').innerText()).toMatch(/not a user id/);
    await page.getByTestId('attendee-input').fill('');
    // Esc on a changed meeting asks first; discarding saves nothing.
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-confirm').getByRole('button', { name: 'Discard' }).click();
    await page.getByTestId('meeting-editor').waitFor({ state: 'detached' });
    expect(row('Planning')?.attendees).toEqual([]); // nothing was saved
  });

  it('edits every field', async () => {
    const { page } = app;
    await meetingEvent(page, 'Planning').click();
    await page.getByTestId('meeting-name').fill('Quarterly planning');
    // The zone first: changing it keeps the meeting's instant, so the times typed next are Paris's.
    await page.getByTestId('meeting-zone').getByRole('combobox').fill('Paris');
    await page.keyboard.press('Enter');
    await page.getByTestId('start-time').fill('08:30');
    await page.getByTestId('end-date').fill(tuesday);
    await page.getByTestId('end-time').fill('07:15');
    const attendee = page.getByTestId('attendee-input');
    await attendee.fill('7, ana@example.com');
    await page.keyboard.press('Enter');
    await attendee.fill('bob@example.com');
    await page.getByTestId('attendee-add').click();
    await page.getByRole('button', { name: 'Remove ana@example.com' }).click();
    for (const flag of ['record', 'public']) await page.getByTestId(`flag-${flag}`).check();
    for (const flag of ['scheduled', 'notify']) await page.getByTestId(`flag-${flag}`).uncheck();
    await page.getByTestId('notify-metric').selectOption('hours');
    // Only valid values are offered for the metric.
    expect(await page.getByTestId('notify-value').locator('option').allInnerTexts()).toHaveLength(
      24,
    );
    await page.getByTestId('notify-value').selectOption('2');
    await app.screenshot('editor-edit');
    await page.getByTestId('save-meeting').click();
    await page.getByTestId('meeting-editor').waitFor({ state: 'detached' });

    // 08:30 in Paris (UTC+01:00 in November) is 07:30 UTC.
    expect(row('Quarterly planning')).toMatchObject({
      start_date: at(monday, '07:30'),
      end_date: at(tuesday, '06:15'),
      attendees: ['id:7', 'email:bob@example.com'],
      record: 1,
      public: 1,
      scheduled: 0,
      notify: 0,
      notify_before_metric: 'hours',
      notify_before_value: 2,
      timezone_name: 'Europe/Paris',
      timezone_offset: 60,
    });
    // Shown in UTC, with the meeting's own Paris time beside it.
    expect(await meetingEvent(page, 'Quarterly planning').first().innerText()).toMatch(
      /08:30 – 07:15 Paris/,
    );
  });

  it('moves a meeting by dragging it and resizes it by its edge', async () => {
    const { page } = app;
    // Back to one hour on Monday, in UTC, so it is a simple block to drag.
    await meetingEvent(page, 'Quarterly planning').first().click();
    await page.getByTestId('meeting-zone').getByRole('combobox').fill('UTC');
    await page.keyboard.press('Enter');
    await page.getByTestId('start-time').fill('09:00');
    await page.getByTestId('end-date').fill(monday);
    await page.getByTestId('end-time').fill('10:00');
    await page.getByTestId('save-meeting').click();
    await page.getByTestId('meeting-editor').waitFor({ state: 'detached' });

    await dragMeetingTo(page, 'Quarterly planning', tuesday, '11:00');
    await expect.poll(() => row('Quarterly planning')?.start_date).toBe(at(tuesday, '11:00'));
    expect(row('Quarterly planning')?.end_date).toBe(at(tuesday, '12:00'));

    await resizeMeetingBy(page, 'Quarterly planning', 90);
    await expect.poll(() => row('Quarterly planning')?.end_date).toBe(at(tuesday, '13:30'));
    expect(await meetingEvent(page, 'Quarterly planning').innerText()).toMatch(/11:00 – 13:30/);
  });

  it('shows meetings made elsewhere without a reload', async () => {
    const { page } = app;
    const [, , , wednesday = '', thursday = ''] = await visibleDates(page);
    const made = [
      { name: 'Design review', start: at(wednesday, '09:30'), end: at(wednesday, '10:30') },
      { name: '1:1 with Ana', start: at(wednesday, '14:00'), end: at(wednesday, '14:30') },
      {
        name: 'New York sync',
        start: at(thursday, '14:00'),
        end: at(thursday, '15:00'),
        timeZone: 'America/New_York',
      },
    ];
    // Another client of the same engine (a second window, sync): the page hears of it by push.
    for (const m of made) {
      const r = await app.call('meetings:create', { draft: { ...m, attendees: [] } });
      expect(r.ok).toBe(true);
    }
    for (const m of made) await meetingEvent(page, m.name).waitFor();
    // A meeting set in another zone also shows its own local time.
    expect(await meetingEvent(page, 'New York sync').innerText()).toMatch(/09:00 – 10:00 New York/);
    await app.screenshot('week-with-meetings');
  });

  it('rolls a move back with a visible message when the engine cannot take it', async () => {
    const { page } = app;
    const before = await meetingEvent(page, 'Quarterly planning').boundingBox();
    await app.restartShell(async () => {
      await dragMeetingTo(page, 'Quarterly planning', tuesday, '15:00');
      const toast = page.getByTestId('toast').filter({ hasText: "Couldn't move" });
      await toast.waitFor();
    });
    await expect
      .poll(async () => (await meetingEvent(page, 'Quarterly planning').boundingBox())?.y)
      .toBe(before?.y);
    expect(row('Quarterly planning')?.start_date).toBe(at(tuesday, '11:00'));
  });

  it('deletes with Delete and brings the meeting back with Undo', async () => {
    const { page } = app;
    await meetingEvent(page, 'Quarterly planning').focus();
    await page.keyboard.press('Delete');
    await meetingEvent(page, 'Quarterly planning').waitFor({ state: 'detached' });
    await expect.poll(() => row('Quarterly planning')).toBeUndefined();
    // The delete's own Undo: the move and resize before it offered theirs too.
    const deleted = page.getByTestId('toast').filter({ hasText: 'Deleted' });
    await deleted.getByTestId('toast-action').click();
    await meetingEvent(page, 'Quarterly planning').waitFor();
    expect(row('Quarterly planning')?.attendees).toEqual(['id:7', 'email:bob@example.com']);
  });

  it('switches views and navigates from the keyboard', async () => {
    const { page } = app;
    const title = page.getByTestId('calendar-title');
    const weekTitle = await title.innerText();
    await page.keyboard.press('j');
    await expect.poll(() => title.innerText()).not.toBe(weekTitle);
    await page.keyboard.press('k');
    await expect.poll(() => title.innerText()).toBe(weekTitle);
    await page.keyboard.press('m');
    await expect
      .poll(() => page.getByTestId('view-month').getAttribute('aria-pressed'))
      .toBe('true');
    await meetingEvent(page, 'Quarterly planning').waitFor();
    await app.screenshot('month');
    await page.keyboard.press('l');
    await expect
      .poll(() => page.getByTestId('view-list').getAttribute('aria-pressed'))
      .toBe('true');
    await meetingEvent(page, 'Quarterly planning').waitFor();
    await app.screenshot('list');
    await page.keyboard.press('d');
    await expect.poll(() => page.getByTestId('view-day').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('w');
    await page.keyboard.press('t');
    await expect.poll(() => title.innerText()).toBe(weekTitle);
    await page.keyboard.press('?');
    await page.getByTestId('help-overlay').waitFor();
    await app.screenshot('help');
    await page.keyboard.press('Escape');
    await page.getByTestId('help-overlay').waitFor({ state: 'detached' });
    await page.keyboard.press('n');
    await page.getByTestId('meeting-editor').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('meeting-editor').waitFor({ state: 'detached' });
  });

  it('still has everything after a page reload and after a restart of the shell', async () => {
    const { page } = app;
    await app.reload();
    await meetingEvent(page, 'Quarterly planning').waitFor();
    await app.restartShell();
    await app.reload();
    await meetingEvent(page, 'Quarterly planning').click();
    expect(await page.getByTestId('meeting-name').inputValue()).toBe('Quarterly planning');
    expect(await page.getByTestId('attendee-chip').count()).toBe(2);
    expect(await page.getByTestId('notify-value').inputValue()).toBe('2');
    expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
