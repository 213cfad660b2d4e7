import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalProfile } from '../../src-main/engine/app/local-profile';
import { createEngine } from '../../src-main/engine/engine';
import { makeTempDir } from '../helpers/temp-dir';
import { dragMeetingTo, meetingEvent, readMeetings, visibleDates } from './calendar-page';
import { closeBrowser, startApp, type App } from './harness';

// Olga hosts a meeting and invited the local profile. Only the host may change a meeting, so the
// window shows it read-only: no dragging, no resizing, the editor disabled with the reason shown.

const NAME = "Olga's roadmap review";
let app: App;
let temp: ReturnType<typeof makeTempDir>;
let start: number;

beforeAll(async () => {
  temp = makeTempDir('convene-e2e-');
  const dataPath = join(temp.dir, 'convene.db');
  // Seeded through the engine before the shell opens the file, as sync would have left it.
  const engine = createEngine({ databasePath: dataPath, application: { id: 1 } });
  try {
    const me = ensureLocalProfile(engine, 'Sam');
    const olga = await engine.users.signUp({
      login: 'olga',
      password: 'secret123',
      full_name: 'Olga Petrova',
    });
    const today = new Date().toISOString().slice(0, 10);
    start = Date.parse(`${today}T10:00:00Z`) / 1000;
    engine.meetings.create(olga, {
      name: NAME,
      start_date: start,
      end_date: start + 3600,
      attendees: [{ id: me.id }, { email: 'pat@example.com' }],
    });
  } finally {
    void engine.close(); // no sync pass in flight: closes before returning
  }
  app = await startApp({ dataPath });
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
  temp.cleanup();
});

const stored = () => readMeetings(app.dataPath).find((m) => m.name === NAME);

describe("another host's meeting", () => {
  it('is shown, marked read-only', async () => {
    const event = meetingEvent(app.page, NAME);
    await event.waitFor();
    expect(await event.getAttribute('class')).toMatch(/cv-event--readonly/);
    expect(await event.getByRole('img', { name: /Read-only/ }).count()).toBe(1);
  });

  it('cannot be dragged', async () => {
    const { page } = app;
    const before = await meetingEvent(page, NAME).boundingBox();
    const dates = await visibleDates(page);
    const today = new Date(start * 1000).toISOString().slice(0, 10);
    const other = dates.find((d) => d !== today) ?? '';
    await dragMeetingTo(page, NAME, other, '13:00');
    // The drag opens nothing and moves nothing; a click may open the read-only editor instead.
    await page.keyboard.press('Escape');
    expect(await meetingEvent(page, NAME).boundingBox()).toEqual(before);
    expect(stored()?.start_date).toBe(start);
  });

  it('opens in a disabled editor that says why', async () => {
    const { page } = app;
    await meetingEvent(page, NAME).click();
    const reason = page.getByTestId('read-only-reason');
    await reason.waitFor();
    expect(await reason.innerText()).toMatch(/^Hosted by Olga Petrova\..*Only the host/);
    expect(await page.getByTestId('meeting-name').isDisabled()).toBe(true);
    expect(await page.getByTestId('meeting-zone').getByRole('combobox').isDisabled()).toBe(true);
    expect(await page.getByTestId('attendee-chip').allInnerTexts()).toEqual([
      'You',
      'pat@example.com',
    ]);
    expect(await page.getByTestId('save-meeting').count()).toBe(0);
    expect(await page.getByTestId('delete-meeting').count()).toBe(0);
    await app.screenshot('editor-read-only');

    // Delete on the keyboard does not remove it either: keys in a dialog are not shortcuts.
    await page.getByRole('button', { name: 'Close', exact: true }).last().focus();
    await page.keyboard.press('Delete');
    expect(await page.getByTestId('meeting-editor').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('meeting-editor').waitFor({ state: 'detached' });
    expect(await meetingEvent(page, NAME).count()).toBe(1);
    expect(stored()?.name).toBe(NAME);
  });
});
