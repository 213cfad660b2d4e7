import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright';
import type {
  HandlerArgs,
  HandlerName,
  HandlerResults,
  Result,
} from '../../src-main/shared/contract';
import { REPO_ROOT } from '../../src-main/web/renderer-build';
import { startWebShell, type WebShell, type WebShellOptions } from '../../src-main/web/web-shell';
import { makeTempDir } from '../helpers/temp-dir';
import { launchChromium } from './chromium';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

export type StartAppOptions = {
  /** An existing database to open; by default a fresh file in a temp dir, removed on close(). */
  dataPath?: string;
  /** Local profile name for a new database (default 'Sam'). */
  displayName?: string;
  viewport?: { width: number; height: number };
  /** IANA zone the browser runs in (default UTC), so calendar tests see the same days anywhere. */
  timezoneId?: string;
  locale?: string;
  /** The sync worker's pace (debounce, interval, per-request timeout), for tests with an account. */
  sync?: WebShellOptions['sync'];
};

export type App = {
  /** The page's address after the token was traded for the cookie: `http://127.0.0.1:PORT/`. */
  readonly url: string;
  readonly page: Page;
  readonly context: BrowserContext;
  readonly dataPath: string;
  /** The running shell (a new object after restartShell(); same port and token). */
  readonly shell: WebShell;
  /** Uncaught page errors and console errors (CSP violations show up here), in order. */
  readonly errors: string[];
  /** A second client of the same shell over HTTP: to seed data, or to change it behind the page. */
  call<K extends HandlerName>(name: K, arg: HandlerArgs[K]): Promise<Result<HandlerResults[K]>>;
  /**
   * Stops the shell and starts it again on the same data file, port and token, with the page left
   * open; `whileDown` runs in between (e.g. to see what the page does when the shell is gone).
   */
  restartShell(whileDown?: () => Promise<void>): Promise<void>;
  /** Reloads the page and waits for its load event. */
  reload(): Promise<void>;
  /** Full-page PNG in test-results/screenshots/<name>.png; returns the path. */
  screenshot(name: string): Promise<string>;
  /** Closes the page's context and the shell, and removes the temp data file if it made one. */
  close(): Promise<void>;
};

// One browser per test file (worker process), a fresh context per app: contexts share nothing
// (cookies, storage), and launching Chromium per test would cost more than the tests themselves.
let browser: Promise<Browser> | undefined;

function sharedBrowser(): Promise<Browser> {
  browser ??= launchChromium();
  return browser;
}

/** Closes the shared browser; call from afterAll. (Playwright also kills it if the worker exits.) */
export async function closeBrowser(): Promise<void> {
  const current = browser;
  browser = undefined;
  if (current) await (await current).close();
}

/**
 * The app as a user meets it in the web shell: the real engine on a SQLite file, the built renderer
 * in Debian's Chromium, opened through the tokened URL the CLI would print.
 */
export async function startApp(options: StartAppOptions = {}): Promise<App> {
  const temp = options.dataPath === undefined ? makeTempDir('convene-e2e-') : undefined;
  const dataPath = options.dataPath ?? join(temp!.dir, 'convene.db');
  const shellOptions: WebShellOptions = {
    dataPath,
    displayName: options.displayName ?? 'Sam',
    ...(options.sync ? { sync: options.sync } : {}),
  };
  let shell = await startWebShell(shellOptions);

  const context = await (
    await sharedBrowser()
  ).newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    timezoneId: options.timezoneId ?? 'UTC',
    // US English on a 24-hour clock (a common OS setting): the tests read times as `14:30`. The
    // locale test runs plain en-US (12-hour) and en-GB (weeks from Monday) as well.
    locale: options.locale ?? 'en-US-u-hc-h23',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    errors.push(`console: ${message.text()}${url ? ` (${url})` : ''}`);
  });
  try {
    await page.goto(shell.url, { waitUntil: 'load' });
  } catch (error) {
    await context.close();
    await shell.close();
    temp?.cleanup();
    throw error;
  }

  const app: App = {
    url: `${shell.origin}/`,
    page,
    context,
    dataPath,
    get shell() {
      return shell;
    },
    errors,
    async call(name, arg) {
      const response = await fetch(`${shell.origin}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-convene-token': shell.token },
        body: JSON.stringify(arg),
      });
      return (await response.json()) as Result<HandlerResults[typeof name]>;
    },
    async restartShell(whileDown) {
      const { port, token } = shell;
      await shell.close();
      await whileDown?.();
      shell = await startWebShell({ ...shellOptions, port, token });
    },
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      await shell.close();
      temp?.cleanup();
    },
  };
  return app;
}
