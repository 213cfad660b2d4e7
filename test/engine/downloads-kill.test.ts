import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DownloadDto } from '../../src-main/shared/contract';
import { startFaultProxy } from '../helpers/fault-proxy';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_APP } from '../helpers/test-engine';
import {
  endedMeeting,
  MB,
  randomFile,
  sha256,
  startRecordingsServer,
  upload,
} from '../server/recordings-harness';
import { killLiveShells, startShellProcess } from '../sync/shell-process';
import { fileHash, until } from './downloads-rig';

// Issue 9, "Proof": the web shell killed (kill -9) mid-download and started again resumes the
// download from its partial file rather than starting over, and the file's SHA-256 is the source's.

const temp = makeTempDir('convene-dl-kill-');
afterAll(() => {
  killLiveShells();
  temp.cleanup();
});

const ok = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

describe('a download when the web shell is killed', () => {
  it('resumes after kill -9 and a restart, and finishes with the right hash', async () => {
    const server = await startRecordingsServer();
    const proxy = await startFaultProxy(server.url);
    server.engine.setPublicUrl(proxy.url);
    try {
      const remote = await endedMeeting(server, 'kim', { record: true, name: 'Retro' });
      const bytes = randomFile(6 * MB);
      const ingested = await upload(server.url, remote._id, bytes, {
        query: { participants_ids: String(remote.host_id), duration: '30' },
      });
      expect(ingested.status).toBe(201);
      const ranges: (string | null)[] = [];
      proxy.setFault((req) => {
        if (!req.path.startsWith('/recordings/files/')) return { kind: 'pass' };
        ranges.push(req.headers.range ?? null);
        return ranges.length === 1
          ? { kind: 'throttle', bytesPerSecond: 2 * MB }
          : { kind: 'stream' };
      });

      const dataPath = join(temp.dir, 'convene.db');
      const folder = temp.dir;
      let shell = await startShellProcess(dataPath);
      ok(await shell.call('settings:update', { downloadsFolder: folder }));
      ok(
        await shell.call('account:connect', {
          serverUrl: proxy.url,
          appId: TEST_APP.id,
          authKey: TEST_APP.authKey,
          login: 'kim',
          password: 'secret123',
        }),
      );
      ok(await shell.call('sync:now', {}));
      const from = remote.start_date - 86_400;
      const meetings = ok(await shell.call('meetings:list', { from, to: from + 2 * 86_400 }));
      const meeting = meetings.find((m) => m.serverId === remote._id)!;
      const job = ok(
        await shell.call('downloads:start', {
          meetingId: meeting.id,
          recordingId: ingested.body._id as string,
        }),
      );
      const partSize = () => {
        const part = readdirSync(folder).find((f) => f.endsWith('.part'));
        return part ? statSync(join(folder, part)).size : 0;
      };
      await until(() => partSize() > MB, 15_000);
      await shell.kill9();
      const kept = partSize();
      expect(kept).toBeGreaterThan(MB);
      expect(kept).toBeLessThan(bytes.length);

      shell = await startShellProcess(dataPath);
      let done: DownloadDto | undefined;
      const end = Date.now() + 20_000;
      while (Date.now() < end) {
        const list = ok(await shell.call('downloads:list', {}));
        done = list.find((d) => d.id === job.id && d.state === 'done');
        if (done) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await shell.kill9();
      expect(done?.path).toBeTruthy();
      expect(fileHash(done!.path!)).toBe(sha256(bytes));
      expect(ranges).toHaveLength(2);
      expect(ranges[0]).toBeNull();
      const resumedAt = Number(/bytes=(\d+)-/.exec(ranges[1] ?? '')?.[1]);
      expect(resumedAt).toBe(kept); // from what was on disk, not from 0
      expect(readdirSync(folder).filter((f) => f.endsWith('.part'))).toEqual([]);
    } finally {
      await proxy.stop();
      await server.stop();
    }
  }, 60_000);
});
