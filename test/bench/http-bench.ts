import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src-main/engine/engine';
import type { UserRow } from '../../src-main/engine/users/users-repo';
import { buildServer } from '../../src-main/server/build-server';
import { PASSWORD, makeMeeting, randomWeek } from './dataset';
import type { LoadConfig, LoadRequest, LoadResult } from './load-client';
import { startMinimalServer } from './minimal-server';
import { BENCH_APP } from './seed';
import { createRandom, fmtRate, summarize, type LatencySummary } from './stats';

export type HttpFigures = { rps: number; latency: LatencySummary; errors: number };
export type HttpResult = {
  list: { convene: HttpFigures; minimal: HttpFigures };
  create: { convene: HttpFigures; minimal: HttpFigures };
  concurrency: number;
  listSeconds: number;
  createCount: number;
};

const CONCURRENCY = 8;
const SIGNED_IN = 100;
const LIST_ROUNDS = 2;
const LIST_ROUND_MS = 3_000;
const WARMUP_MS = 1_000;
const CREATES = 2_000;

type Target = { name: 'convene' | 'minimal'; url: string };

/** Runs the load generator in its own process against one server and collects its figures. */
function load(dir: string, config: LoadConfig): Promise<LoadResult> {
  const configPath = join(dir, `load-${String(Date.now())}.json`);
  writeFileSync(configPath, JSON.stringify(config));
  const client = join(import.meta.dirname, 'load-client.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', client, configPath], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`load client exited with ${String(code)}`));
      else resolve(JSON.parse(out) as LoadResult);
    });
  });
}

function merge(results: readonly LoadResult[]): HttpFigures {
  const count = results.reduce((n, r) => n + r.count, 0);
  const elapsedMs = results.reduce((n, r) => n + r.elapsedMs, 0);
  return {
    rps: (count / elapsedMs) * 1000,
    latency: summarize(results.flatMap((r) => r.latenciesMs)),
    errors: results.reduce((n, r) => n + r.errors, 0),
  };
}

async function fetchBody(url: string, r: LoadRequest): Promise<string> {
  const response = await fetch(url + r.path, { headers: { 'CB-Token': r.token } });
  return response.text();
}

/**
 * The real server (buildServer, listening on loopback) beside a minimal node:http handler over
 * the same file, under the same client load: the week-window list, then creates.
 */
export async function benchHttp(
  engine: Engine,
  users: readonly UserRow[],
  dir: string,
  log: (line: string) => void,
): Promise<HttpResult> {
  const random = createRandom(99);
  const chosen = Array.from({ length: SIGNED_IN }, (_, i) => users[(i * 7919) % users.length]);
  const sessions = await Promise.all(
    chosen.map(async (user) => {
      if (!user) throw new Error('no user');
      const session = await engine.sessions.create({
        application_id: BENCH_APP.id,
        auth_key: BENCH_APP.authKey,
        user: { login: user.login, password: PASSWORD },
      });
      return { user, token: session.token };
    }),
  );
  const pickSession = () => sessions[random.int(0, sessions.length - 1)] ?? sessions[0]!;

  const listRequests: LoadRequest[] = Array.from({ length: 4_000 }, () => {
    const { gte, lt } = randomWeek(random);
    return {
      method: 'GET',
      path: `/meetings.json?start_date[gte]=${String(gte)}&start_date[lt]=${String(lt)}`,
      token: pickSession().token,
    };
  });
  const userIds = users.map((u) => u.id);
  const createRequests: LoadRequest[] = Array.from({ length: CREATES }, () => ({
    method: 'POST',
    path: '/meetings.json',
    token: pickSession().token,
    body: JSON.stringify(makeMeeting(random, userIds).body),
  }));

  const app = await buildServer(engine);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('server has no address');
  const minimal = await startMinimalServer(engine.db.path);
  const targets: Target[] = [
    { name: 'convene', url: `http://127.0.0.1:${String(address.port)}` },
    { name: 'minimal', url: minimal.url },
  ];

  try {
    // Same answer from both, byte for byte, or the comparison means nothing.
    for (const r of listRequests.slice(0, 20)) {
      const [a, b] = await Promise.all(targets.map((t) => fetchBody(t.url, r)));
      if (a !== b)
        throw new Error(`the servers disagree on ${r.path}:\n${String(a)}\n${String(b)}`);
    }

    // Alternating rounds, so drift of the machine hits both sides alike.
    const listRuns: Record<Target['name'], LoadResult[]> = { convene: [], minimal: [] };
    for (let round = 0; round < LIST_ROUNDS; round++) {
      for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
        log(`  list round ${String(round + 1)} against ${t.name}...`);
        const result = await load(dir, {
          url: t.url,
          requests: listRequests,
          concurrency: CONCURRENCY,
          warmupMs: WARMUP_MS,
          durationMs: LIST_ROUND_MS,
          maxRequests: Number.MAX_SAFE_INTEGER,
        });
        log(`    ${fmtRate((result.count / result.elapsedMs) * 1000)} req/s`);
        listRuns[t.name].push(result);
      }
    }

    const createRuns: Partial<Record<Target['name'], LoadResult>> = {};
    for (const t of targets) {
      log(`  ${String(CREATES)} creates against ${t.name}...`);
      createRuns[t.name] = await load(dir, {
        url: t.url,
        requests: createRequests,
        concurrency: CONCURRENCY,
        warmupMs: 0,
        durationMs: 60_000,
        maxRequests: CREATES,
      });
    }

    return {
      list: { convene: merge(listRuns.convene), minimal: merge(listRuns.minimal) },
      create: {
        convene: merge(createRuns.convene ? [createRuns.convene] : []),
        minimal: merge(createRuns.minimal ? [createRuns.minimal] : []),
      },
      concurrency: CONCURRENCY,
      listSeconds: (LIST_ROUNDS * LIST_ROUND_MS) / 1000,
      createCount: CREATES,
    };
  } finally {
    await app.close();
    await minimal.stop();
  }
}
