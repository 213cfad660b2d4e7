import type { Engine } from '../../src-main/engine/engine';
import type { UserRow } from '../../src-main/engine/users/users-repo';
import { randomWeek } from './dataset';
import type { RawReader } from './raw-queries';
import { createRandom, msSince, summarize, type LatencySummary } from './stats';

export type ListResult = {
  engine: LatencySummary;
  raw: LatencySummary;
  iterations: number;
  meanRows: number;
};

const WARMUP = 500;
const ITERATIONS = 5_000;

/**
 * The engine's list call and the raw baseline on the same (user, week) pairs, interleaved so both
 * see the same cache state and any drift of the machine; the order within a pair alternates.
 */
export function benchList(engine: Engine, users: readonly UserRow[], raw: RawReader): ListResult {
  const random = createRandom(7);
  const engineMs: number[] = [];
  const rawMs: number[] = [];
  let rows = 0;
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const user = users[random.int(0, users.length - 1)];
    if (!user) throw new Error('no user');
    const week = randomWeek(random);
    const query = { 'start_date[gte]': String(week.gte), 'start_date[lt]': String(week.lt) };
    const timeEngine = () => {
      const start = process.hrtime.bigint();
      const result = engine.meetings.list(user, query);
      const ms = msSince(start);
      return { ms, result };
    };
    const timeRaw = () => {
      const start = process.hrtime.bigint();
      const result = raw.listWeek(user.id, user.email, week.gte, week.lt);
      const ms = msSince(start);
      return { ms, result };
    };
    let e: ReturnType<typeof timeEngine>;
    let r: ReturnType<typeof timeRaw>;
    if (i % 2 === 0) {
      e = timeEngine();
      r = timeRaw();
    } else {
      r = timeRaw();
      e = timeEngine();
    }
    if (i < 50 && JSON.stringify(e.result) !== JSON.stringify(r.result)) {
      throw new Error(`baseline and engine disagree for user ${user.id}, week ${week.gte}`);
    }
    if (i < WARMUP) continue;
    engineMs.push(e.ms);
    rawMs.push(r.ms);
    rows += e.result.length;
  }
  return {
    engine: summarize(engineMs),
    raw: summarize(rawMs),
    iterations: ITERATIONS,
    meanRows: rows / ITERATIONS,
  };
}
