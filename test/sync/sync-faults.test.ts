import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestClient } from '../helpers/test-client';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { startSyncRig, T0, type SyncRig } from './sync-rig';

// The failures SYNC.md names, each through a fault-injecting proxy in front of the real server:
// what the person sees (state, status, content) and what the server ends up with.

let rig: SyncRig;
let proxy: FaultProxy;
beforeEach(async () => {
  rig = await startSyncRig({
    remoteUrl: async (url) => {
      proxy = await startFaultProxy(url);
      return proxy.url;
    },
  });
  await rig.connect();
  await rig.sync();
  proxy.resetLog();
});
afterEach(async () => {
  await rig.close();
  await proxy.stop();
});

const HOUR = 3600;
const posts = () =>
  proxy.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/meetings'));
const status = () => rig.client.call('sync:status', {});
const get = (id: number) => rig.client.call('meetings:get', { id });

describe('a lost response', () => {
  it('to a POST is found again by fingerprint, not sent twice', async () => {
    const m = await rig.create({ name: 'Lost answer' });
    proxy.setFault((r) =>
      r.method === 'POST' && r.path.startsWith('/meetings')
        ? { kind: 'drop-after' }
        : { kind: 'pass' },
    );
    await rig.sync();
    expect(posts().map((r) => r.upstreamStatus)).toEqual([201]); // the server made it
    expect((await get(m.id)).sync).toBe('pending');
    expect((await status()).state).toBe('offline');

    proxy.setFault(() => ({ kind: 'pass' }));
    await rig.sync();
    expect(posts()).toHaveLength(1); // adopted, not re-sent
    const remote = await rig.serverMeetings();
    expect(remote.map((x) => x.name)).toEqual(['Lost answer']);
    expect(await get(m.id)).toMatchObject({ sync: 'synced', serverId: remote[0]?._id });
  });

  it('to a POST, then an edit on another device: sent again, never merged into what may be another meeting', async () => {
    const m = await rig.create({ name: 'Made here' });
    proxy.setFault((r) =>
      r.method === 'POST' && r.path.startsWith('/meetings')
        ? { kind: 'drop-after' }
        : { kind: 'pass' },
    );
    await rig.sync();
    const phone = await rig.device();
    const [made] = await rig.serverMeetings();
    await phone.call('PUT', `/meetings/${made!._id}.json`, { name: 'Renamed on the phone' });

    proxy.setFault(() => ({ kind: 'pass' }));
    await rig.sync();
    // The renamed copy could as well be a meeting made on the phone at that moment: both stay,
    // and nothing anyone wrote is lost (SYNC.md, "Lost responses").
    const names = (await rig.serverMeetings()).map((x) => x.name).sort();
    expect(names).toEqual(['Made here', 'Renamed on the phone']);
    expect(await get(m.id)).toMatchObject({ sync: 'synced', name: 'Made here' });
    expect(
      (await rig.client.call('meetings:list', { from: T0 - 86400, to: T0 + 86400 }))
        .map((x) => x.name)
        .sort(),
    ).toEqual(names);
  });

  it('to a POST refused with 429: no search for a copy, since none was made', async () => {
    await rig.create({ name: 'Slow down' });
    proxy.setFault((r) =>
      r.method === 'POST' ? { kind: 'rate-limit', retryAfterSeconds: 1 } : { kind: 'pass' },
    );
    await rig.sync();
    expect(rig.client.engine.sync!.outbox.all()[0]?.attempted_at_ms).toBeNull();
  });

  it('to a POST, then a delete here: the copy the server made is deleted', async () => {
    const m = await rig.create({ name: 'Made then dropped' });
    proxy.setFault((r) => (r.method === 'POST' ? { kind: 'drop-after' } : { kind: 'pass' }));
    await rig.sync();
    await rig.client.call('meetings:delete', { id: m.id });
    proxy.setFault(() => ({ kind: 'pass' }));
    await rig.sync();
    expect(await rig.serverMeetings()).toEqual([]);
    expect(posts()).toHaveLength(1);
  });

  it('to a POST whose meeting was deleted here before it could be found: re-sent only if not made', async () => {
    const m = await rig.create({ name: 'Never made' });
    proxy.setFault((r) => (r.method === 'POST' ? { kind: 'down' } : { kind: 'pass' }));
    await rig.sync();
    expect(posts().map((r) => r.upstreamStatus)).toEqual([null]); // never reached the server
    await rig.client.call('meetings:delete', { id: m.id });
    proxy.setFault(() => ({ kind: 'pass' }));
    await rig.sync();
    expect(posts()).toHaveLength(1);
    expect(await rig.serverMeetings()).toEqual([]);
  });

  it('to a PUT is simply sent again (a PUT says the same thing twice)', async () => {
    const m = await rig.create({ name: 'Put me' });
    await rig.sync();
    await rig.client.call('meetings:update', { id: m.id, changes: { name: 'Put twice' } });
    proxy.setFault((r) => (r.method === 'PUT' ? { kind: 'drop-after' } : { kind: 'pass' }));
    await rig.sync();
    proxy.setFault(() => ({ kind: 'pass' }));
    await rig.sync();
    expect((await rig.serverMeetings()).map((x) => x.name)).toEqual(['Put twice']);
    expect((await get(m.id)).sync).toBe('synced');
  });
});

describe('a lost answer to a PUT, then an edit back', () => {
  it('keeps the later edit: the remote holding our own earlier write does not count as theirs', async () => {
    const m = await rig.create({ name: 'Moved twice' });
    await rig.sync();
    await rig.client.call('meetings:update', {
      id: m.id,
      changes: { start: T0 + HOUR, end: T0 + 2 * HOUR },
    });
    proxy.setFault((r) => (r.method === 'PUT' ? { kind: 'drop-after' } : { kind: 'pass' }));
    await rig.sync(); // the server moved it; we never heard
    await rig.client.call('meetings:update', { id: m.id, changes: { start: T0, end: T0 + HOUR } });
    proxy.setFault(() => ({ kind: 'pass' }));
    await rig.sync();
    await rig.sync();
    expect((await rig.serverMeetings()).map((x) => x.start_date)).toEqual([T0]);
    expect(await get(m.id)).toMatchObject({ sync: 'synced', start: T0 });
  });
});

describe('transient failures', () => {
  it('never change a meeting’s content or state, and are retried with a persisted backoff', async () => {
    const m = await rig.create({ name: 'Offline edit' });
    proxy.setDown(true);
    await rig.sync();
    const s = await status();
    expect(s).toMatchObject({ state: 'offline', pending: 1 });
    expect(s.nextAttemptAt).not.toBeNull();
    expect(await get(m.id)).toMatchObject({
      name: 'Offline edit',
      sync: 'pending',
      serverId: null,
    });

    proxy.setDown(false);
    proxy.setFault((r) =>
      r.method === 'POST' ? { kind: 'status', status: 503 } : { kind: 'pass' },
    );
    await rig.sync();
    expect((await status()).state).toBe('error');
    const [entry] = rig.client.engine.sync!.outbox.all();
    expect(entry?.next_attempt_at_ms).toBeGreaterThan(rig.client.clock.now());
    expect(entry?.last_error).toMatch(/503/);

    // A restart keeps the backoff: the next automatic pass does not hammer the server.
    const dataPath = rig.client.dataPath;
    await rig.client.engine.close();
    const reopened = openTestClient({ dataPath, clock: rig.client.clock });
    expect(reopened.engine.sync!.outbox.all()[0]?.next_attempt_at_ms).toBe(
      entry?.next_attempt_at_ms,
    );
    proxy.setFault(() => ({ kind: 'pass' }));
    await reopened.call('sync:now', {}); // the person asking: backoffs are skipped
    expect((await reopened.call('meetings:get', { id: m.id })).sync).toBe('synced');
    await reopened.engine.close();
  });

  it('a 429 pauses the whole queue for its Retry-After', async () => {
    await rig.create({ name: 'Busy server' });
    proxy.setFault((r) =>
      r.method === 'POST' ? { kind: 'rate-limit', retryAfterSeconds: 30 } : { kind: 'pass' },
    );
    await rig.sync();
    expect((await status()).state).toBe('error');
    proxy.setFault(() => ({ kind: 'pass' }));
    proxy.resetLog();
    await rig.sync(); // still paused: not one request
    expect(proxy.requests).toEqual([]);

    // The pause is stored, and a restart still says why nothing moves (not "up to date").
    await rig.client.engine.close();
    const reopened = openTestClient({ dataPath: rig.client.dataPath, clock: rig.client.clock });
    const paused = await reopened.call('sync:now', {});
    expect(proxy.requests).toEqual([]);
    expect(paused.state).toBe('error');
    expect(paused.message).toMatch(/wait/);
    expect(Date.parse(paused.nextAttemptAt!)).toBeGreaterThan(rig.client.clock.now());
    rig.client.clock.advance(31_000);
    await reopened.call('sync:now', {});
    expect((await rig.serverMeetings()).map((x) => x.name)).toEqual(['Busy server']);
    expect((await reopened.call('sync:status', {})).state).toBe('idle');
    await reopened.engine.close();
  });

  it('a truncated answer counts as unknown, and the pass is retried whole', async () => {
    const phone = await rig.device();
    await phone.call('POST', '/meetings.json', {
      name: 'On the phone',
      start_date: T0,
      end_date: T0 + HOUR,
      attendees: [],
    });
    proxy.setFault((r) => (r.method === 'GET' ? { kind: 'truncate' } : { kind: 'pass' }));
    await rig.sync();
    expect((await status()).state).toBe('error');
    proxy.setFault(() => ({ kind: 'pass' }));
    await rig.sync();
    const list = await rig.client.call('meetings:list', { from: T0 - 86400, to: T0 + 86400 });
    expect(list.map((x) => x.name)).toEqual(['On the phone']);
  });
});

describe('sessions', () => {
  it('renew once when the token expires, for every call waiting on it', async () => {
    for (const name of ['One', 'Two', 'Three']) await rig.create({ name });
    let expired = false;
    proxy.setFault((r) => {
      if (!expired && r.path.startsWith('/meetings')) {
        expired = true;
        return { kind: 'expire-session' };
      }
      return { kind: 'pass' };
    });
    await rig.sync();
    expect(proxy.requests.filter((r) => r.path.startsWith('/session'))).toHaveLength(1);
    expect((await rig.serverMeetings()).map((x) => x.name).sort()).toEqual(['One', 'Three', 'Two']);
  });

  it('ask to sign in again when the password changed, keep the queue, and resume after it', async () => {
    const phone = await rig.device();
    const me = (await rig.client.call('account:get', {}))!;
    await phone.call('PUT', `/users/${me.userId}.json`, {
      user: { password: 'new-secret-456', old_password: 'secret123' },
    });
    const m = await rig.create({ name: 'Waiting for sign-in' });
    proxy.setFault((r) =>
      r.path.startsWith('/meetings') ? { kind: 'expire-session' } : { kind: 'pass' },
    );
    await rig.sync();
    expect((await status()).state).toBe('needs_sign_in');
    expect(await rig.client.call('account:get', {})).toMatchObject({ login: 'sam' });
    expect((await get(m.id)).sync).toBe('pending');

    proxy.setFault(() => ({ kind: 'pass' }));
    await rig.connect('sam', 'new-secret-456'); // signing in again keeps the account and its outbox
    await rig.sync();
    expect((await status()).state).toBe('idle');
    expect((await rig.serverMeetings()).map((x) => x.name)).toContain('Waiting for sign-in');
  });
});

describe('the worker’s timing', () => {
  it('sends a local edit shortly after it is made, on its own', async () => {
    await rig.create({ name: 'Debounced' });
    expect(await rig.serverMeetings()).toEqual([]);
    await rig.client.clock.advanceAsync(1_500);
    await rig.client.engine.sync!.worker.waitForIdle();
    expect((await rig.serverMeetings()).map((x) => x.name)).toEqual(['Debounced']);
  });

  it('pulls on its interval without being asked', async () => {
    const phone = await rig.device();
    await phone.call('POST', '/meetings.json', {
      name: 'Interval',
      start_date: T0,
      end_date: T0 + HOUR,
      attendees: [],
    });
    await rig.client.clock.advanceAsync(75_000);
    await rig.client.engine.sync!.worker.waitForIdle();
    const list = await rig.client.call('meetings:list', { from: T0 - 86400, to: T0 + 86400 });
    expect(list.map((x) => x.name)).toEqual(['Interval']);
  });

  it('close() stops the worker and waits for the pass in flight, cancelling its requests', async () => {
    await rig.create({ name: 'In flight' });
    proxy.setFault(() => ({ kind: 'delay', ms: 5_000 }));
    const pass = rig.client.call('sync:now', {});
    await new Promise((r) => setTimeout(r, 100));
    expect(rig.client.engine.sync!.worker.busy()).toBe(true);
    const started = Date.now();
    await rig.client.engine.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    await pass.catch(() => undefined);
  });
});
