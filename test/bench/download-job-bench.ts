import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createAppHandlers } from '../../src-main/engine/app/app-handlers';
import { ensureLocalProfile } from '../../src-main/engine/app/local-profile';
import { createEngine } from '../../src-main/engine/engine';
import { createKeyFileSecretStore } from '../../src-main/engine/sync/secret-store';
import type { Row } from './report';
import { fmtRatio } from './stats';

export type DownloadJobBench = {
  dir: string;
  serverUrl: string;
  authKey: string;
  login: string;
  meetingServerId: string;
  recordingId: string;
  bareUrl: string;
  fileMb: number;
  runs: number;
  log: (line: string) => void;
};

/** The baseline a download job is measured against: fetch streamed to a file, then fsync. */
async function bareFetch(url: string, to: string, hashed: boolean): Promise<void> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`bare fetch answered ${response.status}`);
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (hashed) hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body), tap, createWriteStream(to));
  if (hashed) hash.digest('hex');
  const handle = await open(to, 'r+');
  await handle.sync();
  await handle.close();
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * The app's side of a recording download: the client-role engine's persisted job (fresh link from
 * the API, streamed to `.part`, SHA-256 checked against the ETag, fsync, link into place) beside a
 * bare `fetch` streaming the same file from a bare node:http server to disk, in the same process
 * (the server too runs in this process, as in the rest of this bench), with and without hashing.
 */
export async function benchDownloadJob(options: DownloadJobBench): Promise<Row> {
  const folder = join(options.dir, 'job-downloads');
  const dataPath = join(options.dir, 'download-job-client.db');
  const engine = createEngine({
    databasePath: dataPath,
    application: { id: 1 },
    role: 'client',
    client: { secrets: createKeyFileSecretStore(`${dataPath}.key`), syncIntervalMs: 3_600_000 },
  });
  try {
    const app = createAppHandlers(engine, ensureLocalProfile(engine, 'Bench'));
    const call = async <T>(
      result: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>,
    ) => {
      const r = await result;
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    };
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    await call(app.handlers['settings:update']({ downloadsFolder: folder }));
    await call(
      app.handlers['account:connect']({
        serverUrl: options.serverUrl,
        appId: 1,
        authKey: options.authKey,
        login: options.login,
        password: 'secret123',
      }),
    );
    await call(app.handlers['sync:now']({}));
    const local = engine.db.get<{ id: number }>({
      text: 'SELECT id FROM meetings WHERE _id = ?',
      values: [options.meetingServerId],
    });
    if (!local) throw new Error('the bench meeting did not sync');

    const ours: number[] = [];
    const bare: number[] = [];
    const bareHashed: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const started = performance.now();
      const job = await call(
        app.handlers['downloads:start']({
          meetingId: local.id,
          recordingId: options.recordingId,
        }),
      );
      await engine.downloads!.worker.waitForIdle();
      ours.push(performance.now() - started);
      const row = engine.downloads!.jobs.byId(job.id);
      if (row?.state !== 'done' || row.final_path === null)
        throw new Error(`the download job ended ${row?.state ?? 'missing'}: ${row?.error ?? ''}`);
      await rm(row.final_path);

      const target = join(folder, `bare-${String(i)}.bin`);
      const t0 = performance.now();
      await bareFetch(options.bareUrl, target, false);
      bare.push(performance.now() - t0);
      await rm(target);
      const t1 = performance.now();
      await bareFetch(options.bareUrl, target, true);
      bareHashed.push(performance.now() - t1);
      await rm(target);
    }
    const rate = (ms: number) => (options.fileMb / ms) * 1000;
    const fmt = (ms: number) => `${rate(ms).toFixed(0)} MB/s`;
    options.log(
      `  app download job ${ours.map(fmt).join(', ')}; bare fetch ${bare.map(fmt).join(', ')}; bare fetch + SHA-256 ${bareHashed.map(fmt).join(', ')}`,
    );
    return {
      measurement: `app download job, ${String(options.fileMb)} MB over loopback: API link, .part, SHA-256 check, fsync, link into place (MB/s, median of ${String(options.runs)})`,
      convene: fmt(median(ours)),
      baseline: `${fmt(median(bare))} (bare fetch of a node:http file stream to disk + fsync, same process); with SHA-256 ${fmt(median(bareHashed))}`,
      ratio: `${fmtRatio(rate(median(ours)) / rate(median(bare)))} of baseline`,
      aim: '—',
      met: null,
    };
  } finally {
    await engine.close();
  }
}
