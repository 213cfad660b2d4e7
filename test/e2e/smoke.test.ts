import { existsSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { installApiProbe } from './api-probe';
import { closeBrowser, startApp, type App } from './harness';

const start = Date.UTC(2027, 2, 26, 9) / 1000;
const draft = { name: 'Smoke', start, end: start + 1800, attendees: [] };

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(() => closeBrowser());

/** The probe as the page sees it; typed loosely on purpose (page.evaluate crosses a boundary). */
const probe = (page: App['page']) => ({
  call: (name: string, arg: unknown) =>
    page.evaluate(([n, a]) => (globalThis as any).__conveneProbe.api[n](a), [name, arg] as const),
  hadConvene: () => page.evaluate(() => (globalThis as any).__conveneProbe.hadConvene as boolean),
  subscribe: () => page.evaluate(() => (globalThis as any).__conveneProbe.subscribe()),
  changes: () => page.evaluate(() => (globalThis as any).__conveneProbe.changes as any[]),
});

describe('the web shell in Chromium', () => {
  it('loads through the tokened URL, drops the token from the address, and runs under its CSP', async () => {
    app = await startApp();
    const { page } = app;
    expect(page.url()).toBe(app.url);
    expect(app.url).not.toContain('token');
    const [cookie] = await app.context.cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', value: app.shell.token });
    // The built renderer's own scripts ran: React rendered into #root.
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('#root')?.childElementCount > 0,
    );
    const path = await app.screenshot('smoke-loaded');
    expect(existsSync(path)).toBe(true);
    expect(app.errors).toEqual([]);
  });

  it('has no window.convene, and the renderer’s api answers profile:get over the web transport', async () => {
    app = await startApp({ displayName: 'Robin' });
    expect(await app.page.evaluate(() => 'convene' in globalThis)).toBe(false);
    await installApiProbe(app.page);
    const p = probe(app.page);
    expect(await p.hadConvene()).toBe(false);
    expect(await p.call('profile:get', {})).toMatchObject({
      ok: true,
      value: { displayName: 'Robin', userId: expect.any(Number) },
    });
    // Refusals come back as values too.
    expect(await p.call('meetings:get', { id: -1 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(app.errors).toEqual([]);
  });

  it('delivers another client’s change to the page, and reconnects after the shell restarts', async () => {
    app = await startApp();
    const { page } = app;
    await installApiProbe(page);
    const p = probe(page);
    await p.subscribe();

    // The stream is open once a change made elsewhere shows up.
    await expect
      .poll(async () => {
        const made = await app!.call('meetings:create', { draft });
        expect(made.ok).toBe(true);
        return (await p.changes()).length;
      })
      .toBeGreaterThan(0);
    expect((await p.changes())[0]).toMatchObject({ kind: 'created', meeting: { name: 'Smoke' } });

    await app.restartShell(async () => {
      // With the shell gone, a call is an `unavailable` value, not a thrown error.
      expect(await p.call('profile:get', {})).toMatchObject({
        ok: false,
        error: { code: 'unavailable' },
      });
    });

    // Same data file: what was made before the restart is still there.
    const week = await p.call('meetings:list', { from: start, to: start + 7 * 86400 });
    expect(week.ok).toBe(true);
    expect(week.value.length).toBeGreaterThan(0);

    const before = (await p.changes()).length;
    await expect
      .poll(
        async () => {
          await app!.call('meetings:create', { draft: { ...draft, name: 'After restart' } });
          return (await p.changes()).slice(before).map((c) => c.meeting?.name);
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain('After restart');
  });
});
