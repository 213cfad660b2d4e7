#!/usr/bin/env node
// `npm start`: builds the app, then opens the desktop window. Where Electron cannot run (its binary
// cannot be downloaded, no display, SQLite cannot be built for it), it says why in one line and
// starts the web shell on the same database instead, so the README's run command always runs the app.
//
// Flags: --web (skip the desktop app), --data FILE (the web shell's database; default below).

import { spawn } from 'node:child_process';
import console from 'node:console';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { constants, homedir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';

// Bounds on every step, so `npm start` never hangs. An unreachable host fails in well under a
// second; the bound matters only for a slow download of the ~100 MB binary.
const DOWNLOAD_TIMEOUT_MS = 180_000;
const SQLITE_BUILD_TIMEOUT_MS = 16 * 60_000;

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');
const args = process.argv.slice(2);

/**
 * Electron's `userData` folder for an app named "Convene" (package.json productName), so the
 * desktop app and the web shell fallback open the same database.
 */
function defaultDataPath() {
  const home = homedir();
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : process.env.XDG_CONFIG_HOME || join(home, '.config');
  return join(base, 'Convene', 'convene.db');
}

function flagValue(name) {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

// On POSIX an interactive child gets its own process group: npm's `sh -c` does not pass signals
// on, so signalling only `npm run web` would orphan the web shell. We signal the whole group.
const ownGroup = process.platform !== 'win32';

/**
 * Runs a command; resolves with its exit code and (when captured) its output. Never rejects. An
 * interactive (not captured) child receives our SIGINT, SIGTERM and SIGHUP, and we wait for it.
 */
function run(command, commandArgs, { capture = false, timeoutMs, env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd: root,
      env,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      detached: !capture && ownGroup,
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, timeoutMs);
    const relay = (signal) => {
      try {
        if (ownGroup && child.pid !== undefined) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
    };
    const signals = capture ? [] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, relay);
    const done = (result) => {
      clearTimeout(timer);
      for (const signal of signals) process.off(signal, relay);
      resolve(result);
    };
    child.on('error', (error) => done({ code: 1, output: String(error), timedOut }));
    // A child ended by a signal exits like a shell reports it: 128 + the signal's number.
    const exitCode = (code, signal) => code ?? 128 + (constants.signals[signal] ?? 0);
    child.on('close', (code, signal) => done({ code: exitCode(code, signal), output, timedOut }));
  });
}

/** `npm` itself, the one running this script when there is one (works on Windows too). */
function npm(npmArgs, options) {
  const cli = process.env.npm_execpath;
  return cli && /\.c?js$/.test(cli)
    ? run(process.execPath, [cli, ...npmArgs], options)
    : run(process.platform === 'win32' ? 'npm.cmd' : 'npm', npmArgs, options);
}

const lastLine = (text) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1) ?? 'no output';

/** The installed Electron executable, found the way electron's own index.js does, or null. */
function electronBinary() {
  try {
    const relative = readFileSync(join(electronDir, 'path.txt'), 'utf8');
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist');
    const binary = join(dist, relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const hasDisplay = () =>
  process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

/** `{binary}` when the desktop app can open here, else `{reason}` (one clause, for one line). */
async function probeElectron() {
  if (!existsSync(join(electronDir, 'install.js'))) {
    return { reason: 'the electron package is missing' };
  }
  let binary = electronBinary();
  // Without a display the window could not open anyway: no point downloading ~100 MB first.
  if (!binary && !hasDisplay()) {
    return { reason: 'its binary is not installed and there is no display to open a window on' };
  }
  if (!binary) {
    console.log('Downloading Electron (first start only)...');
    const install = await run(process.execPath, [join(electronDir, 'install.js')], {
      capture: true,
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
    });
    binary = electronBinary();
    if (!binary) {
      return {
        reason: install.timedOut
          ? `downloading its binary took longer than ${DOWNLOAD_TIMEOUT_MS / 1000} s`
          : `its binary could not be downloaded (${install.output.split('\n')[0]?.trim() || 'no output'})`,
      };
    }
  }
  if (!hasDisplay()) {
    return { reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }

  const sqlite = await run(
    process.execPath,
    [join(root, 'build', 'rebuild-sqlite-for-electron.mjs')],
    {
      capture: true,
      timeoutMs: SQLITE_BUILD_TIMEOUT_MS,
    },
  );
  if (sqlite.code !== 0) {
    return { reason: `${lastLine(sqlite.output)} (details: npm run rebuild:electron)` };
  }
  return { binary };
}

async function startWebShell() {
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
  if (!scripts.web) {
    console.error('The web shell is not in this checkout (package.json has no "web" script).');
    return 1;
  }
  const data = flagValue('--data') ?? defaultDataPath();
  mkdirSync(dirname(data), { recursive: true });
  // The web shell prints its URL (with the per-launch token) once it listens.
  return (await npm(['run', 'web', '--', '--port', '0', '--data', data])).code;
}

async function main() {
  console.log('Building Convene...');
  const build = await npm(['run', 'build'], { capture: true });
  if (build.code !== 0) {
    process.stderr.write(build.output);
    console.error('The build failed (output above).');
    return build.code;
  }

  if (args.includes('--web')) {
    console.log('Starting the web shell (--web).');
    return startWebShell();
  }
  const probe = await probeElectron();
  if (probe.binary === undefined) {
    console.log(
      `The desktop app cannot run here: ${probe.reason}. Starting the web shell instead.`,
    );
    return startWebShell();
  }
  // ELECTRON_RUN_AS_NODE (set by some editors' terminals) would start a bare Node instead of the app.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return (await run(probe.binary, ['.'], { env })).code;
}

process.exitCode = await main();
