import { join } from 'node:path';
import type { Page } from 'playwright';
import { build, type Rolldown } from 'vite';
import { REPO_ROOT } from '../../src-main/web/renderer-build';

const ENTRY = join(REPO_ROOT, 'test', 'e2e', 'api-probe.browser.ts');

let script: Promise<string> | undefined;

/** api-probe.browser.ts bundled into one classic script (once per worker, in memory). */
function probeScript(): Promise<string> {
  script ??= build({
    configFile: false,
    root: REPO_ROOT,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      minify: false,
      lib: { entry: ENTRY, formats: ['iife'], name: 'conveneApiProbe' },
    },
  }).then((result) => {
    // write: false without watch always answers with the output(s), never a watcher.
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
    if (!chunk) throw new Error('the probe bundle has no script');
    return chunk.code;
  });
  return script;
}

/**
 * Loads the renderer's `api` module into the page as `window.__conveneProbe`. Evaluated through
 * the DevTools protocol, which the page's CSP (no inline scripts) does not govern; a reload drops it.
 */
export async function installApiProbe(page: Page): Promise<void> {
  await page.evaluate(await probeScript());
}
