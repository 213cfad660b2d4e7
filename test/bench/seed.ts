import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { openDatabase } from '../../src-main/engine/db/database';
import { createEngine, type Engine } from '../../src-main/engine/engine';
import type { UserRow } from '../../src-main/engine/users/users-repo';
import {
  MEETINGS,
  PASSWORD,
  USERS,
  emailOf,
  loginOf,
  makeMeeting,
  type MeetingInput,
} from './dataset';
import { createRawWriter } from './raw-writer';
import { createRandom, msSince } from './stats';

export const BENCH_APP = { id: 1, authKey: 'bench-auth-key' } as const;
/** Meetings per transaction while seeding, for the engine and the baseline alike. */
const BATCH = 1_000;

export type Seeded = {
  engine: Engine;
  users: UserRow[];
  signUpMs: number;
  engineCreateMs: number;
  rawCreateMs: number;
  meetings: number;
};

/** Signs the users up and creates every meeting through the engine, into a real file. */
export async function seed(dir: string, log: (line: string) => void): Promise<Seeded> {
  const engine = createEngine({ databasePath: join(dir, 'convene.db'), application: BENCH_APP });
  let start = process.hrtime.bigint();
  // scrypt runs on libuv's thread pool, so signing up concurrently uses both cores.
  const users = await Promise.all(
    Array.from({ length: USERS }, (_, i) =>
      engine.users.signUp({ login: loginOf(i), email: emailOf(i), password: PASSWORD }),
    ),
  );
  const signUpMs = msSince(start);
  log(`signed up ${USERS} users in ${(signUpMs / 1000).toFixed(1)} s (scrypt per password)`);

  const random = createRandom(20260105);
  const userIds = users.map((u) => u.id);
  const inputs: MeetingInput[] = Array.from({ length: MEETINGS }, () =>
    makeMeeting(random, userIds),
  );

  start = process.hrtime.bigint();
  for (let from = 0; from < inputs.length; from += BATCH) {
    engine.db.transaction(() => {
      for (const input of inputs.slice(from, from + BATCH)) {
        const host = users[input.hostIndex];
        if (!host) throw new Error('no host');
        engine.meetings.create(host, input.body);
      }
    });
    if ((from + BATCH) % 20_000 === 0) log(`  ${from + BATCH} meetings...`);
  }
  const engineCreateMs = msSince(start);
  log(`created ${MEETINGS} meetings through the engine in ${(engineCreateMs / 1000).toFixed(1)} s`);

  const rawCreateMs = rawCreate(join(dir, 'raw-baseline.db'), inputs, userIds);
  log(`inserted the same meetings with raw INSERTs in ${(rawCreateMs / 1000).toFixed(1)} s`);
  return { engine, users, signUpMs, engineCreateMs, rawCreateMs, meetings: MEETINGS };
}

/** The create baseline: same schema and pragmas (via openDatabase), same rows, same batches. */
function rawCreate(path: string, inputs: readonly MeetingInput[], userIds: readonly number[]) {
  openDatabase({ path }).close();
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const insert = createRawWriter(db);
  const batch = db.transaction((slice: readonly MeetingInput[]) => {
    for (const input of slice) insert(userIds[input.hostIndex] ?? 0, input.body);
  });
  const start = process.hrtime.bigint();
  for (let from = 0; from < inputs.length; from += BATCH) batch(inputs.slice(from, from + BATCH));
  const ms = msSince(start);
  db.close();
  return ms;
}
