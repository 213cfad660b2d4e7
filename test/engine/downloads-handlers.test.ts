import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerName } from '../../src-main/shared/contract';
import { openTestClient } from '../helpers/test-client';
import { MB, startDownloadsRig, type DownloadsRig } from './downloads-rig';

let rig: DownloadsRig;
const revealed: string[] = [];

beforeAll(async () => {
  rig = await startDownloadsRig([MB, MB], {
    downloads: { reveal: (path) => revealed.push(path) },
  });
}, 30_000);
afterAll(async () => {
  await (rig as DownloadsRig | undefined)?.close();
});

const raw = (name: HandlerName, arg: unknown) =>
  (rig.client.app.handlers[name] as (a: unknown) => Promise<unknown>)(arg);

describe('recordings and downloads handlers', () => {
  it.each([
    ['recordings:list', { meetingId: 'one' }, 'meetingId'],
    ['recordings:list', {}, 'meetingId'],
    ['downloads:start', { meetingId: 1, recordingId: '../../x' }, 'recordingId'],
    ['downloads:start', { meetingId: -1, recordingId: 'abc' }, 'meetingId'],
    ['downloads:pause', { downloadId: 0 }, 'downloadId'],
    ['downloads:resume', { downloadId: 1.5 }, 'downloadId'],
    ['downloads:cancel', { downloadId: '1' }, 'downloadId'],
    ['downloads:reveal', {}, 'downloadId'],
    ['downloads:list', { extra: true }, ''],
  ] as const)('%s %j answers a field error for %s', async (name, arg, field) => {
    const result = await raw(name, arg);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const fields = (result as { error: { fields?: Record<string, string[]> } }).error.fields ?? {};
    if (field !== '') expect(fields[field]).toEqual([expect.any(String)]);
  });

  it('checks the downloads folder: absolute, existing, a folder', async () => {
    const file = join(rig.folder, 'not-a-folder.txt');
    writeFileSync(file, 'x');
    for (const [folder, message] of [
      ['relative/path', /absolute/],
      [join(rig.folder, 'missing'), /does not exist/],
      [file, /not a folder/],
    ] as const) {
      const result = await raw('settings:update', { downloadsFolder: folder });
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'validation',
          fields: { downloadsFolder: [expect.stringMatching(message)] },
        },
      });
    }
    expect(await rig.client.call('settings:get', {})).toMatchObject({
      downloadsFolder: rig.folder,
      autoDownloadRecordings: false,
    });
  });

  it('says why recordings cannot be listed: unknown, not synced, unreachable', async () => {
    expect(await raw('recordings:list', { meetingId: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const start = Math.floor(rig.client.clock.now() / 1000) + 3600;
    const draft = await rig.client.call('meetings:create', {
      draft: { name: 'Draft', start, end: start + 1800, attendees: [] },
      asDraft: true,
    });
    expect(await raw('recordings:list', { meetingId: draft.id })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/not synced/) },
    });
    rig.proxy.setDown(true);
    try {
      expect(await raw('recordings:list', { meetingId: rig.meeting.id })).toMatchObject({
        ok: false,
        error: { code: 'unavailable' },
      });
    } finally {
      rig.proxy.setDown(false);
    }
    expect(
      await raw('downloads:start', {
        meetingId: rig.meeting.id,
        recordingId: 'ffffffffffffffffffffffff',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('answers without an account: nothing to list from', async () => {
    const lone = openTestClient();
    try {
      const start = Math.floor(lone.clock.now() / 1000) + 3600;
      const m = await lone.call('meetings:create', {
        draft: { name: 'Local', start, end: start + 1800, attendees: [] },
      });
      // Give it a remote id as if it had synced once, then lose the account.
      lone.engine.db.run({
        text: 'UPDATE meetings SET _id = ? WHERE id = ?',
        values: ['a'.repeat(24), m.id],
      });
      const result = await lone.app.handlers['recordings:list']({ meetingId: m.id });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'bad_request', message: 'No account is connected' },
      });
      const reveal = await lone.app.handlers['downloads:reveal']({ downloadId: 1 });
      expect(reveal).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      await lone.close();
    }
  });

  it('shows only a finished download’s own file in its folder', async () => {
    const job = await rig.client.call('downloads:start', {
      meetingId: rig.meeting.id,
      recordingId: rig.recordings[0]!.id,
    });
    expect(await raw('downloads:reveal', { downloadId: job.id })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    await rig.drain();
    expect(await rig.client.call('downloads:reveal', { downloadId: job.id })).toEqual({
      revealed: true,
    });
    expect(revealed).toEqual([rig.download(job.id).path]);
  });

  it('auto-downloads recordings of ended meetings once, never again after a cancel', async () => {
    await rig.client.call('settings:update', { autoDownloadRecordings: true });
    await rig.client.call('sync:now', {});
    await rig.client.engine.autoDownload!.waitForIdle();
    const jobs = rig.client.engine.downloads!.jobs;
    const auto = jobs.latestFor(rig.recordings[1]!.id);
    expect(auto).toMatchObject({ auto: 1 });
    // The recording downloaded by hand earlier is not queued a second time.
    expect(
      (await rig.client.call('downloads:list', {})).filter(
        (d) => d.recordingId === rig.recordings[0]!.id,
      ),
    ).toHaveLength(1);
    await rig.client.call('downloads:cancel', { downloadId: auto!.id });
    rig.client.clock.advance(60 * 60_000);
    await rig.client.call('sync:now', {});
    await rig.client.engine.autoDownload!.waitForIdle();
    expect(jobs.latestFor(rig.recordings[1]!.id)).toMatchObject({
      id: auto!.id,
      state: 'cancelled',
    });
  });
});
