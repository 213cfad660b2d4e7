import { readFileSync, statSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { schemeOf } from './colors';
import { closeBrowser, startApp, type App } from './harness';
import { SCHEMES, SCREENS } from './screens';
import { seedBusyDay } from './seed-busy';

// Every main screen, light and dark, at a large and a small laptop size: PNGs under
// test-results/screenshots/ for a person to look over (CI keeps them as artifacts).

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(() => closeBrowser());

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each([
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
])('screenshots at $width×$height', (viewport) => {
  it('of every main screen, light and dark', { timeout: 120_000 }, async () => {
    const startedAt = Date.now();
    app = await startApp({ viewport });
    const { page } = app;
    await seedBusyDay(app, 5, 'Design review');
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect.poll(() => schemeOf(page)).toBe(scheme);
      for (const screen of SCREENS) {
        await screen.open(page);
        const path = await app.screenshot(
          `screen-${screen.name}-${scheme}-${viewport.width}x${viewport.height}`,
        );
        // Written by this run, not left over from an earlier one.
        expect(statSync(path).mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000);
        const png = readFileSync(path);
        expect(png.length).toBeGreaterThan(1000);
        expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
        await screen.close(page);
      }
    }
    expect(app.errors).toEqual([]);
  });
});
