import { join } from 'node:path';

/**
 * Where the desktop shell finds its parts, as pure functions of the directories Electron reports, so
 * the dev layout and the packaged layout are both visible (and testable) in one place.
 */

/** The SQLite file: one per OS user, in Electron's `userData` (e.g. `~/.config/Convene`). */
export function databasePath(userDataDir: string): string {
  return join(userDataDir, 'convene.db');
}

/** `mainDir` is the directory of the built main bundle, `out/main`. */
export function preloadPath(mainDir: string): string {
  return join(mainDir, '..', 'preload', 'index.cjs');
}

export function rendererDir(mainDir: string): string {
  return join(mainDir, '..', 'renderer');
}

/**
 * better-sqlite3 built for Electron's ABI. node_modules keeps the Node build (tests, web and server
 * shells), so this one lives apart: in dev where `build/rebuild-sqlite-for-electron.mjs` writes it,
 * packaged as an extra resource outside the asar (a native addon must be a real file to be loaded).
 * Keep in step with that script and `electron-builder.yml`.
 */
export function sqliteBindingPath(options: {
  isPackaged: boolean;
  appPath: string;
  resourcesPath: string;
}): string {
  return options.isPackaged
    ? join(options.resourcesPath, 'native', 'better_sqlite3.node')
    : join(options.appPath, 'node_modules', '.convene-electron', 'better_sqlite3.node');
}
