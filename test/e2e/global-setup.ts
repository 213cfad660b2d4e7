import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { REPO_ROOT, rendererState } from '../../src-main/web/renderer-build';
import { CHROMIUM_PATH } from './chromium';

/**
 * Runs once before the e2e project (vitest.config.ts): the page under test is the built renderer,
 * so build it when it is missing or older than its sources. A no-op when fresh, about two seconds
 * when not.
 */
export function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `e2e tests drive Debian's Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (never \`npx playwright install\`)`,
    );
  }
  if (rendererState() === 'fresh') return;
  const env = { ...process.env };
  delete env.NODE_ENV; // Vitest's NODE_ENV=test would give a development React build
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'test/e2e/build-renderer.ts'], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    throw new Error(`building the renderer for e2e tests failed:\n${build.stdout}${build.stderr}`);
  }
}
