import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file (src-main/web/), not from the working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where `npm run build` (electron-vite) writes the renderer; the web shell serves it from here. */
export const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');

/** What the renderer bundle is made from: any of these newer than the bundle makes it stale. */
const RENDERER_SOURCES = ['src-renderer', 'src-main/shared', 'electron.vite.config.ts'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs; // a deleted file only shows up as its directory's mtime
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export type RendererState = 'missing' | 'stale' | 'fresh';

/** Whether out/renderer exists and is at least as new as every source it is built from. */
export function rendererState(root = REPO_ROOT): RendererState {
  const index = join(root, 'out', 'renderer', 'index.html');
  if (!existsSync(index)) return 'missing';
  const built = statSync(index).mtimeMs;
  const sources = Math.max(...RENDERER_SOURCES.map((p) => newestMtime(join(root, p))));
  return sources > built ? 'stale' : 'fresh';
}
