import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingEvent, readMeetings } from './calendar-page';
import { closeBrowser, startApp, type App } from './harness';

// The browser runs in Asia/Calcutta: a legacy id, so the default zone also proves canonicalisation.
// Today (November) New York is at -05:00; a July meeting there is at -04:00, and that is what must
// be shown in the picker and stored.

let app: App;
const JULY_9AM_NEW_YORK = Date.UTC(2027, 6, 15, 13) / 1000;

beforeAll(async () => {
  app = await startApp({ timezoneId: 'Asia/Calcutta' });
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

const zoneInput = () => app.page.getByTestId('meeting-zone').getByRole('combobox');
const zoneOptions = () =>
  app.page.getByTestId('meeting-zone-list').getByRole('option').allInnerTexts();

describe('time zones', () => {
  it('defaults to the system zone, canonicalised', async () => {
    const { page } = app;
    await page.getByTestId('empty-state').waitFor();
    expect(await page.getByTestId('display-zone').getByRole('combobox').inputValue()).toBe(
      'Asia/Kolkata',
    );
    await page.keyboard.press('n');
    await page.getByTestId('meeting-editor').waitFor();
    expect(await zoneInput().inputValue()).toBe('Asia/Kolkata');
    expect(await page.getByTestId('meeting-zone-offset').innerText()).toBe('UTC+05:30');
  });

  it('searches by city, zone id and offset', async () => {
    const { page } = app;
    await page.getByTestId('meeting-name').fill('Summer kick-off');
    for (const id of ['start-date', 'end-date']) await page.getByTestId(id).fill('2027-07-15');
    await page.getByTestId('start-time').fill('09:00');
    await page.getByTestId('end-time').fill('10:00');

    await zoneInput().click();
    expect(await zoneInput().getAttribute('aria-expanded')).toBe('true');
    await zoneInput().fill('Kolkata');
    expect(await zoneOptions()).toEqual([expect.stringMatching(/Asia\/Kolkata\s+UTC\+05:30/)]);
    await zoneInput().fill('Asia/');
    const asia = await zoneOptions();
    expect(asia.length).toBeGreaterThan(50);
    expect(asia.every((o) => o.includes('Asia/'))).toBe(true);
    await zoneInput().fill('+05:30');
    expect(await zoneOptions()).toContainEqual(expect.stringMatching(/Asia\/Kolkata/));
    expect((await zoneOptions()).every((o) => o.endsWith('UTC+05:30'))).toBe(true);
    // Escape closes the list, not the editor around it; the zone is unchanged.
    await page.keyboard.press('Escape');
    expect(await zoneInput().getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('meeting-editor').isVisible()).toBe(true);
    expect(await zoneInput().inputValue()).toBe('Asia/Kolkata');
    await zoneInput().click();
  });

  it("labels zones with their offset at the meeting's date and stores that offset", async () => {
    const { page } = app;
    await zoneInput().fill('New York');
    // July: daylight time, although today New York is at -05:00.
    expect(await zoneOptions()).toEqual([expect.stringMatching(/America\/New_York\s+UTC-04:00/)]);
    await app.screenshot('zone-picker');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    expect(await zoneInput().inputValue()).toBe('America/New_York');
    expect(await zoneInput().getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('meeting-zone-offset').innerText()).toBe('UTC-04:00');
    // The meeting stays at the instant typed (09:00 in Kolkata) and is shown in New York time.
    expect(await page.getByTestId('start-date').getAttribute('data-value')).toBe('2027-07-14');
    expect(await page.getByTestId('start-time').getAttribute('data-value')).toBe('23:30');
    expect(await page.getByTestId('display-zone-time').innerText()).toMatch(
      /= .*09:00–10:00 your time/,
    );
    // Now 09:00 in New York.
    await page.getByTestId('start-date').fill('2027-07-15');
    await page.getByTestId('start-time').fill('09:00');
    expect(await page.getByTestId('end-date').getAttribute('data-value')).toBe('2027-07-15');
    expect(await page.getByTestId('end-time').getAttribute('data-value')).toBe('10:00');
    await page.getByTestId('save-meeting').click();
    await page.getByTestId('meeting-editor').waitFor({ state: 'detached' });

    const stored = readMeetings(app.dataPath).find((m) => m.name === 'Summer kick-off');
    expect(stored).toMatchObject({
      start_date: JULY_9AM_NEW_YORK,
      end_date: JULY_9AM_NEW_YORK + 3600,
      timezone_name: 'America/New_York',
      timezone_offset: -240,
    });

    // The calendar follows the meeting to its week; shown in Kolkata time with New York's beside.
    const event = meetingEvent(page, 'Summer kick-off');
    await event.waitFor();
    expect(await page.getByTestId('calendar-title').innerText()).toMatch(/July 2027/);
    expect(await event.innerText()).toMatch(/18:30 – 19:30[\s\S]*09:00 – 10:00 New York/);
    await event.click();
    expect(await page.getByTestId('stored-zone').innerText()).toBe(
      'Saved in America/New_York, UTC-04:00 at its start',
    );
  });

  it('recomputes the offset when the start moves across a DST change', async () => {
    const { page } = app;
    for (const id of ['start-date', 'end-date']) await page.getByTestId(id).fill('2027-12-15');
    expect(await page.getByTestId('meeting-zone-offset').innerText()).toBe('UTC-05:00');
    await page.getByTestId('save-meeting').click();
    await page.getByTestId('meeting-editor').waitFor({ state: 'detached' });
    const stored = readMeetings(app.dataPath).find((m) => m.name === 'Summer kick-off');
    expect(stored?.timezone_offset).toBe(-300);
    expect(stored?.start_date).toBe(Date.UTC(2027, 11, 15, 14) / 1000); // still 09:00 there
  });

  it('draws the calendar in the chosen display zone', async () => {
    const { page } = app;
    const display = page.getByTestId('display-zone').getByRole('combobox');
    await display.click();
    await display.fill('new york');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('display-zone-offset').innerText()).toBe('UTC-05:00');
    const event = meetingEvent(page, 'Summer kick-off');
    await expect.poll(() => event.innerText()).toMatch(/^09:00 – 10:00/);
    // Same zone as the calendar: no second time.
    expect(await event.getByTestId('meeting-own-time').count()).toBe(0);
    expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
