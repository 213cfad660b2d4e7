import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { copyFile, open, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createEngine } from '../../src-main/engine/engine';
import { buildServer } from '../../src-main/server/build-server';
import { benchDownloadJob } from './download-job-bench';
import type { Row } from './report';
import { fmtRatio } from './stats';

const FILE_MB = 200;
const RUNS = 3;
const AUTH_KEY = 'bench-recordings-key';

type Transfer = { ms: number; bytes: number; status: number };

/** Runs the transfer client in its own process and returns what it measured. */
function transfer(args: string[]): Promise<Transfer> {
  const client = join(import.meta.dirname, 'file-transfer-client.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', client, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`transfer client exited with ${String(code)}`));
      else resolve(JSON.parse(out) as Transfer);
    });
  });
}

async function writeRandomFile(path: string, megabytes: number): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < megabytes; i++) {
    if (!out.write(randomBytes(1024 * 1024)))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
}

/** The baseline's copy does what an ingest does to the disk: stream it over, then fsync. */
async function streamCopy(from: string, to: string): Promise<void> {
  await pipeline(createReadStream(from, { highWaterMark: 1024 * 1024 }), createWriteStream(to));
  const handle = await open(to, 'r+');
  await handle.sync();
  await handle.close();
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const rate = (ms: number) => (FILE_MB / ms) * 1000;
const fmtMBs = (ms: number) => `${rate(ms).toFixed(0)} MB/s`;

/**
 * Recording files through the server: ingest of a 200 MB file over loopback (streamed to disk,
 * hashed, fsynced, renamed) beside copying the same file on the same disk, and its download
 * through the signed link beside a bare node:http server streaming the same file. Both clients
 * are one small process of their own; each figure is the median of three runs.
 */
export async function benchRecordings(dir: string, log: (line: string) => void) {
  const source = join(dir, 'recording-source.bin');
  log(`  writing a ${String(FILE_MB)} MB random file...`);
  await writeRandomFile(source, FILE_MB);

  const engine = createEngine({
    databasePath: join(dir, 'recordings-bench.db'),
    application: { id: 1, authKey: AUTH_KEY },
    recordings: { dir: join(dir, 'recordings'), workers: false },
  });
  const app = await buildServer(engine);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${String((app.server.address() as AddressInfo).port)}`;
  engine.setPublicUrl(url);
  const host = await engine.users.signUp({ login: 'bench-host', password: 'secret123' });
  const end = Math.floor(Date.now() / 1000) - 60;
  const meeting = engine.meetings.create(host, {
    name: 'Bench',
    start_date: end - 3600,
    end_date: end,
    attendees: [],
  });

  const bare = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'video/mp4',
      'content-length': String(statSync(source).size),
    });
    createReadStream(source, { highWaterMark: 64 * 1024 }).pipe(res);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${String((bare.address() as AddressInfo).port)}/file`;

  try {
    const ingest: number[] = [];
    const copy: number[] = [];
    const copyFileMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // The same bytes each run: every run still streams, hashes, fsyncs and renames the file
      // and adds a row (identical uploads share one file name).
      const up = await transfer([
        'upload',
        `${url}/meetings/recordings/${meeting._id}?duration=3600`,
        source,
        JSON.stringify({ 'cb-authkey': AUTH_KEY, 'content-type': 'video/mp4' }),
      ]);
      if (up.status !== 201) throw new Error(`ingest answered ${String(up.status)}`);
      ingest.push(up.ms);
      const target = join(dir, `copy-${String(i)}.bin`);
      copy.push(await timed(() => streamCopy(source, target)));
      await rm(target);
      copyFileMs.push(await timed(() => copyFile(source, target)));
      await rm(target);
    }
    log(`  ingest ${ingest.map(fmtMBs).join(', ')}; stream copy ${copy.map(fmtMBs).join(', ')}`);

    const [recording] = engine.recordings.ofMeeting(meeting._id);
    if (!recording) throw new Error('no recording was stored');
    const down: number[] = [];
    const bareDown: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ours = await transfer(['download', recording.download_url]);
      const theirs = await transfer(['download', bareUrl]);
      if (ours.status !== 200 || ours.bytes !== FILE_MB * 1024 * 1024) {
        throw new Error(
          `download answered ${String(ours.status)} with ${String(ours.bytes)} bytes`,
        );
      }
      down.push(ours.ms);
      bareDown.push(theirs.ms);
    }
    log(
      `  download ${down.map(fmtMBs).join(', ')}; bare node:http ${bareDown.map(fmtMBs).join(', ')}`,
    );

    const rows: Row[] = [
      {
        measurement: `recording ingest, ${String(FILE_MB)} MB over loopback: streamed to disk, SHA-256, fsync, rename, row (MB/s, median of ${String(RUNS)})`,
        convene: fmtMBs(median(ingest)),
        baseline: `${fmtMBs(median(copy))} (stream copy + fsync); fs.copyFile ${fmtMBs(median(copyFileMs))}`,
        ratio: `${fmtRatio(rate(median(ingest)) / rate(median(copy)))} of stream copy`,
        aim: '—',
        met: null,
      },
      {
        measurement: `recording download, ${String(FILE_MB)} MB through the signed link (MB/s, median of ${String(RUNS)})`,
        convene: fmtMBs(median(down)),
        baseline: `${fmtMBs(median(bareDown))} (bare node:http file stream)`,
        ratio: `${fmtRatio(rate(median(down)) / rate(median(bareDown)))} of baseline`,
        aim: '—',
        met: null,
      },
      await benchDownloadJob({
        dir,
        serverUrl: url,
        authKey: AUTH_KEY,
        login: 'bench-host',
        meetingServerId: meeting._id,
        recordingId: recording._id,
        bareUrl,
        fileMb: FILE_MB,
        runs: RUNS,
        log,
      }),
    ];
    return { rows };
  } finally {
    await app.close();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
    await engine.close();
  }
}
