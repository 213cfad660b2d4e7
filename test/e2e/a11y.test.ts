import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemeOf } from './colors';
import { closeBrowser, startApp, type App } from './harness';
import { SCHEMES, SCREENS } from './screens';
import { seedBusyDay } from './seed-busy';

// axe-core over every main screen, light and dark: nothing serious or critical (contrast
// included), so the app is usable with a screen reader, the keyboard and low vision.

let app: App;
beforeAll(async () => {
  app = await startApp({ viewport: { width: 1440, height: 900 } });
  await seedBusyDay(app, 5, 'Design review');
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

/** What axe found that matters: serious or critical, as rule id and the elements it names. */
async function seriousViolations() {
  const result = await new AxeBuilder({ page: app.page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

describe.each(SCHEMES)('accessibility in %s', (scheme) => {
  it.each(SCREENS.map((s) => [s.name, s] as const))(
    '%s has no serious violations',
    async (_, screen) => {
      await app.page.emulateMedia({ colorScheme: scheme });
      // The page follows the OS a moment later: check the colours in force, not the old ones.
      await expect.poll(() => schemeOf(app.page)).toBe(scheme);
      await screen.open(app.page);
      try {
        expect(await seriousViolations()).toEqual([]);
      } finally {
        await screen.close(app.page);
      }
    },
  );
});
