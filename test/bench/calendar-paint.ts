/**
 * Calendar paint: how long from navigation until the week view shows 2,000 meetings, for Convene
 * (real web shell, engine on a SQLite file, built renderer, Debian's Chromium) beside FullCalendar
 * alone rendering the same 2,000 events from static data with the same options and theme (a page
 * built with Vite in the same run, served by a bare node:http server). Several runs each,
 * interleaved, median reported. Exported for `npm run bench` to print with its other rows.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { extname, join, relative } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Page } from 'playwright';
import { build } from 'vite';
import { ensureLocalProfile } from '../../src-main/engine/app/local-profile';
import { createEngine } from '../../src-main/engine/engine';
import { REPO_ROOT } from '../../src-main/web/renderer-build';
import { setup as buildRendererIfStale } from '../e2e/global-setup';
import { closeBrowser, startApp } from '../e2e/harness';
import { makeTempDir } from '../helpers/temp-dir';
import { baselineEntrySource, BASELINE_HTML } from './calendar-paint-page';
import { fmtMs, fmtRatio, percentile } from './stats';

export type CalendarPaintRow = {
  name: string;
  engine: string;
  baseline: string;
  ratio: string;
  aim: string;
};

const MEETINGS = 2_000;
const RUNS = 7;
const WARMUPS = 2;
const DAY = 86_400;

type Sample = { first: number; last: number; count: number };

/** Sunday 00:00 UTC of this week: the week the calendar opens on (en-US weeks, browser in UTC). */
function thisWeekStart(nowMs: number): number {
  const now = new Date(nowMs);
  return (
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - now.getUTCDay()) / 1000
  );
}

/** 2,000 meetings over the week's working hours, 30 to 90 minutes long, in quarter-hour steps. */
function weekOfMeetings(weekStart: number): { name: string; start: number; end: number }[] {
  return Array.from({ length: MEETINGS }, (_, i) => {
    const day = i % 7;
    const slot = Math.floor(i / 7) % 40; // 08:00 .. 17:45
    const start = weekStart + day * DAY + 8 * 3600 + slot * 900;
    return { name: `Meeting ${String(i + 1)}`, start, end: start + (30 + (i % 3) * 30) * 60 };
  });
}

function seed(dataPath: string, meetings: ReturnType<typeof weekOfMeetings>): void {
  const engine = createEngine({ databasePath: dataPath, application: { id: 1 }, role: 'client' });
  try {
    const me = ensureLocalProfile(engine, 'Bench');
    engine.db.transaction(() => {
      for (const m of meetings) {
        engine.meetings.createLocal(me, {
          name: m.name,
          start_date: m.start,
          end_date: m.end,
          attendees: [],
        });
      }
    });
  } finally {
    void engine.close(); // no sync pass in flight: closes before returning
  }
}

/** Builds the baseline page: FullCalendar, its theme, and the events inlined as static data. */
async function buildBaseline(meetings: ReturnType<typeof weekOfMeetings>, outDir: string) {
  // Inside the repository so that the entry resolves @fullcalendar/react from node_modules.
  const root = join(REPO_ROOT, 'node_modules', '.cache', 'convene-calendar-paint');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), BASELINE_HTML);
  const options = join(REPO_ROOT, 'src-renderer', 'components', 'calendar-options.ts');
  writeFileSync(join(root, 'main.js'), baselineEntrySource(`./${relative(root, options)}`));
  const events = meetings.map((m, i) => ({
    id: String(i + 1),
    title: m.name,
    start: m.start * 1000,
    end: m.end * 1000,
  }));
  writeFileSync(join(root, 'events.json'), JSON.stringify(events));
  await build({
    root,
    mode: 'production',
    logLevel: 'warn',
    configFile: false,
    plugins: [react()],
    define: { 'process.env.NODE_ENV': '"production"' },
    // One bundle on purpose (like the app's): no warning about its size.
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 10_000 },
  });
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/** Serves the baseline like the web shell serves the app: over HTTP, nothing cached. */
function serveStatic(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const file = join(dir, path === '/' ? 'index.html' : path.replace(/^\/+/, ''));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${String(port)}/` });
    });
  });
}

/**
 * Records, in the page, when the first and the `expected`-th event element exist and a frame has
 * been produced after it; `performance.now()` counts from the navigation's start.
 */
function paintProbe(selector: string, expected: number): string {
  return `(() => {
    const out = (window.__paint = { first: -1, last: -1, count: 0 });
    const check = () => {
      const count = document.querySelectorAll(${JSON.stringify(selector)}).length;
      if (count > 0 && out.first < 0) requestAnimationFrame(() => (out.first = performance.now()));
      if (count >= ${String(expected)} && out.last < 0) {
        out.count = count;
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => (out.last = performance.now())));
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
  })();`;
}

async function measure(page: Page, url: string, selector: string, expected: number) {
  await page.addInitScript({ content: paintProbe(selector, expected) });
  await page.goto(url, { waitUntil: 'commit' });
  // Functions, not strings: the app's CSP forbids eval, which string predicates would need.
  // (Each callback is serialised into the page on its own: no shared helpers.)
  await page.waitForFunction(
    () => ((globalThis as { __paint?: Sample }).__paint?.last ?? -1) >= 0,
    undefined,
    { timeout: 60_000 },
  );
  const sample = await page.evaluate(() => (globalThis as { __paint?: Sample }).__paint);
  if (!sample) throw new Error(`no paint recorded at ${url}`);
  return sample;
}

/** How many event elements FullCalendar draws for the data (stacks may fold some into "+N"). */
async function settledCount(page: Page, url: string, selector: string): Promise<number> {
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(1000);
  return page.locator(selector).count();
}

export async function runCalendarPaintBench(): Promise<CalendarPaintRow[]> {
  buildRendererIfStale();
  const temp = makeTempDir('convene-paint-');
  const dataPath = join(temp.dir, 'convene.db');
  const meetings = weekOfMeetings(thisWeekStart(Date.now()));
  seed(dataPath, meetings);
  const baselineDir = join(temp.dir, 'baseline');
  await buildBaseline(meetings, baselineDir);
  const baseline = await serveStatic(baselineDir);
  const app = await startApp({ dataPath });
  try {
    const sides = [
      { name: 'app', url: app.url, selector: '.cv-event', samples: [] as Sample[] },
      { name: 'baseline', url: baseline.url, selector: '.bench-event', samples: [] as Sample[] },
    ];
    const expected = new Map<string, number>();
    for (const side of sides) {
      expected.set(side.name, await settledCount(app.page, side.url, side.selector));
    }
    for (let run = 0; run < WARMUPS + RUNS; run++) {
      // Interleaved, a fresh page each time, so drift on the machine hits both sides alike.
      for (const side of sides) {
        const page = await app.context.newPage();
        try {
          const sample = await measure(page, side.url, side.selector, expected.get(side.name) ?? 1);
          if (run >= WARMUPS) side.samples.push(sample);
        } finally {
          await page.close();
        }
      }
    }
    const medians = sides.map((s) => ({
      first: percentile(
        s.samples.map((x) => x.first).sort((a, b) => a - b),
        50,
      ),
      last: percentile(
        s.samples.map((x) => x.last).sort((a, b) => a - b),
        50,
      ),
      count: s.samples[0]?.count ?? 0,
    }));
    const [ours, theirs] = medians;
    if (!ours || !theirs) throw new Error('no samples');
    const drawn = `${String(ours.count)} / ${String(theirs.count)} event elements drawn`;
    return [
      {
        name: `week view, ${MEETINGS.toLocaleString('en-US')} meetings: navigation → every meeting painted (median of ${String(RUNS)}, ms; ${drawn})`,
        engine: fmtMs(ours.last),
        baseline: `${fmtMs(theirs.last)} (FullCalendar alone, static data)`,
        ratio: fmtRatio(ours.last / theirs.last),
        aim: '≤ 2× FullCalendar alone',
      },
      {
        name: `week view, ${MEETINGS.toLocaleString('en-US')} meetings: navigation → first meeting painted (median, ms)`,
        engine: fmtMs(ours.first),
        baseline: fmtMs(theirs.first),
        ratio: fmtRatio(ours.first / theirs.first),
        aim: '—',
      },
    ];
  } finally {
    await app.close();
    await closeBrowser();
    await new Promise((resolve) => baseline.server.close(resolve));
    temp.cleanup();
  }
}
