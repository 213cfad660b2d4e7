#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into node_modules/.convene-electron/better_sqlite3.node,
// which the desktop app loads through better-sqlite3's `nativeBinding` option.
//
// Why a separate build: node_modules/better-sqlite3 stays built for Node, which `npm test` and the
// web and server shells load. Rebuilding it in place for Electron (what @electron/rebuild and
// electron-builder's npmRebuild do) would break every test after the first `npm start`. So this
// copies the package's sources aside, builds the copy, and keeps only the .node file.
//
// Usage: node build/rebuild-sqlite-for-electron.mjs [--force]
// Skips the work when the build on disk matches the installed Electron and better-sqlite3 versions.
// On failure the LAST line on stderr is a one-line summary (the launcher shows just that line).

import { spawnSync } from 'node:child_process';
import console from 'node:console';
import {
  copyFileSync,
  cpSync,
  lstatSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, sep } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const HEADERS_URL = 'https://electronjs.org/headers';
const PREBUILT_TIMEOUT_MS = 60_000;
// Compiling SQLite's amalgamation takes a minute or two on a slow machine.
const COMPILE_TIMEOUT_MS = 15 * 60_000;

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

// The real folder: node_modules may be linked (pnpm, a shared install), and copying a link would
// make the "copy" the original, whose Node build node-gyp's `rebuild` would then wipe.
const sqliteDir = realpathSync(join(root, 'node_modules', 'better-sqlite3'));
const outDir = join(root, 'node_modules', '.convene-electron');
const workDir = join(outDir, 'better-sqlite3');
// Keep in step with sqliteBindingPath() in src-main/electron/paths.ts.
const bindingFile = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'stamp.json');

const electronVersion = readJson(join(root, 'node_modules', 'electron', 'package.json')).version;
const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version;
const stamp = {
  electron: electronVersion,
  betterSqlite3: sqliteVersion,
  platform: process.platform,
  arch: process.arch,
};

function isUpToDate() {
  if (!existsSync(bindingFile) || !existsSync(stampFile)) return false;
  try {
    return JSON.stringify(readJson(stampFile)) === JSON.stringify(stamp);
  } catch {
    return false;
  }
}

/**
 * The child's environment without npm's build settings: under `npm run`, a user's `nodedir`,
 * `target` or `runtime` config arrives as npm_config_* and would silently point node-gyp at Node's
 * headers instead of Electron's.
 */
const NPM_BUILD_CONFIG = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|devdir)$/i;

function buildEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !NPM_BUILD_CONFIG.test(key)),
  );
}

function run(args, timeout) {
  const result = spawnSync(process.execPath, args, {
    cwd: workDir,
    env: buildEnv(),
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const timedOut = result.error?.code === 'ETIMEDOUT';
  return { ok: result.status === 0, output, timedOut };
}

/** npm's own node-gyp when run from an npm script, else the one in node_modules. */
function nodeGypScript() {
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return fromNpm;
  return require.resolve('node-gyp/bin/node-gyp.js');
}

/** A ready-made binary from better-sqlite3's releases: no compiler needed when it exists. */
function tryPrebuilt() {
  let script;
  try {
    script = require.resolve('prebuild-install/bin.js', { paths: [sqliteDir] });
  } catch {
    return false;
  }
  const target = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`];
  return run([script, ...target, `--platform=${process.platform}`], PREBUILT_TIMEOUT_MS).ok;
}

function compile() {
  return run(
    [
      nodeGypScript(),
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      `--dist-url=${HEADERS_URL}`,
      // Electron's headers live apart from Node's, so a version number can never pick the wrong set.
      `--devdir=${join(homedir(), '.electron-gyp')}`,
    ],
    COMPILE_TIMEOUT_MS,
  );
}

const NETWORK_CODE =
  /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\b[^\n]*/;
const NETWORK_HINT = /network connectivity|fetch failed|headers\.tar\.gz|\b40[34]\b/i;

function explain(result) {
  const subject = `Could not build better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}`;
  if (result.timedOut) {
    return `${subject}: node-gyp took longer than ${COMPILE_TIMEOUT_MS / 60_000} minutes.`;
  }
  const code = NETWORK_CODE.exec(result.output);
  if (code || NETWORK_HINT.test(result.output)) {
    return (
      `${subject}: Electron's headers could not be downloaded from ${HEADERS_URL}` +
      `${code ? ` (${code[0].trim()})` : ' (no network?)'}; this needs network access once per ` +
      'Electron version. npm test and the web shell do not use this build.'
    );
  }
  return `${subject}: the compile failed (it needs python3, make and a C++ compiler; output above).`;
}

function main() {
  const force = process.argv.includes('--force');
  if (!force && isUpToDate()) {
    console.log(`better-sqlite3 for Electron ${electronVersion} is up to date.`);
    return 0;
  }
  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}...`);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // The copy leaves out the Node build, so nothing in it can be mistaken for the Electron one.
  const nodeBuild = join(sqliteDir, 'build');
  cpSync(sqliteDir, workDir, {
    recursive: true,
    dereference: true,
    filter: (source) => source !== nodeBuild && !source.startsWith(nodeBuild + sep),
  });
  // Never let node-gyp run in the original package: that would delete the Node build tests load.
  if (lstatSync(workDir).isSymbolicLink() || realpathSync(workDir) === sqliteDir) {
    throw new Error(`${workDir} is not a separate copy of ${sqliteDir}; refusing to build there.`);
  }

  if (!tryPrebuilt()) {
    const result = compile();
    if (!result.ok) {
      process.stderr.write(result.output.split('\n').slice(-25).join('\n'));
      process.stderr.write('\n' + explain(result) + '\n');
      rmSync(workDir, { recursive: true, force: true });
      return 1;
    }
  }
  copyFileSync(join(workDir, 'build', 'Release', 'better_sqlite3.node'), bindingFile);
  writeFileSync(stampFile, JSON.stringify(stamp) + '\n');
  rmSync(workDir, { recursive: true, force: true });
  console.log(`Built ${bindingFile}`);
  return 0;
}

process.exitCode = main();
