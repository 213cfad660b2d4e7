import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeetingDto } from '../../src-main/shared/contract';
import type { Meeting } from '../../src-main/shared/meetings-api-types';
import { startSyncRig, T0, type SyncRig } from './sync-rig';

let rig: SyncRig;
beforeEach(async () => {
  rig = await startSyncRig();
});
afterEach(async () => {
  await rig.close();
});

const HOUR = 3600;
const byName = <T extends { name: string }>(list: readonly T[], name: string): T | undefined =>
  list.find((m) => m.name === name);

async function local(name: string): Promise<MeetingDto | undefined> {
  const list = await rig.client.call('meetings:list', {
    from: T0 - 40 * 86400,
    to: T0 + 40 * 86400,
  });
  return byName(list, name);
}

describe('connecting an account', () => {
  it('sends what was drafted offline, keeps drafts local, and makes the profile the remote user', async () => {
    await rig.create({ name: 'Planning' });
    await rig.create({ name: 'Retro', start: T0 + 2 * HOUR, end: T0 + 3 * HOUR });
    await rig.client.call('meetings:create', {
      draft: { name: 'Not ready', start: T0, end: T0 + HOUR, attendees: [] },
      asDraft: true,
    });
    expect((await local('Planning'))?.sync).toBe('local');

    const account = await rig.connect();
    expect((await local('Planning'))?.sync).toBe('pending');
    expect((await rig.client.call('profile:get', {})).userId).toBe(account.userId);

    await rig.sync();
    const remote = await rig.serverMeetings();
    expect(remote.map((m) => m.name).sort()).toEqual(['Planning', 'Retro']);
    const planning = await local('Planning');
    expect(planning).toMatchObject({ sync: 'synced', hostId: account.userId, readOnly: false });
    expect(planning?.serverId).toBe(byName(remote, 'Planning')?._id);
    expect(await local('Not ready')).toMatchObject({ sync: 'local', draft: true, serverId: null });

    // Sending the draft queues it like any other meeting.
    const draft = await local('Not ready');
    await rig.client.call('meetings:send', { id: draft!.id });
    await rig.sync();
    expect((await rig.serverMeetings()).map((m) => m.name)).toContain('Not ready');
  });

  it('refuses a wrong password, an unreachable server and a bad URL, each plainly, changing nothing', async () => {
    const attempt = (serverUrl: string, password = 'secret123') =>
      rig.client.app.handlers['account:connect']({
        serverUrl,
        appId: 1,
        authKey: 'test-auth-key',
        login: 'sam',
        password,
      });
    await (await rig.device('sam')).call('GET', '/meetings.json'); // the account exists
    const wrong = await attempt(rig.remoteUrl, 'not-the-password');
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: 'Wrong login or password.' },
    });
    const unreachable = await attempt('http://127.0.0.1:9');
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const plainHttp = await attempt('http://meet.example.com');
    expect(plainHttp).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { serverUrl: [expect.stringMatching(/https/)] } },
    });
    const garbage = await attempt('not a url');
    expect(garbage).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await rig.client.call('account:get', {})).toBeNull();
    expect((await rig.client.call('sync:status', {})).state).toBe('signed_out');
  });

  it('keeps the password, auth key and token out of the database file in plain text', async () => {
    await rig.connect('sam', 'a-rather-secret-password');
    await rig.sync();
    const bytes =
      readFileSync(rig.client.dataPath).toString('latin1') +
      readFileSync(`${rig.client.dataPath}-wal`).toString('latin1');
    expect(bytes).not.toContain('a-rather-secret-password');
    expect(bytes).not.toContain('test-auth-key');
    expect(bytes).toContain('sync_account');
  });
});

describe('pushing local edits', () => {
  beforeEach(async () => {
    await rig.connect();
  });

  it('coalesces consecutive updates into one partial PUT, in order, after the create', async () => {
    const m = await rig.create({ name: 'Standup' });
    for (let i = 1; i <= 5; i += 1) {
      await rig.client.call('meetings:update', { id: m.id, changes: { name: `Standup ${i}` } });
    }
    expect((await local('Standup 5'))?.sync).toBe('pending');
    await rig.sync();
    const writes = rig.seen.filter((r) => r.method !== 'GET' && !r.url.startsWith('/session'));
    expect(writes.map((r) => r.method)).toEqual(['POST']); // the create already carried the edits

    await rig.client.call('meetings:update', { id: m.id, changes: { name: 'Daily' } });
    await rig.client.call('meetings:update', { id: m.id, changes: { notify: true } });
    rig.seen.length = 0;
    await rig.sync();
    expect(rig.seen.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(byName(await rig.serverMeetings(), 'Daily')).toMatchObject({ notify: true });
    expect((await local('Daily'))?.sync).toBe('synced');
  });

  it('deletes on the server, and a delete of a never-sent meeting costs no request', async () => {
    const sent = await rig.create({ name: 'Sent' });
    await rig.sync();
    const unsent = await rig.create({ name: 'Unsent' });
    await rig.client.call('meetings:delete', { id: unsent.id });
    await rig.client.call('meetings:delete', { id: sent.id });
    rig.seen.length = 0;
    await rig.sync();
    expect(rig.seen.filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(rig.seen.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(await rig.serverMeetings()).toEqual([]);
  });

  it('undoes a delete before it was sent, and re-creates one undone after it was sent', async () => {
    const m = await rig.create({ name: 'Keep me' });
    await rig.sync();
    const serverId = (await local('Keep me'))?.serverId;
    await rig.client.call('meetings:delete', { id: m.id });
    rig.client.clock.advance(1_000);
    const restored = await rig.client.call('meetings:restore', { id: m.id });
    expect(restored).toMatchObject({ id: m.id, serverId, sync: 'synced' });
    expect(Date.parse(restored.updatedAt)).toBeGreaterThan(Date.parse(m.updatedAt));
    await rig.sync();
    expect((await rig.serverMeetings()).map((x) => x._id)).toEqual([serverId]);

    await rig.client.call('meetings:delete', { id: m.id });
    await rig.sync();
    expect(await rig.serverMeetings()).toEqual([]);
    await rig.client.call('meetings:restore', { id: m.id });
    await rig.sync();
    const again = await rig.serverMeetings();
    expect(again.map((x) => x.name)).toEqual(['Keep me']);
    expect(again[0]?._id).not.toBe(serverId);
    expect((await local('Keep me'))?.id).toBe(m.id);
  });

  it('never reuses a deleted meeting’s local id', async () => {
    const a = await rig.create({ name: 'A' });
    await rig.client.call('meetings:delete', { id: a.id });
    const b = await rig.create({ name: 'B' });
    expect(b.id).toBeGreaterThan(a.id);
  });

  it('marks a meeting the server refuses as error with the reason, and moves on', async () => {
    const other = await rig.create({ name: 'Fine' });
    const bad = await rig.create({ name: 'Bad' });
    // The server's rules are stricter than the local ones: too many attendees for one meeting.
    rig.client.engine.db.run({
      text: `UPDATE meetings SET name = ? WHERE id = ?`,
      values: ['x'.repeat(300), bad.id],
    });
    await rig.sync();
    const refused = await rig.client.call('meetings:get', { id: bad.id });
    expect(refused.sync).toBe('error');
    expect(refused.syncMessage).toMatch(/name/);
    expect((await rig.client.call('meetings:get', { id: other.id })).sync).toBe('synced');
    expect((await rig.client.call('sync:status', {})).errors).toBe(1);
  });
});

describe('pulling remote changes', () => {
  beforeEach(async () => {
    await rig.connect();
    await rig.sync();
  });

  it('brings home meetings created, changed and deleted on another device', async () => {
    const phone = await rig.device('sam');
    const made = await phone.call('POST', '/meetings.json', {
      name: 'From phone',
      start_date: T0,
      end_date: T0 + HOUR,
      attendees: [],
    });
    await rig.sync();
    expect(await local('From phone')).toMatchObject({ sync: 'synced', serverId: made.body._id });

    await phone.call('PUT', `/meetings/${made.body._id}.json`, { name: 'Renamed on phone' });
    await rig.sync();
    expect(await local('Renamed on phone')).toBeDefined();

    await phone.call('DELETE', `/meetings/${made.body._id}.json`);
    await rig.sync();
    expect(await local('Renamed on phone')).toBeUndefined();
  });

  it('shows invitations read-only and drops them when the host un-invites', async () => {
    const me = (await rig.client.call('account:get', {}))!.userId;
    const olga = await rig.device('olga');
    const invite = await olga.call('POST', '/meetings.json', {
      name: 'Olga’s review',
      start_date: T0,
      end_date: T0 + HOUR,
      attendees: [{ id: me }],
    });
    await rig.sync();
    // The host's name is looked up once, so the window can say who invited you.
    expect(await local('Olga’s review')).toMatchObject({
      readOnly: true,
      sync: 'synced',
      hostName: 'olga',
    });
    await olga.call('PUT', `/meetings/${invite.body._id}.json`, { attendees: [] });
    await rig.sync();
    expect(await local('Olga’s review')).toBeUndefined();
  });

  it('gives a pulled invitation its reminder, moves it with the host’s edit, and drops it on un-invite', async () => {
    const me = (await rig.client.call('account:get', {}))!.userId;
    const olga = await rig.device('olga');
    const invite = await olga.call('POST', '/meetings.json', {
      name: 'Reminded',
      start_date: T0,
      end_date: T0 + HOUR,
      attendees: [{ id: me }],
      notify_before: { metric: 'minutes', value: 15 },
    });
    await rig.sync();
    const reminders = rig.client.engine.reminders!;
    expect(reminders.armedFor()).toBe((T0 - 15 * 60) * 1000);
    await olga.call('PUT', `/meetings/${invite.body._id}.json`, {
      start_date: T0 + HOUR,
      end_date: T0 + 2 * HOUR,
    });
    await rig.sync();
    expect(reminders.armedFor()).toBe((T0 + HOUR - 15 * 60) * 1000);
    await olga.call('PUT', `/meetings/${invite.body._id}.json`, { attendees: [] });
    await rig.sync();
    expect(reminders.armedFor()).toBeNull();
  });

  it('costs at most two requests for a pass with nothing new', async () => {
    await rig.create({ name: 'Something' });
    await rig.sync();
    rig.seen.length = 0;
    await rig.sync();
    expect(rig.seen.length).toBeLessThanOrEqual(2);
  });
});

describe('conflicts', () => {
  let m: MeetingDto;
  let serverId: string;
  beforeEach(async () => {
    await rig.connect();
    m = await rig.create({ name: 'Design review' });
    await rig.sync();
    serverId = (await local('Design review'))!.serverId!;
  });

  const remoteEdit = async (body: Record<string, unknown>) =>
    (await rig.device('sam')).call('PUT', `/meetings/${serverId}.json`, body);

  it('merges fields changed on one side only, silently', async () => {
    await rig.client.call('meetings:update', { id: m.id, changes: { name: 'Design review v2' } });
    await remoteEdit({ notify: true, end_date: T0 + 2 * HOUR });
    await rig.sync();
    const after = await rig.client.call('meetings:get', { id: m.id });
    expect(after).toMatchObject({
      name: 'Design review v2',
      notify: true,
      end: T0 + 2 * HOUR,
      sync: 'synced',
    });
    const remote = (await rig.serverMeetings())[0] as Meeting;
    expect(remote).toMatchObject({
      name: 'Design review v2',
      notify: true,
      end_date: T0 + 2 * HOUR,
    });
  });

  it('makes clashing times a conflict the person settles: keep mine', async () => {
    await rig.client.call('meetings:update', {
      id: m.id,
      changes: { start: T0 + HOUR, end: T0 + 2 * HOUR },
    });
    await remoteEdit({ start_date: T0 + 3 * HOUR, end_date: T0 + 4 * HOUR });
    await rig.sync();
    expect((await rig.client.call('meetings:get', { id: m.id })).sync).toBe('conflict');
    const conflict = await rig.client.call('meetings:conflict', { id: m.id });
    expect(conflict).toMatchObject({ kind: 'changed', fields: ['start', 'end'] });
    expect(conflict.base?.start).toBe(T0);
    expect(conflict.mine.start).toBe(T0 + HOUR);
    expect(conflict.theirs?.start).toBe(T0 + 3 * HOUR);
    expect((await rig.client.call('sync:status', {})).conflicts).toBe(1);

    await rig.client.call('meetings:resolve', { id: m.id, keep: 'mine' });
    await rig.sync();
    expect((await rig.serverMeetings())[0]).toMatchObject({ start_date: T0 + HOUR });
    expect((await rig.client.call('meetings:get', { id: m.id })).sync).toBe('synced');
  });

  it('settles per field: their start, my end', async () => {
    await rig.client.call('meetings:update', {
      id: m.id,
      changes: { start: T0 + HOUR, end: T0 + 5 * HOUR },
    });
    await remoteEdit({ start_date: T0 + 2 * HOUR, end_date: T0 + 3 * HOUR });
    await rig.sync();
    await rig.client.call('meetings:resolve', {
      id: m.id,
      keep: 'mine',
      fields: { start: 'theirs' },
    });
    await rig.sync();
    expect((await rig.serverMeetings())[0]).toMatchObject({
      start_date: T0 + 2 * HOUR,
      end_date: T0 + 5 * HOUR,
    });
  });

  it('offers re-create or discard for a meeting deleted remotely while edited here', async () => {
    await rig.client.call('meetings:update', { id: m.id, changes: { name: 'Edited offline' } });
    await (await rig.device('sam')).call('DELETE', `/meetings/${serverId}.json`);
    await rig.sync();
    const conflict = await rig.client.call('meetings:conflict', { id: m.id });
    expect(conflict).toMatchObject({ kind: 'deleted_remotely', theirs: null });
    await rig.client.call('meetings:resolve', { id: m.id, keep: 'mine' });
    await rig.sync();
    const remote = await rig.serverMeetings();
    expect(remote.map((x) => x.name)).toEqual(['Edited offline']);
    expect(remote[0]?._id).not.toBe(serverId);
  });
});

describe('disconnecting', () => {
  it('keeps the meetings you host as local copies when asked, and drops everyone else’s', async () => {
    const account = await rig.connect();
    await rig.create({ name: 'Mine' });
    const olga = await rig.device('olga');
    await olga.call('POST', '/meetings.json', {
      name: 'Theirs',
      start_date: T0,
      end_date: T0 + HOUR,
      attendees: [{ id: account.userId }],
    });
    await rig.sync();
    const result = await rig.client.call('account:disconnect', { keepLocalCopies: true });
    expect(result).toEqual({ kept: 1, removed: 1 });
    expect(await local('Mine')).toMatchObject({ sync: 'local', serverId: null, readOnly: false });
    expect(await local('Theirs')).toBeUndefined();
    expect((await rig.client.call('sync:status', {})).state).toBe('signed_out');
  });

  it('removes the synced meetings when asked, keeping only what never left this computer', async () => {
    await rig.connect();
    await rig.create({ name: 'Synced' });
    await rig.sync();
    await rig.client.call('meetings:create', {
      draft: { name: 'Draft', start: T0, end: T0 + HOUR, attendees: [] },
      asDraft: true,
    });
    const result = await rig.client.call('account:disconnect', { keepLocalCopies: false });
    expect(result).toEqual({ kept: 1, removed: 1 });
    expect(await local('Synced')).toBeUndefined();
    expect(await local('Draft')).toBeDefined();
  });
});
