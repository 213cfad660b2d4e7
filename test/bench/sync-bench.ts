import { join } from 'node:path';
import { createAppHandlers } from '../../src-main/engine/app/app-handlers';
import { ensureLocalProfile } from '../../src-main/engine/app/local-profile';
import type { Clock } from '../../src-main/engine/clock';
import { sql } from '../../src-main/engine/db/sql';
import { createEngine, type Engine } from '../../src-main/engine/engine';
import { PULL_OVERLAP_MS } from '../../src-main/engine/sync/pull';
import { createKeyFileSecretStore } from '../../src-main/engine/sync/secret-store';
import { buildServer } from '../../src-main/server/build-server';
import type { HandlerArgs, HandlerName, HandlerResults } from '../../src-main/shared/contract';
import type { Meeting } from '../../src-main/shared/meetings-api-types';
import { FakeClock } from '../helpers/fake-clock';
import { PASSWORD } from './dataset';
import {
  createRecordingFetch,
  describeRequests,
  kindOf,
  type SentRequest,
} from './recording-fetch';
import type { Row } from './report';
import { BENCH_APP } from './seed';
import { createRandom, fmtMs, fmtRatio, msSince, type Random } from './stats';

/** The shape of the sync bench; every number here is printed with the results. */
export const SYNC_MEETINGS = 10_000;
const PUSHED = 1_000;
const INITIAL_ROUNDS = 3;
const NOOP_PASSES = 7;
/** After the pushes, the bench waits out the pull's overlap, as the worker's next interval would. */
const QUIET_MS = PULL_OVERLAP_MS + 5_000;
/** The seeded meetings were made this far apart, the newest this long before the bench starts. */
const SEED_SPACING_MS = 5 * 60_000;
/** Start dates fall within this many days either side of today. */
const SPREAD_DAYS = 180;
const DAY_S = 86_400;
const SERVER_LOGIN = 'syncbench';
const BASELINE_LOGIN = 'syncbaseline';

export type SyncBenchResult = { rows: Row[]; notes: string[] };

/** Past the worker's interval (60 s ± 20 %), well short of its 5-minute census. */
const AUTO_PASS_AFTER_MS = 75_000;

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

/** A meeting for the one synced account: business hours within half a year of today. */
function seedBody(random: Random, today: number, attendeeId: number) {
  const start =
    today +
    random.int(-SPREAD_DAYS, SPREAD_DAYS) * DAY_S +
    random.int(7, 17) * 3600 +
    random.pick([0, 1800]);
  const attendees: ({ id: number } | { email: string })[] = [{ id: attendeeId }];
  for (let k = random.int(0, 2); k > 0; k--) {
    attendees.push({ email: `guest${String(random.int(1, 50_000))}@example.org` });
  }
  return {
    name: `${random.pick(['Stand-up', 'Planning', '1:1', 'Review', 'Customer call'])} #${String(random.int(1, 999))}`,
    start_date: start,
    end_date: start + random.pick([30, 45, 60, 90]) * 60,
    attendees,
    ...(random.chance(0.5) ? { scheduled: true } : {}),
    ...(random.chance(0.3) ? { timezone: { name: 'Europe/Berlin' } } : {}),
  };
}

/**
 * The remote: the real server over its own temp-file engine on the real clock. The one account's
 * meetings are made through the engine in one transaction, with the clock set back so they read as
 * made over the past weeks (one every 5 minutes, the newest 5 minutes ago), as an account that has
 * been in use looks: a pull's 30 s overlap then re-reads one row, not the whole seed.
 */
async function startRemote(dir: string, log: (line: string) => void) {
  let backdated: number | null = null;
  const clock: Clock = { now: () => backdated ?? Date.now() };
  const engine = createEngine({
    databasePath: join(dir, 'sync-server.db'),
    application: BENCH_APP,
    clock,
  });
  const [host, other] = await Promise.all(
    [SERVER_LOGIN, BASELINE_LOGIN].map((login) =>
      engine.users.signUp({ login, email: `${login}@convene.test`, password: PASSWORD }),
    ),
  );
  if (!host || !other) throw new Error('no users');
  const random = createRandom(20261202);
  const today = Math.floor(Date.now() / 1000 / DAY_S) * DAY_S;
  const bodies = Array.from({ length: SYNC_MEETINGS }, () => seedBody(random, today, other.id));
  const started = process.hrtime.bigint();
  const newest = Date.now() - SEED_SPACING_MS;
  engine.db.transaction(() => {
    bodies.forEach((body, i) => {
      backdated = newest - (SYNC_MEETINGS - 1 - i) * SEED_SPACING_MS;
      engine.meetings.create(host, body);
    });
  });
  backdated = null;
  log(
    `  seeded ${String(SYNC_MEETINGS)} meetings for one account in ${fmtMs(msSince(started))} ms`,
  );

  const app = await buildServer(engine);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('server has no address');
  const url = `http://127.0.0.1:${String(address.port)}`;
  return {
    url,
    engine,
    async stop() {
      await app.close();
      void engine.close(); // no sync pass in flight: closes before returning
    },
  };
}

/** The baseline: plain `fetch` with the session's token and `JSON.parse`, nothing in between. */
async function bareClient(url: string, login: string) {
  const sender =
    (token?: string) =>
    async (method: string, path: string, body?: string): Promise<unknown> => {
      const response = await fetch(url + path, {
        method,
        headers: {
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(token !== undefined ? { 'CB-Token': token } : {}),
        },
        ...(body !== undefined ? { body } : {}),
      });
      const parsed: unknown = await response.json();
      if (!response.ok) throw new Error(`${method} ${path}: HTTP ${String(response.status)}`);
      return parsed;
    };
  const session = (await sender()(
    'POST',
    '/session.json',
    JSON.stringify({
      application_id: BENCH_APP.id,
      auth_key: BENCH_APP.authKey,
      user: { login, password: PASSWORD },
    }),
  )) as { session: { token: string } };
  return { send: sender(session.session.token) };
}

/** The app's engine in the client role on its own file, as the window drives it. */
function openClient(dir: string, name: string) {
  const recorder = createRecordingFetch();
  const dataPath = join(dir, `${name}.db`);
  // The worker's own timers fire only when the bench moves this clock (the engine keeps real time).
  const timers = new FakeClock(Date.now());
  const engine: Engine = createEngine({
    databasePath: dataPath,
    application: { id: BENCH_APP.id },
    role: 'client',
    client: {
      secrets: createKeyFileSecretStore(`${dataPath}.key`),
      timers,
      fetch: recorder.fetch,
      requestTimeoutMs: 60_000,
    },
  });
  const { handlers } = createAppHandlers(engine, ensureLocalProfile(engine, 'Bench'));
  async function call<K extends HandlerName>(
    handler: K,
    arg: HandlerArgs[K],
  ): Promise<HandlerResults[K]> {
    const result = await handlers[handler](arg);
    if (!result.ok) throw new Error(`${handler} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  }
  /** One `sync:now` pass: how long it took and what it sent. */
  async function pass() {
    recorder.take();
    const started = performance.now();
    const status = await call('sync:now', {});
    const ms = performance.now() - started;
    if (status.state !== 'idle' || status.pending > 0 || status.errors > 0) {
      throw new Error(`the pass did not finish cleanly: ${JSON.stringify(status)}`);
    }
    return { ms, started, sent: recorder.take() };
  }
  /** One pass the worker starts by itself at its interval (no census unless one is due). */
  async function autoPass() {
    recorder.take();
    const started = performance.now();
    timers.advance(AUTO_PASS_AFTER_MS);
    const worker = engine.sync?.worker;
    if (!worker?.busy()) throw new Error('the interval did not start a pass');
    await worker.waitForIdle();
    const ms = performance.now() - started;
    const status = await call('sync:status', {});
    if (status.state !== 'idle' || status.pending > 0 || status.errors > 0) {
      throw new Error(`the pass did not finish cleanly: ${JSON.stringify(status)}`);
    }
    return { ms, started, sent: recorder.take() };
  }
  return { engine, call, pass, autoPass, recorder, close: () => engine.close() };
}

type Pass = Awaited<ReturnType<ReturnType<typeof openClient>['pass']>>;

/** The part of a pass before its first request of another kind than `kind` (e.g. the pull). */
function phaseMs(p: Pass, kind: string): number {
  const after = p.sent.find((r) => kindOf(r) !== kind);
  return after === undefined ? p.ms : after.startedAt - p.started;
}

const countOf = (sent: readonly SentRequest[], kind: string) =>
  sent.filter((r) => kindOf(r) === kind).length;

/** How long `fn` takes, and what it returned. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { ms: msSince(started), value };
}

/**
 * The sync worker against the real server over loopback, beside the bare HTTP round trips the
 * same work needs, measured in the same run: a pass with nothing new, the first pull of an
 * account's 10,000 meetings, and pushes of 1,000 queued creates and updates. Requests are counted
 * through the client's own `fetch` option, so only what the worker sends is seen.
 */
export async function benchSync(
  dir: string,
  log: (line: string) => void,
): Promise<SyncBenchResult> {
  const remote = await startRemote(dir, log);
  const clients: ReturnType<typeof openClient>[] = [];
  try {
    const bare = await bareClient(remote.url, SERVER_LOGIN);
    const connect = async (name: string) => {
      const client = openClient(dir, name);
      clients.push(client);
      await client.call('account:connect', {
        serverUrl: remote.url,
        appId: BENCH_APP.id,
        authKey: BENCH_APP.authKey,
        login: SERVER_LOGIN,
        password: PASSWORD,
      });
      client.recorder.take();
      return client;
    };

    // (2) The first pass of a new device: pull, (empty) push, census of the current weeks. The
    // baseline reads the same 10,000 meetings as 100 pages of 100 and parses them.
    const pages = Math.ceil(SYNC_MEETINGS / 100);
    const barePull = () =>
      timed(async () => {
        let n = 0;
        for (let page = 0; page < pages; page++) {
          const list = (await bare.send(
            'GET',
            `/meetings.json?limit=100&offset=${String(page * 100)}&sort_asc=updated_at`,
          )) as Meeting[];
          n += list.length;
        }
        if (n !== SYNC_MEETINGS) throw new Error(`the bare pull read ${String(n)} meetings`);
        return n;
      });
    const initial: Pass[] = [];
    const barePulls: number[] = [];
    let client: ReturnType<typeof openClient> | undefined;
    for (let round = 0; round < INITIAL_ROUNDS; round++) {
      barePulls.push((await barePull()).ms);
      client = await connect(`client-${String(round)}`);
      const p = await client.pass();
      initial.push(p);
      log(
        `  initial pass ${String(round + 1)}: ${fmtMs(p.ms)} ms (pull ${fmtMs(phaseMs(p, 'pull'))} ms), ${describeRequests(p.sent)}; bare pull ${fmtMs(barePulls.at(-1) ?? NaN)} ms`,
      );
    }
    if (!client) throw new Error('no client');
    const local = client.engine.db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM meetings WHERE _id IS NOT NULL`,
    );
    if (local?.n !== SYNC_MEETINGS) throw new Error(`pulled ${String(local?.n)} meetings`);

    // (1) Passes with nothing new, beside one bare GET with the pull's own query.
    const noopPasses = async (label: string, mode: 'auto' | 'manual' = 'auto') => {
      const passes: Pass[] = [];
      for (let i = 0; i < NOOP_PASSES; i++)
        passes.push(await (mode === 'auto' ? client.autoPass() : client.pass()));
      const pull = passes.at(-1)?.sent.find((r) => kindOf(r) === 'pull');
      if (!pull) throw new Error('a pass without a pull');
      const bareMs: number[] = [];
      for (let i = 0; i < NOOP_PASSES; i++) {
        bareMs.push((await timed(() => bare.send('GET', pull.url.pathname + pull.url.search))).ms);
      }
      const requests = passes.map((p) => p.sent.length);
      log(
        `  ${label}: ${fmtMs(median(passes.map((p) => p.ms)))} ms, ${describeRequests(passes.at(-1)?.sent ?? [])}`,
      );
      return { passes, bareMs: median(bareMs), requests, ms: median(passes.map((p) => p.ms)) };
    };
    const noop = await noopPasses('no-op pass (the interval)');
    const noopManual = await noopPasses('no-op "Sync now"', 'manual');

    // (3a) 1,000 synced meetings renamed here, then one pass sends them.
    const ids = client.engine.db
      .all<{ id: number }>(sql`SELECT id FROM meetings WHERE _id IS NOT NULL ORDER BY id`)
      .filter((_, i) => i % Math.floor(SYNC_MEETINGS / PUSHED) === 0)
      .slice(0, PUSHED)
      .map((r) => r.id);
    const editLocal = await timed(async () => {
      for (const [i, id] of ids.entries()) {
        await client.call('meetings:update', { id, changes: { name: `Edited #${String(i)}` } });
      }
    });
    const updates = await client.pass();
    log(
      `  push of ${String(PUSHED)} updates: ${fmtMs(updates.ms)} ms, ${describeRequests(updates.sent)}`,
    );

    // (3b) 1,000 meetings made here in the coming four weeks, then one pass sends them.
    const random = createRandom(7);
    const soon = Math.floor(Date.now() / 1000 / 3600) * 3600 + 3600;
    const createLocal = await timed(async () => {
      for (let i = 0; i < PUSHED; i++) {
        const start = soon + random.int(0, 27) * DAY_S + random.int(0, 8) * 3600;
        await client.call('meetings:create', {
          draft: {
            name: `New #${String(i)}`,
            start,
            end: start + 1800,
            attendees: [{ email: `guest${String(i)}@example.org` }],
          },
        });
      }
    });
    const creates = await client.pass();
    log(
      `  push of ${String(PUSHED)} creates: ${fmtMs(creates.ms)} ms, ${describeRequests(creates.sent)}`,
    );

    // Their baselines: the same bodies, one round trip each, as another account (so the synced
    // account's data stays what the client knows): the POSTs, then the PUTs onto what they made.
    const other = await bareClient(remote.url, BASELINE_LOGIN);
    const posts = creates.sent.filter((r) => kindOf(r) === 'POST');
    const puts = updates.sent.filter((r) => kindOf(r) === 'PUT');
    const barePosts = await timed(async () => {
      const made: string[] = [];
      for (const r of posts) {
        made.push(((await other.send('POST', '/meetings.json', r.body ?? '{}')) as Meeting)._id);
      }
      return made;
    });
    const barePuts = await timed(async () => {
      for (const [i, r] of puts.entries()) {
        const id = barePosts.value[i % barePosts.value.length] ?? '';
        await other.send('PUT', `/meetings/${id}.json`, r.body ?? '{}');
      }
    });

    // (1b) Nothing new again, at the worker's next interval: the first pass reads back the 2,000 changes just
    // pushed (the API cannot leave out our own), and from then on nothing should be re-read.
    const echo = await client.pass();
    log(`  first pass after the pushes: ${fmtMs(echo.ms)} ms, ${describeRequests(echo.sent)}`);
    log(`  waiting ${String(QUIET_MS / 1000)} s, past the pull's overlap...`);
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    // The first pass after the wait still reaches 30 s back from the previous pull, which began
    // just after the burst: it re-reads the burst once (reported below); from then on, nothing.
    const reread = await client.autoPass();
    log(
      `  first interval pass after the wait: ${fmtMs(reread.ms)} ms, ${describeRequests(reread.sent)}`,
    );
    const noopAfterPush = await noopPasses(
      `no-op pass ${String(QUIET_MS / 1000)} s after the pushes`,
    );

    const requestsText = (rs: readonly number[]) => {
      const lo = Math.min(...rs);
      const hi = Math.max(...rs);
      return lo === hi ? String(lo) : `${String(lo)}–${String(hi)}`;
    };
    const noopRow = (what: string, r: typeof noop, aim = 2): Row => {
      const last = r.passes.at(-1)?.sent ?? [];
      return {
        measurement: what,
        convene: `${fmtMs(r.ms)} ms; ${requestsText(r.requests)} requests (${describeRequests(last)})`,
        baseline: `${fmtMs(r.bareMs)} ms; 1 GET (the pull's query, bare fetch)`,
        ratio: `${fmtRatio(r.ms / r.bareMs)} time, ${fmtRatio(Math.max(...r.requests))} requests`,
        aim: Number.isFinite(aim) ? `≤ ${String(aim)} requests` : '—',
        met: Number.isFinite(aim) ? Math.max(...r.requests) <= aim : null,
      };
    };
    const initialMs = median(initial.map((p) => p.ms));
    const pullMs = median(initial.map((p) => phaseMs(p, 'pull')));
    const barePullMs = median(barePulls);
    const lastInitial = initial.at(-1)?.sent ?? [];
    const pushRow = (what: string, p: Pass, kind: 'POST' | 'PUT', bareMs: number): Row => {
      const sent = countOf(p.sent, kind);
      return {
        measurement: what,
        convene: `${fmtMs(p.ms)} ms; ${String(p.sent.length)} requests (${describeRequests(p.sent)})`,
        baseline: `${fmtMs(bareMs)} ms; ${String(sent)} bare ${kind}s, same bodies`,
        ratio: `${fmtRatio(p.ms / bareMs)} time, ${fmtRatio(p.sent.length / sent)} requests`,
        aim: '—',
        met: null,
      };
    };
    const rows: Row[] = [
      noopRow(
        `sync pass with nothing new, ${String(SYNC_MEETINGS / 1000)}k meetings synced: the worker's interval pass (median of ${String(NOOP_PASSES)}: ms; requests)`,
        noop,
      ),
      noopRow(
        `"Sync now" with nothing new: pull, and the census of the current 5 weeks (${String(SYNC_MEETINGS / 1000)}k meetings over ${String(SPREAD_DAYS)} days; median of ${String(NOOP_PASSES)})`,
        noopManual,
        Infinity,
      ),
      {
        measurement: `first sync pass of a new device: initial pull of ${String(SYNC_MEETINGS / 1000)}k meetings, then the census (median of ${String(INITIAL_ROUNDS)}: ms; requests)`,
        convene: `${fmtMs(initialMs)} ms (pull ${fmtMs(pullMs)} ms); ${String(lastInitial.length)} requests (${describeRequests(lastInitial)})`,
        baseline: `${fmtMs(barePullMs)} ms; ${String(pages)} bare paged GETs, JSON parsed`,
        ratio: `${fmtRatio(initialMs / barePullMs)} (pull ${fmtRatio(pullMs / barePullMs)}) time, ${fmtRatio(lastInitial.length / pages)} requests`,
        aim: '< 5 s',
        met: initialMs < 5_000,
      },
      pushRow(
        `sync pass pushing ${String(PUSHED)} queued updates (synced meetings renamed here; ms; requests)`,
        updates,
        'PUT',
        barePuts.ms,
      ),
      pushRow(
        `sync pass pushing ${String(PUSHED)} queued creates (new meetings in the next 4 weeks; ms; requests)`,
        creates,
        'POST',
        barePosts.ms,
      ),
      noopRow(
        `interval pass with nothing new, ${String(QUIET_MS / 1000)} s after those pushes (median of ${String(NOOP_PASSES)}: ms; requests)`,
        noopAfterPush,
      ),
    ];
    const notes = [
      `- Sync: the real server on loopback (its own file, real clock) holds one account's ${String(SYNC_MEETINGS)} meetings, made one every 5 min up to 5 min ago, starting within ${String(SPREAD_DAYS)} days of today; the client is the app's engine in the client role on its own file, running only the passes the bench starts: its interval pass (timers moved by the bench) or \`sync:now\`. Requests are counted through its \`fetch\`; the baselines are plain \`fetch\` + \`JSON.parse\`, one request after another like the worker.`,
      `- Queuing the edits locally (not in the pass times): ${String(PUSHED)} renames ${fmtMs(editLocal.ms)} ms, ${String(PUSHED)} creates ${fmtMs(createLocal.ms)} ms, through the window's handlers. The first pass after the pushes took ${fmtMs(echo.ms)} ms, ${describeRequests(echo.sent)} (reading back what was pushed); the first interval pass ${String(QUIET_MS / 1000)} s later ${fmtMs(reread.ms)} ms, ${describeRequests(reread.sent)} (the pull's overlap behind the previous pull), and the passes after it are the last row.`,
    ];
    return { rows, notes };
  } finally {
    for (const c of clients) await c.close();
    await remote.stop();
  }
}
