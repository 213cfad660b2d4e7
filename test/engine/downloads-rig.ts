import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DownloadDto, MeetingDto } from '../../src-main/shared/contract';
import type { DownloadsOptions } from '../../src-main/engine/downloads/downloads';
import { toDownloadDto } from '../../src-main/engine/downloads/jobs-repo';
import { startFaultProxy, type FaultProxy, type ProxiedRequest } from '../helpers/fault-proxy';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_APP } from '../helpers/test-engine';
import { openTestClient, type TestClient } from '../helpers/test-client';
import {
  endedMeeting,
  randomFile,
  sha256,
  startRecordingsServer,
  upload,
  type RecordingsServer,
} from '../server/recordings-harness';

export { MB, sha256 } from '../server/recordings-harness';

export type SeenFileRequest = { path: string; range: string | null; ifRange: string | null };

/**
 * The downloads' test bench: the real server on 127.0.0.1 with recordings ingested through its
 * ingest route, a fault proxy in front of it (download links are made under the proxy's URL, so
 * file GETs pass through it too), and the app's client-role engine signed in as the host.
 */
export type DownloadsRig = {
  server: RecordingsServer;
  proxy: FaultProxy;
  folder: string;
  dataPath: string;
  client: TestClient;
  meeting: MeetingDto;
  /** The remote recording `_id`s, with their files. */
  recordings: { id: string; bytes: Buffer }[];
  /** File GETs seen by the proxy, with the resume headers they carried. */
  fileRequests: SeenFileRequest[];
  isFile(req: ProxiedRequest): boolean;
  /** Runs the client's download worker until no job is due, moving its fake clock over retries. */
  drain(): Promise<void>;
  download(id: number): DownloadDto;
  reopen(options?: DownloadsOptions): Promise<TestClient>;
  close(): Promise<void>;
};

export async function startDownloadsRig(
  sizes: number[],
  options: { downloads?: DownloadsOptions } = {},
): Promise<DownloadsRig> {
  const server = await startRecordingsServer();
  const proxy = await startFaultProxy(server.url);
  server.engine.setPublicUrl(proxy.url);
  const temp = makeTempDir('convene-downloads-');
  const folder = join(temp.dir, 'Downloads');
  const dataPath = join(temp.dir, 'convene.db');
  const remote = await endedMeeting(server, 'sam', { record: true, name: 'Weekly sync' });
  const recordings: { id: string; bytes: Buffer }[] = [];
  for (const size of sizes) {
    const bytes = randomFile(size);
    const r = await upload(server.url, remote._id, bytes, {
      query: { participants_ids: String(remote.host_id), duration: '61.5' },
    });
    if (r.status !== 201) throw new Error(`ingest failed: ${r.status} ${JSON.stringify(r.body)}`);
    recordings.push({ id: (r.body as { _id: string })._id, bytes });
  }

  const fileRequests: SeenFileRequest[] = [];
  const isFile = (req: ProxiedRequest) => req.path.startsWith('/recordings/files/');
  const watch = () =>
    proxy.setFault((req) => {
      if (isFile(req)) {
        const header = (name: string) => {
          const v = req.headers[name];
          return typeof v === 'string' ? v : null;
        };
        fileRequests.push({ path: req.path, range: header('range'), ifRange: header('if-range') });
      }
      return { kind: 'pass' };
    });
  watch();

  const open = (downloads?: DownloadsOptions) =>
    openTestClient({
      dataPath,
      client: { requestTimeoutMs: 5_000, ...(downloads ? { downloads } : {}) },
    });
  let client = open(options.downloads);
  mkdirSync(folder, { recursive: true });
  await client.call('settings:update', { downloadsFolder: folder });
  await client.call('account:connect', {
    serverUrl: proxy.url,
    appId: TEST_APP.id,
    authKey: TEST_APP.authKey,
    login: 'sam',
    password: 'secret123',
  });
  await client.call('sync:now', {});
  const start = remote.start_date;
  const list = await client.call('meetings:list', { from: start - 86_400, to: start + 86_400 });
  const meeting = list.find((m) => m.serverId === remote._id);
  if (!meeting) throw new Error('the synced meeting is missing');

  const rig: DownloadsRig = {
    server,
    proxy,
    folder,
    dataPath,
    get client() {
      return client;
    },
    meeting,
    recordings,
    fileRequests,
    isFile,
    async drain() {
      const downloads = client.engine.downloads!;
      for (let i = 0; i < 30; i++) {
        await downloads.worker.waitForIdle();
        const active = downloads.jobs.active();
        if (active.length === 0) return;
        const next = Math.min(...active.map((j) => j.retry_after_ms ?? client.clock.now()));
        client.clock.advance(Math.max(0, next - client.clock.now()));
      }
      throw new Error('downloads did not settle');
    },
    download(id) {
      const row = client.engine.downloads!.jobs.byId(id);
      if (!row) throw new Error(`no job ${id}`);
      return toDownloadDto(row);
    },
    async reopen(downloads) {
      await client.engine.close();
      client = open(downloads);
      return client;
    },
    async close() {
      await client.close();
      await proxy.stop();
      await server.stop();
      temp.cleanup();
    },
  };
  return rig;
}

export const fileHash = (path: string): string => sha256(readFileSync(path));

/** Polls until `check` holds (real time: transfers run on real sockets). */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
