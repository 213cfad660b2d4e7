import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { createAppHandlers } from '../../src-main/engine/app/app-handlers';
import { ensureLocalProfile } from '../../src-main/engine/app/local-profile';
import { sql } from '../../src-main/engine/db/sql';
import { createEngine } from '../../src-main/engine/engine';
import type { MeetingId } from '../../src-main/shared/contract';
import { FakeClock } from '../helpers/fake-clock';
import type { Row } from './report';
import { fmtMs, fmtRatio } from './stats';

const MEETINGS = 100_000;
const EDITS = 200;

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function timed<T>(fn: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = fn();
  return { ms: performance.now() - started, value };
}

/**
 * Reminders for 100,000 meetings (issue 7): deriving and arming them in one transaction, and
 * re-arming after one edit, beside raw SQLite answering the timer's own question (the next due
 * time) on the same file. Timers are counted on a fake clock: the answer should be one.
 */
export async function benchReminders(dir: string, log: (line: string) => void) {
  const clock = new FakeClock(Date.now());
  const path = join(dir, 'reminders.db');
  const engine = createEngine({
    databasePath: path,
    application: { id: 1 },
    clock,
    role: 'client',
    client: { timers: clock },
  });
  try {
    const app = createAppHandlers(engine, ensureLocalProfile(engine, 'Bench'));
    await Promise.resolve(); // the reminders start once the handlers' caller listens
    const me = engine.sync?.profileId() ?? 0;
    const timersBefore = clock.pendingTimers();
    const base = Math.floor(clock.now() / 1000) + 3600;
    const arm = timed(() =>
      engine.db.transaction(() => {
        for (let i = 0; i < MEETINGS; i++) {
          const start = base + i * 300;
          engine.db.run(sql`INSERT INTO meetings (name, start_date, end_date, host_id,
            notify_before_metric, notify_before_value, created_at, updated_at)
            VALUES (${`Meeting ${String(i)}`}, ${start}, ${start + 1800}, ${me}, 'minutes', 10, '', '')`);
        }
      }),
    );
    await Promise.resolve();
    const timers = clock.pendingTimers() - timersBefore;
    const count = engine.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM reminders`)?.n ?? 0;
    log(
      `  ${String(count)} reminders derived and armed in ${fmtMs(arm.ms)} ms; ${String(timers)} timer`,
    );

    // Deriving alone: every meeting marked again (as a change of the default reminder does).
    const rederive = timed(() =>
      engine.db.transaction(() => {
        engine.db.run(sql`UPDATE reminders SET lead = 'stale'`);
        engine.db.run(sql`INSERT OR IGNORE INTO reminder_dirty SELECT id FROM meetings`);
      }),
    );
    log(`  re-deriving all ${String(count)}: ${fmtMs(rederive.ms)} ms`);

    // The same rows written by raw SQLite into a table with the same columns, no triggers.
    const bare = new BetterSqlite3(join(dir, 'reminders-raw.db'));
    bare.pragma('journal_mode = WAL');
    bare.exec(`CREATE TABLE meetings (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, start_date INTEGER,
      end_date INTEGER, host_id INTEGER, notify_before_metric TEXT, notify_before_value INTEGER,
      created_at TEXT, updated_at TEXT)`);
    const insert = bare.prepare(`INSERT INTO meetings (name, start_date, end_date, host_id,
      notify_before_metric, notify_before_value, created_at, updated_at) VALUES (?, ?, ?, ?, 'minutes', 10, '', '')`);
    const bareInsert = timed(() =>
      bare.transaction(() => {
        for (let i = 0; i < MEETINGS; i++) {
          const start = base + i * 300;
          insert.run(`Meeting ${String(i)}`, start, start + 1800, me);
        }
      })(),
    );
    bare.close();

    // One edit moves the first meeting: its reminder is re-derived and the one timer re-aimed.
    const first = engine.db.get<{ id: MeetingId }>(sql`SELECT min(id) AS id FROM meetings`)?.id;
    if (first === undefined) throw new Error('no meetings');
    const edits: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const start = base + 60 + (i % 2) * 60;
      const t = performance.now();
      const r = await app.handlers['meetings:update']({
        id: first,
        changes: { start, end: start + 1800 },
      });
      await Promise.resolve();
      edits.push(performance.now() - t);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    }
    const editMs = median(edits);

    const raw = new BetterSqlite3(path, { readonly: true });
    const next = raw.prepare(
      `SELECT min(due_at_ms) AS at FROM reminders WHERE state IN ('pending', 'snoozed')`,
    );
    const rawMs: number[] = [];
    for (let i = 0; i < EDITS; i++) rawMs.push(timed(() => next.get()).ms);
    const plainMs: number[] = [];
    const plain = raw.prepare(`SELECT min(start_date) AS at FROM meetings WHERE start_date > ?`);
    for (let i = 0; i < EDITS; i++) plainMs.push(timed(() => plain.get(base)).ms);
    raw.close();

    const rows: Row[] = [
      {
        measurement: `reminders for ${String(MEETINGS / 1000)}k meetings: derived, stored and armed in the transaction that wrote them (ms; timers armed)`,
        convene: `${fmtMs(arm.ms)} ms (re-deriving all alone: ${fmtMs(rederive.ms)} ms); ${String(timers)} timer for ${String(count)} reminders`,
        baseline: `${fmtMs(bareInsert.ms)} ms: raw SQLite inserting the same meetings, no reminders`,
        ratio: fmtRatio(arm.ms / bareInsert.ms),
        aim: '1 timer',
        met: timers === 1,
      },
      {
        measurement: `re-arming after one edit of a meeting's start, through the window's handler (median of ${String(EDITS)}: ms)`,
        convene: `${fmtMs(editMs)} ms (edit, reminder re-derived, timer re-aimed)`,
        baseline: `${fmtMs(median(rawMs))} ms raw SQLite: the next due time; ${fmtMs(median(plainMs))} ms: the next start`,
        ratio: fmtRatio(editMs / median(rawMs)),
        aim: '—',
        met: null,
      },
    ];
    return { rows };
  } finally {
    await engine.close();
  }
}
