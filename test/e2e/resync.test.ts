import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalProfile } from '../../src-main/engine/app/local-profile';
import { createEngine } from '../../src-main/engine/engine';
import { meetingEvent, visibleDates } from './calendar-page';
import { closeBrowser, startApp, type App } from './harness';

// Pushes are lost while the web shell is down; when its event stream comes back the window must
// load what it shows again, so a change made meanwhile (here straight into the database, as another
// process or a later sync would) appears without the user reloading.

let app: App;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

/** Another writer while the shell is down: the engine straight on the same file. */
function createWhileAway(dataPath: string, start: number): Promise<void> {
  const engine = createEngine({ databasePath: dataPath, application: { id: 1 }, role: 'client' });
  try {
    const me = ensureLocalProfile(engine, 'Sam');
    engine.meetings.createLocal(me, {
      name: 'Made while away',
      start_date: start,
      end_date: start + 1800,
      attendees: [],
    });
  } finally {
    void engine.close(); // no sync pass in flight: closes before returning
  }
  return Promise.resolve();
}

describe('after an outage of the shell', () => {
  it('shows meetings changed while it was down, without a reload', async () => {
    const [, monday = ''] = await visibleDates(app.page);
    const start = Date.parse(`${monday}T13:00:00Z`) / 1000;
    await app.page.getByTestId('empty-state').waitFor();
    await app.restartShell(() => createWhileAway(app.dataPath, start));
    await meetingEvent(app.page, 'Made while away').waitFor({ timeout: 20_000 });
    expect(await app.page.getByTestId('empty-state').count()).toBe(0);
  });
});
