import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadDto, DownloadId } from '../../src-main/shared/contract';
import { fileHash, MB, sha256, startDownloadsRig, until, type DownloadsRig } from './downloads-rig';

// Issue 9, "Proof": downloads through the sync fault proxy against the real server, with real files.
let rig: DownloadsRig;
const SIZE = 3 * MB;

beforeAll(async () => {
  rig = await startDownloadsRig([SIZE, SIZE, SIZE, SIZE, SIZE, 2 * MB]);
}, 30_000);
afterAll(async () => {
  await (rig as DownloadsRig | undefined)?.close();
});

const start = (index: number) =>
  rig.client.call('downloads:start', {
    meetingId: rig.meeting.id,
    recordingId: rig.recordings[index]!.id,
  });
const source = (index: number) => sha256(rig.recordings[index]!.bytes);
const finished = (id: DownloadId): DownloadDto => {
  const d = rig.download(id);
  expect(d).toMatchObject({ state: 'done', error: null });
  return d;
};
const rangeStart = (range: string | null) =>
  range === null ? 0 : Number(/=(\d+)-/.exec(range)?.[1]);

describe('recording downloads', () => {
  it('lists the meeting’s recordings from the remote, then downloads one byte for byte', async () => {
    const list = await rig.client.call('recordings:list', { meetingId: rig.meeting.id });
    expect(list).toHaveLength(rig.recordings.length);
    const first = list.find((r) => r.id === rig.recordings[0]!.id);
    expect(first).toMatchObject({
      id: rig.recordings[0]!.id,
      meetingId: rig.meeting.id,
      duration: 61.5,
      size: SIZE,
      expiresAt: null,
      download: null,
    });
    expect(first!.participants).toEqual([{ id: rig.meeting.hostId, name: 'Sam' }]);

    const events: DownloadDto[] = [];
    const off = rig.client.app.events.on('downloads:changed', (d) => events.push(d));
    const queued = await start(0);
    expect(queued).toMatchObject({
      state: 'queued',
      bytesTotal: SIZE,
      fileName: expect.stringMatching(/^Weekly sync .*\.mp4$/),
    });
    await rig.drain();
    off();
    const done = finished(queued.id);
    expect(done.path).toBe(join(rig.folder, done.fileName));
    expect(fileHash(done.path!)).toBe(source(0));
    expect(existsSync(`${done.path!}.part`)).toBe(false);
    expect(events.map((e) => e.state)).toEqual(
      expect.arrayContaining(['queued', 'running', 'done']),
    );
    // The listing shows this device's download of each recording.
    const again = await rig.client.call('recordings:list', { meetingId: rig.meeting.id });
    expect(again.find((r) => r.id === queued.recordingId)!.download).toMatchObject({
      id: queued.id,
      state: 'done',
    });
  });

  it('resumes from the byte offset after the connection is cut mid-file', async () => {
    rig.fileRequests.length = 0;
    let cut = false;
    const seen = rig.proxy.requests.length;
    rig.proxy.setFault((req) => {
      if (!rig.isFile(req)) return { kind: 'pass' };
      rig.fileRequests.push({
        path: req.path,
        range: req.headers.range ?? null,
        ifRange: (req.headers['if-range'] as string | undefined) ?? null,
      });
      if (!cut) {
        cut = true;
        return { kind: 'cut-after', bytes: MB + 12_345 };
      }
      return { kind: 'stream' };
    });
    const job = await start(1);
    await rig.drain();
    finished(job.id);
    expect(fileHash(rig.download(job.id).path!)).toBe(source(1));
    const files = rig.proxy.requests
      .slice(seen)
      .filter((r) => r.path.startsWith('/recordings/files/'));
    expect(files).toHaveLength(2);
    const [first, second] = files;
    const resumeAt = rangeStart(rig.fileRequests[1]!.range);
    expect(rig.fileRequests[0]!.range).toBeNull();
    expect(rig.fileRequests[1]!.ifRange).toMatch(/^"[0-9a-f]{64}"$/);
    // Everything the client had kept was not fetched again.
    expect(resumeAt).toBeGreaterThan(MB / 2);
    expect(resumeAt).toBeLessThanOrEqual(first!.bodyBytes ?? 0);
    expect(second!.status).toBe(206);
    expect(second!.bodyBytes ?? 0).toBe(SIZE - resumeAt);
  });

  it('asks the API for a fresh link when the old one expired, and never retries it as is', async () => {
    let cut = false;
    const seen = rig.proxy.requests.length;
    rig.proxy.setFault((req) => {
      if (rig.isFile(req) && !cut) {
        cut = true;
        return { kind: 'cut-after', bytes: MB };
      }
      return { kind: 'stream' };
    });
    const job = await start(2);
    await rig.client.engine.downloads!.worker.waitForIdle();
    // The link was handed out an hour and more ago by the server's clock.
    rig.server.clock.advance(2 * 3600_000);
    await rig.drain();
    finished(job.id);
    expect(fileHash(rig.download(job.id).path!)).toBe(source(2));
    const log = rig.proxy.requests.slice(seen);
    const files = log.filter((r) => r.path.startsWith('/recordings/files/'));
    expect(files.map((r) => r.status)).toEqual([200, 403, 206]);
    expect(files[1]!.path).toBe(files[0]!.path); // the stale link, tried once
    expect(files[2]!.path).not.toBe(files[1]!.path); // then a new one
    const stale = log.indexOf(files[1]!);
    const refreshed = log.findIndex(
      (r, i) => i > stale && r.path.startsWith('/meetings/recordings/'),
    );
    expect(refreshed).toBeGreaterThan(stale);
    expect(refreshed).toBeLessThan(log.indexOf(files[2]!));
    expect(files[2]!.bodyBytes ?? 0).toBeLessThan(SIZE - MB / 2);
  });

  it('pauses (keeping the partial file), resumes from it, and cancels (removing it)', async () => {
    rig.fileRequests.length = 0;
    rig.proxy.setFault((req) => {
      if (!rig.isFile(req)) return { kind: 'pass' };
      rig.fileRequests.push({
        path: req.path,
        range: req.headers.range ?? null,
        ifRange: null,
      });
      return { kind: 'throttle', bytesPerSecond: 4 * MB };
    });
    const job = await start(3);
    await until(() => rig.download(job.id).bytesDone > 256 * 1024);
    const paused = await rig.client.call('downloads:pause', { downloadId: job.id });
    expect(paused.state).toBe('paused');
    const part = rig.client.engine.downloads!.jobs.byId(job.id)!.part_path;
    expect(existsSync(part)).toBe(true);
    expect(paused.bytesDone).toBeGreaterThan(0);
    rig.proxy.setFault((req) => {
      if (rig.isFile(req))
        rig.fileRequests.push({
          path: req.path,
          range: req.headers.range ?? null,
          ifRange: null,
        });
      return { kind: 'stream' };
    });
    expect((await rig.client.call('downloads:resume', { downloadId: job.id })).state).toBe(
      'queued',
    );
    await rig.drain();
    expect(fileHash(finished(job.id).path!)).toBe(source(3));
    expect(rangeStart(rig.fileRequests.at(-1)!.range)).toBe(paused.bytesDone);

    rig.proxy.setFault((req) =>
      rig.isFile(req) ? { kind: 'throttle', bytesPerSecond: 2 * MB } : { kind: 'pass' },
    );
    const other = await start(4);
    await until(() => rig.download(other.id).bytesDone > 0);
    const otherPart = rig.client.engine.downloads!.jobs.byId(other.id)!.part_path;
    const cancelled = await rig.client.call('downloads:cancel', { downloadId: other.id });
    expect(cancelled.state).toBe('cancelled');
    expect(existsSync(otherPart)).toBe(false);
    expect(readdirSync(rig.folder).filter((f) => f.endsWith('.part'))).toEqual([]);
    const listed = await rig.client.call('downloads:list', {});
    expect(listed.map((d) => d.id)).not.toContain(other.id);
    // Finished and cancelled downloads refuse what makes no sense for them.
    const bad = await rig.client.app.handlers['downloads:cancel']({ downloadId: job.id });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    rig.proxy.setFault(() => ({ kind: 'pass' }));
  });

  it('resumes rather than restarts when the engine is closed and opened mid-download', async () => {
    rig.fileRequests.length = 0;
    rig.proxy.setFault((req) => {
      if (!rig.isFile(req)) return { kind: 'pass' };
      rig.fileRequests.push({
        path: req.path,
        range: req.headers.range ?? null,
        ifRange: null,
      });
      return rig.fileRequests.length === 1
        ? { kind: 'throttle', bytesPerSecond: 2 * MB }
        : { kind: 'stream' };
    });
    const job = await start(4);
    await until(() => rig.download(job.id).bytesDone > 256 * 1024);
    await rig.reopen();
    await rig.drain();
    expect(fileHash(finished(job.id).path!)).toBe(source(4));
    expect(rig.fileRequests).toHaveLength(2);
    expect(rangeStart(rig.fileRequests[1]!.range)).toBeGreaterThan(256 * 1024);
    rig.proxy.setFault(() => ({ kind: 'pass' }));
  });

  it('never overwrites an existing file: the download gets the next free name', async () => {
    const planned = await start(5);
    // Someone saves a file under the planned name before the download finishes.
    writeFileSync(join(rig.folder, planned.fileName), 'mine');
    await rig.drain();
    const done = finished(planned.id);
    expect(done.fileName).toBe(planned.fileName.replace(/\.mp4$/, ' (1).mp4'));
    expect(fileHash(done.path!)).toBe(source(5));
    expect(sha256(Buffer.from('mine'))).toBe(fileHash(join(rig.folder, planned.fileName)));
  });
});
