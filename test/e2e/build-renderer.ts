// Builds only the renderer (out/renderer), with electron-vite's own resolved config for it: the
// e2e suite needs nothing else, and so a main or preload mid-change cannot hold it up. Run as its
// own process by global-setup.ts (a Vite build inside Vitest would inherit NODE_ENV=test).
import { resolveConfig } from 'electron-vite';
import { build } from 'vite';
import { REPO_ROOT } from '../../src-main/web/renderer-build';

process.env.NODE_ENV_ELECTRON_VITE = 'production';
const { config } = await resolveConfig(
  { root: REPO_ROOT, logLevel: 'warn' },
  'build',
  'production',
);
if (!config?.renderer) throw new Error('electron.vite.config.ts has no renderer build');
await build(config.renderer);
