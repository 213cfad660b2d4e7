/**
 * `npm run bench`: seeds 100,000 meetings through the engine into a real SQLite file, then
 * measures create and the calendar's week-window list in the engine and over HTTP, sync passes
 * (nothing new, the first pull of 10,000 meetings, pushes of 1,000 edits) against the real server,
 * and the window painting a 2,000-meeting week in Chromium, each beside a baseline measured in the
 * same run (raw better-sqlite3; a bare node:http handler; bare fetch round trips; FullCalendar alone
 * on static data), and recording files moved through the server (a 200 MB ingest beside a file
 * copy, its download beside a bare node:http file server). Prints a markdown table with the
 * machine. Figures are reported, never asserted: the exit code only says whether the benchmark ran.
 */
import { cpus } from 'node:os';
import { makeTempDir } from '../helpers/temp-dir';
import { MEETINGS, USERS, WEEKS } from './dataset';
import { runCalendarPaintBench } from './calendar-paint';
import { benchHttp } from './http-bench';
import { benchList } from './list-bench';
import { openRawReader } from './raw-queries';
import { machineLines, markdownTable, type Row } from './report';
import { seed } from './seed';
import { fmtMs, fmtRate, fmtRatio, msSince } from './stats';
import { benchRecordings } from './recordings-bench';
import { benchReminders } from './reminders-bench';
import { benchSync } from './sync-bench';

const log = (line: string) => {
  process.stderr.write(line + '\n');
};

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const machine = machineLines();
  const temp = makeTempDir('convene-bench-');
  try {
    log(`seeding ${String(MEETINGS)} meetings over ${String(USERS)} users in ${temp.dir}`);
    const seeded = await seed(temp.dir, log);
    const { engine, users } = seeded;
    const engineRate = (MEETINGS / seeded.engineCreateMs) * 1000;
    const rawRate = (MEETINGS / seeded.rawCreateMs) * 1000;

    log('list: engine call vs raw better-sqlite3...');
    const raw = openRawReader(engine.db.path);
    const list = benchList(engine, users, raw);
    raw.close();

    log('HTTP: Convene server vs minimal node:http handler...');
    const http = await benchHttp(engine, users, temp.dir, log);

    const listP50Ratio = list.engine.p50 / list.raw.p50;
    const listP99Ratio = list.engine.p99 / list.raw.p99;
    const httpShare = http.list.convene.rps / http.list.minimal.rps;
    const c = http.list.convene;
    const m = http.list.minimal;
    const cc = http.create.convene;
    const cm = http.create.minimal;
    const rows: Row[] = [
      {
        measurement: `seed/create through the engine, ${String(MEETINGS / 1000)}k meetings in 1,000-meeting transactions (meetings/s)`,
        convene: fmtRate(engineRate),
        baseline: `${fmtRate(rawRate)} (raw INSERTs)`,
        ratio: `${fmtRatio(engineRate / rawRate)} of baseline`,
        aim: '—',
        met: null,
      },
      {
        measurement: `create over HTTP, ${String(http.createCount)} POSTs, ${String(http.concurrency)} connections (req/s; p50 / p99 ms)`,
        convene: `${fmtRate(cc.rps)}; ${fmtMs(cc.latency.p50)} / ${fmtMs(cc.latency.p99)}`,
        baseline: `${fmtRate(cm.rps)}; ${fmtMs(cm.latency.p50)} / ${fmtMs(cm.latency.p99)}`,
        ratio: `${fmtRatio(cc.rps / cm.rps)} of baseline req/s`,
        aim: '—',
        met: null,
      },
      {
        measurement: `list one user's week, engine call, ${String(list.iterations)} random user/weeks, ${list.meanRows.toFixed(1)} meetings each (p50 / p99 ms)`,
        convene: `${fmtMs(list.engine.p50)} / ${fmtMs(list.engine.p99)}`,
        baseline: `${fmtMs(list.raw.p50)} / ${fmtMs(list.raw.p99)} (raw, same SQL)`,
        ratio: `${fmtRatio(listP50Ratio)} / ${fmtRatio(listP99Ratio)}`,
        aim: '≤ 2× raw, p99 < 5 ms',
        met: listP50Ratio <= 2 && listP99Ratio <= 2 && list.engine.p99 < 5,
      },
      {
        measurement: `list one user's week over HTTP, ${String(http.concurrency)} connections, ${String(http.listSeconds)} s each (req/s)`,
        convene: fmtRate(c.rps),
        baseline: `${fmtRate(m.rps)} (node:http)`,
        ratio: `${(httpShare * 100).toFixed(0)}% of baseline`,
        aim: '≥ 50% of baseline',
        met: httpShare >= 0.5,
      },
      {
        measurement: "list one user's week over HTTP, latency (p50 / p99 ms)",
        convene: `${fmtMs(c.latency.p50)} / ${fmtMs(c.latency.p99)}`,
        baseline: `${fmtMs(m.latency.p50)} / ${fmtMs(m.latency.p99)}`,
        ratio: `${fmtRatio(c.latency.p50 / m.latency.p50)} / ${fmtRatio(c.latency.p99 / m.latency.p99)}`,
        aim: '—',
        met: null,
      },
    ];
    const errors = c.errors + m.errors + cc.errors + cm.errors;

    log('sync: the worker against the real server vs bare fetch...');
    const sync = await benchSync(temp.dir, log);
    rows.push(...sync.rows);

    log('reminders: 100,000 meetings armed, one edit re-armed, vs raw SQLite...');
    rows.push(...(await benchReminders(temp.dir, log)).rows);

    log('recordings: 200 MB ingest vs a file copy, download vs bare node:http...');
    rows.push(...(await benchRecordings(temp.dir, log)).rows);

    log('calendar paint: Convene in Chromium vs FullCalendar alone...');
    for (const paint of await runCalendarPaintBench()) {
      const ratio = Number.parseFloat(paint.ratio);
      rows.push({
        measurement: paint.name,
        convene: paint.engine,
        baseline: paint.baseline,
        ratio: paint.ratio,
        aim: paint.aim,
        met: paint.aim === '—' || Number.isNaN(ratio) ? null : ratio <= 2,
      });
    }

    const out = [
      '',
      '## Convene benchmark',
      '',
      ...machine,
      `- Data: ${String(MEETINGS)} meetings over ${String(USERS)} users and ${String(WEEKS)} weeks, real SQLite file (WAL, synchronous=NORMAL); ${String(USERS)} sign-ups took ${(seeded.signUpMs / 1000).toFixed(1)} s (scrypt)`,
      `- HTTP: loopback; the load generator is a separate Node process with keep-alive connections. With ${String(cpus().length)} cores, client and server share the CPU, so req/s is a lower bound for either server alone.`,
      '- Baselines: raw better-sqlite3 with statements prepared once (same SQL as the engine, same JSON, checked equal);',
      '  the HTTP baseline is a bare node:http handler that only resolves the CB-Token and runs that query.',
      ...sync.notes,
      '',
      markdownTable(rows),
      '',
      `HTTP errors: ${String(errors)}. Total bench time ${(msSince(started) / 1000).toFixed(0)} s.`,
      '',
    ];
    process.stdout.write(out.join('\n'));
    void engine.close(); // no sync pass in flight: closes before returning
  } finally {
    temp.cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
