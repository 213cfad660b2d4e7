import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { systemClock } from '../../src-main/engine/clock';
import type { ConflictDto, MeetingDto, MeetingField } from '../../src-main/shared/contract';
import { FakeClock } from '../helpers/fake-clock';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { listMeetings, newSdk, signIn } from '../sdk/sdk-harness';
import { scenario, type Scenario } from './sync-actions';
import {
  attendeeKey,
  expectedExistence,
  lostEdits,
  tagOf,
  type Touch,
  type Track,
} from './sync-model';
import { SyncWorld, type Remote } from './sync-world';

// SYNC.md, "How it is tested": random interleavings of edits here, edits on the person's other
// device and by someone who invites them, sync passes that each meet one injected fault, and
// restarts. Then the network heals, the worker goes idle and the person settles each conflict, and:
// the outbox is empty, nothing is duplicated, local equals remote, no acknowledged edit is lost,
// and conflicts came only where both sides touched the same field.
//
// CONVENE_PROPERTY_RUNS=N and CONVENE_PROPERTY_STEPS=N run more and longer (test:soak);
// CONVENE_PROPERTY_SEED=S replays a failure; CONVENE_PROPERTY_LOG=1 prints what the runs covered.

const RUNS = Math.max(1, Number(process.env.CONVENE_PROPERTY_RUNS ?? 300));
const STEPS = Math.max(1, Number(process.env.CONVENE_PROPERTY_STEPS ?? 24));
const SEED = process.env.CONVENE_PROPERTY_SEED;
const LOG = process.env.CONVENE_PROPERTY_LOG === '1';

/** What the runs covered, so a green run can be seen to have exercised something. */
const seen = { runs: 0, conflicts: 0, deletedRemotely: 0, restarts: 0, faults: 0, meetings: 0 };

let server: TestServer;
let proxy: FaultProxy;
let remote: Remote;

beforeAll(async () => {
  // The remote keeps real time, as a server does; the app's timers only fire when told, so
  // every sync pass is one the run asked for.
  server = await startTestServer({ clock: systemClock });
  proxy = await startFaultProxy(server.url);
  const same = newSdk(server.url);
  const other = newSdk(server.url);
  remote = {
    same,
    sameId: await signIn(same, 'sam'),
    other,
    otherId: await signIn(other, 'olga'),
    proxy,
    clock: new FakeClock(Date.now()),
    engineClock: systemClock,
  };
});
afterAll(async () => {
  if (LOG) console.log('sync property coverage', seen);
  await proxy.stop();
  await server.stop();
});

async function clearServer(): Promise<void> {
  for (const [sdk, id] of [
    [remote.same, remote.sameId],
    [remote.other, remote.otherId],
  ] as const) {
    for (const m of await listMeetings(sdk, { limit: 100 })) {
      if (m.host_id === id) await sdk.meeting.delete(m._id);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sync passes with a healthy network until nothing waits; a 429's pause is waited out. */
async function syncUntilIdle(world: SyncWorld): Promise<void> {
  for (let i = 0; i < 8; i++) {
    const s = await world.sync({ kind: 'none' });
    if (s.state === 'idle' && s.pending === 0) return;
    const wait = s.nextAttemptAt ? Date.parse(s.nextAttemptAt) - Date.now() : 0;
    if (wait > 0) await sleep(Math.min(wait + 50, 2_500));
  }
  throw new Error(`sync did not go idle: ${JSON.stringify(await world.sync({ kind: 'none' }))}`);
}

const FIELD_TOUCH: Partial<Record<MeetingField, Touch>> = {
  name: 'name',
  start: 'time',
  end: 'time',
  attendees: 'attendees',
};

/** A conflict is only legitimate where both sides touched what it names. */
function conflictProblems(track: Track | undefined, conflict: ConflictDto): string[] {
  if (!track) return [`conflict on a meeting nobody made: ${JSON.stringify(conflict)}`];
  if (conflict.kind === 'deleted_remotely') {
    return track.remoteGone && track.localOps > 0
      ? []
      : [`${track.tag}: deleted_remotely conflict, but remoteGone=${track.remoteGone}`];
  }
  return conflict.fields.flatMap((field) => {
    const touch = FIELD_TOUCH[field];
    return touch && track.touched.local.has(touch) && track.touched.remote.has(touch)
      ? []
      : [`${track.tag}: conflict on ${field}, which only one side touched`];
  });
}

async function settleConflicts(world: SyncWorld, keepMine: boolean[]): Promise<string[]> {
  const problems: string[] = [];
  let n = 0;
  for (let round = 0; round < 3; round++) {
    const conflicted = (await world.local()).filter((m) => m.sync === 'conflict');
    if (conflicted.length === 0) return problems;
    for (const m of conflicted) {
      const conflict = await world.client.call('meetings:conflict', { id: m.id });
      problems.push(...conflictProblems(world.model.get(m.name), conflict));
      const keep = keepMine[n++ % keepMine.length] ? 'mine' : 'theirs';
      seen.conflicts += 1;
      if (conflict.kind === 'deleted_remotely') seen.deletedRemotely += 1;
      world.log.push(`resolve ${m.name} ${conflict.kind} [${conflict.fields.join(',')}] ${keep}`);
      await world.client.call('meetings:resolve', { id: m.id, keep });
    }
    await syncUntilIdle(world);
  }
  problems.push('conflicts kept coming back after being settled');
  return problems;
}

const byTag = <T extends { name?: string }>(list: readonly T[]) => {
  const map = new Map<string, T[]>();
  for (const m of list) {
    const tag = tagOf(m.name ?? '');
    map.set(tag, [...(map.get(tag) ?? []), m]);
  }
  return map;
};

async function endStateProblems(world: SyncWorld): Promise<string[]> {
  const problems: string[] = [];
  const status = await world.client.call('sync:status', {});
  if (status.state !== 'idle' || status.pending + status.conflicts + status.errors > 0)
    problems.push(`status not settled: ${JSON.stringify(status)}`);
  const outbox = world.client.engine.sync!.outbox.all();
  if (outbox.length > 0) problems.push(`outbox not empty: ${JSON.stringify(outbox)}`);

  const local = await world.local();
  const server = await listMeetings(remote.same, { limit: 100 });
  const localByTag = byTag(local);
  const serverByTag = byTag(server);
  for (const [tag, list] of [...localByTag, ...serverByTag])
    if (list.length > 1) problems.push(`${tag} is there ${list.length} times`);

  // Local equals remote for every meeting the person can see.
  const synced = local.filter((m) => m.sync !== 'local');
  for (const m of synced) {
    const s = server.find((x) => x._id === m.serverId);
    const same =
      s &&
      m.sync === 'synced' &&
      s.name === m.name &&
      s.start_date === m.start &&
      s.end_date === m.end &&
      s.host_id === m.hostId &&
      attendeeKey(s.attendees ?? []) === attendeeKey(m.attendees);
    if (!same) problems.push(`local ${JSON.stringify(m)} differs from ${JSON.stringify(s)}`);
  }
  for (const s of server)
    if (!synced.some((m) => m.serverId === s._id))
      problems.push(`server meeting ${s.name} (${s._id}) is missing here`);
  for (const m of local.filter((x) => x.sync === 'local'))
    if (!m.draft || m.serverId !== null) problems.push(`${m.name} was never sent`);

  // What each side asked for.
  for (const track of world.model.tracks.values()) {
    const here: MeetingDto | undefined = localByTag.get(track.tag)?.[0];
    const there = serverByTag.get(track.tag)?.[0];
    const unsentDraft = track.origin === 'draft' && !track.sent;
    if (unsentDraft && there) problems.push(`${track.tag} is an unsent draft but on the server`);
    const exists = expectedExistence(track);
    if (exists !== null && exists !== (here !== undefined))
      problems.push(`${track.tag} should ${exists ? '' : 'not '}exist here`);
    if (here) {
      problems.push(
        ...lostEdits(track, {
          tag: track.tag,
          name: here.name,
          start: here.start,
          attendees: attendeeKey(here.attendees),
        }),
      );
    }
  }
  return problems;
}

async function runScenario(s: Scenario): Promise<void> {
  await clearServer();
  const world = new SyncWorld(remote);
  try {
    for (const a of s.before) await world.run(a);
    await world.connect();
    for (const a of s.after) await world.run(a);
    world.log.push('heal');
    await syncUntilIdle(world);
    const problems = await settleConflicts(world, s.keepMine);
    problems.push(...(await endStateProblems(world)));
    seen.runs += 1;
    seen.meetings += world.model.tracks.size;
    seen.restarts += s.after.filter((a) => a.t === 'restart').length;
    seen.faults += s.after.filter((a) => a.t === 'sync' && a.plan.kind !== 'none').length;
    if (problems.length > 0) throw new Error([...problems, '--- steps:', ...world.log].join('\n'));
  } catch (error) {
    if (error instanceof Error && !error.message.includes('--- steps:'))
      error.message += ['', '--- steps:', ...world.log].join('\n');
    throw error;
  } finally {
    await world.close();
  }
}

describe('sync under random interleavings of edits, remote changes, faults and restarts', () => {
  it(
    'ends with nothing lost, nothing duplicated, local equal to remote, and honest conflicts',
    async () => {
      await fc.assert(fc.asyncProperty(scenario(STEPS), runScenario), {
        numRuns: RUNS,
        ...(SEED ? { seed: Number(SEED) } : {}),
        // Each run talks to a real server; shrinking a long failure is worth a few minutes.
        endOnFailure: false,
      });
    },
    60 * 60_000,
  );
});
