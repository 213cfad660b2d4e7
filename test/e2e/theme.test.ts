import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalProfile } from '../../src-main/engine/app/local-profile';
import { createEngine } from '../../src-main/engine/engine';
import { makeTempDir } from '../helpers/temp-dir';
import { meetingEvent } from './calendar-page';
import { contrast, isDark, paintedColors, schemeOf, type Rgb } from './colors';
import { closeBrowser, startApp, type App } from './harness';

// Light and dark: the window follows the OS (Chromium's emulated prefers-color-scheme) until a
// theme is chosen in Settings, which then wins either way. In both, text meets WCAG AA and the
// three kinds of meeting (hosted here, invited read-only, draft) are told apart by colour.

let app: App;
let temp: ReturnType<typeof makeTempDir>;

beforeAll(async () => {
  temp = makeTempDir('convene-e2e-');
  const dataPath = join(temp.dir, 'convene.db');
  const engine = createEngine({ databasePath: dataPath, application: { id: 1 } });
  try {
    const me = ensureLocalProfile(engine, 'Sam');
    const olga = await engine.users.signUp({ login: 'olga', password: 'secret123' });
    const start = Date.parse(`${new Date().toISOString().slice(0, 10)}T10:00:00Z`) / 1000;
    engine.meetings.create(me, {
      name: 'Hosted',
      start_date: start,
      end_date: start + 3600,
      attendees: [],
    });
    engine.meetings.create(olga, {
      name: 'Invited',
      start_date: start + 2 * 3600,
      end_date: start + 3 * 3600,
      attendees: [{ id: me.id }],
    });
  } finally {
    void engine.close();
  }
  app = await startApp({ dataPath });
  const start = Date.parse(`${new Date().toISOString().slice(0, 10)}T14:00:00Z`) / 1000;
  const draft = await app.call('meetings:create', {
    draft: { name: 'Drafted', start, end: start + 3600, attendees: [] },
    asDraft: true,
  });
  expect(draft.ok).toBe(true);
  await meetingEvent(app.page, 'Drafted').waitFor();
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
  temp.cleanup();
});

const surfaces = async () => ({
  page: await paintedColors(app.page.locator('.toolbar__title')),
  slotLabel: await paintedColors(app.page.locator('[data-time="09:00:00"]').first()),
});

const eventColors = async () => {
  const of = (name: string) =>
    paintedColors(meetingEvent(app.page, name).locator('.cv-event__title'));
  return { hosted: await of('Hosted'), invited: await of('Invited'), draft: await of('Drafted') };
};

const same = (a: Rgb, b: Rgb) => a.every((v, i) => Math.abs(v - b[i]!) <= 4);

async function chooseTheme(label: 'system' | 'light' | 'dark') {
  const { page } = app;
  await page.keyboard.press(',');
  await page.getByTestId('settings-dialog').waitFor();
  await page.getByTestId('settings-theme').selectOption(label);
  await page.getByTestId('settings-save').click();
  await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
}

async function expectReadable() {
  const s = await surfaces();
  expect(contrast(s.page.text, s.page.background)).toBeGreaterThanOrEqual(4.5);
  expect(contrast(s.slotLabel.text, s.slotLabel.background)).toBeGreaterThanOrEqual(4.5);
  const events = await eventColors();
  for (const e of Object.values(events)) {
    expect(contrast(e.text, e.background)).toBeGreaterThanOrEqual(4.5);
  }
  // Hosted, invited and draft each have their own fill.
  expect(same(events.hosted.background, events.invited.background)).toBe(false);
  expect(same(events.hosted.background, events.draft.background)).toBe(false);
  expect(same(events.invited.background, events.draft.background)).toBe(false);
  return { surfaces: s, events };
}

describe('the theme', () => {
  it('follows the OS: light, then dark, with readable text and distinct meetings in both', async () => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await schemeOf(page)).toBe('light');
    const light = await expectReadable();
    expect(isDark(light.surfaces.page.background)).toBe(false);
    await app.screenshot('theme-light');

    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => schemeOf(page)).toBe('dark');
    const dark = await expectReadable();
    expect(isDark(dark.surfaces.page.background)).toBe(true);
    expect(isDark(dark.surfaces.page.text)).toBe(false);
    // FullCalendar's own grid went dark with the rest (its --fc-* variables).
    expect(isDark(dark.surfaces.slotLabel.background)).toBe(true);
    expect(same(light.events.hosted.background, dark.events.hosted.background)).toBe(false);
    await app.screenshot('theme-dark');
  });

  it('marks each kind of meeting with its own class', async () => {
    const cls = (name: string) => meetingEvent(app.page, name).getAttribute('class');
    expect(await cls('Hosted')).toMatch(/cv-event--hosted/);
    expect(await cls('Invited')).toMatch(/cv-event--readonly/);
    expect(await cls('Drafted')).toMatch(/cv-event--draft/);
    expect(await cls('Drafted')).not.toMatch(/cv-event--readonly/);
  });

  it('a choice in Settings beats the OS, is kept by the engine, and System hands back', async () => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: 'dark' });
    await chooseTheme('light');
    expect(await schemeOf(page)).toBe('light');
    expect(isDark((await surfaces()).page.background)).toBe(false);
    expect(await app.call('settings:get', {})).toMatchObject({
      ok: true,
      value: { theme: 'light' },
    });
    // Kept across a reload, before the OS gets a say.
    await app.reload();
    await page.getByTestId('calendar').waitFor();
    expect(await schemeOf(page)).toBe('light');

    await page.emulateMedia({ colorScheme: 'light' });
    await chooseTheme('dark');
    expect(await schemeOf(page)).toBe('dark');
    expect(isDark((await surfaces()).page.background)).toBe(true);
    await expectReadable();

    await chooseTheme('system');
    expect(await schemeOf(page)).toBe('light');
    expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
