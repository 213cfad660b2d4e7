import { basename } from 'node:path';
import type { DownloadDto } from '../../shared/contract';
import type { Clock } from '../clock';
import type { Logger } from '../engine';
import type { TimerHandle, Timers } from '../timers';
import { toDownloadDto, type JobChanges, type JobRow, type JobsRepo } from './jobs-repo';
import { hashFile, moveIntoPlace, removePart, sizeOf } from './part-files';
import { transferOnce, type Attempt } from './transfer';

/** A fresh signed link, or why none can be had: `transient` is retried later, `gone` is final. */
export type LinkResult =
  | { kind: 'link'; url: string }
  | { kind: 'transient'; message: string }
  | { kind: 'gone'; message: string };

export type DownloadWorkerDeps = {
  jobs: JobsRepo;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  fetch: typeof fetch;
  /** Asks the API for the recording's current `download_url` (links expire after an hour). */
  freshLink(job: JobRow): Promise<LinkResult>;
  onChange(download: DownloadDto): void;
  /** For progress throttling only (monotonic ms); the clock may be a fake that never moves. */
  ticks?: () => number;
  random?: () => number;
};

/** Signal's job queue: a few tries with capped exponential backoff and full jitter, then `failed`. */
const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 5 * 60_000;
/** At most five progress events a second per job (plus one on every state change). */
const PROGRESS_EVERY_MS = 200;

type StopReason = 'pause' | 'cancel' | 'stop';
type Running = {
  id: number;
  abort: AbortController;
  reason: StopReason | null;
  done: Promise<void>;
};

/** Thrown by `pause`/`resume`/`cancel` for a job in a state that does not allow it. */
export class JobStateError extends Error {
  override readonly name = 'JobStateError';
}

/**
 * Runs download jobs one at a time (STYLE.md, "Workers"): durable state in `download_jobs`, a
 * `start()` / `stop()` / `waitForIdle()` lifecycle owned by the engine, time and I/O injected.
 * A stop aborts the transfer but leaves the job `running` in the table, so the next start resumes
 * it from the bytes in its `.part` file.
 */
export function createDownloadWorker(deps: DownloadWorkerDeps) {
  const { jobs, clock, timers, logger } = deps;
  const ticks = deps.ticks ?? (() => performance.now());
  const random = deps.random ?? Math.random;
  let started = false;
  let pass: Promise<void> | null = null;
  let again = false;
  let timer: TimerHandle | undefined;
  let running: Running | null = null;

  function save(id: number, changes: JobChanges): JobRow | undefined {
    const row = jobs.update(id, changes);
    if (row) deps.onChange(toDownloadDto(row));
    return row;
  }

  function kick(): void {
    if (!started) return;
    if (pass) {
      again = true;
      return;
    }
    timers.clearTimeout(timer);
    timer = undefined;
    pass = loop()
      .catch((error: unknown) => {
        logger.error('download pass failed', { error: String(error) });
      })
      .finally(() => {
        pass = null;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  async function loop(): Promise<void> {
    while (started) {
      const now = clock.now();
      const active = jobs.active();
      const due = active.find((j) => j.retry_after_ms === null || j.retry_after_ms <= now);
      if (!due) {
        const next = Math.min(...active.map((j) => j.retry_after_ms ?? Infinity));
        if (Number.isFinite(next)) timer = timers.setTimeout(kick, Math.max(0, next - now));
        return;
      }
      let finish!: () => void;
      const done = new Promise<void>((resolve) => (finish = resolve));
      running = { id: due.id, abort: new AbortController(), reason: null, done };
      try {
        await runJob(due, running);
      } finally {
        running = null;
        finish();
      }
    }
  }

  async function runJob(initial: JobRow, run: Running): Promise<void> {
    let job = save(initial.id, { state: 'running', retry_after_ms: null }) ?? initial;
    let url = job.url;
    let refreshed = false;
    for (;;) {
      if (url === null) {
        const fresh = await deps.freshLink(job);
        if (run.reason) return settleAborted(job, run.reason);
        if (fresh.kind === 'gone') {
          save(job.id, { state: 'failed', error: fresh.message });
          return;
        }
        if (fresh.kind === 'transient') {
          retryLater(job, fresh.message, null);
          return;
        }
        url = fresh.url;
        refreshed = true;
        job = save(job.id, { url }) ?? job;
      }
      const attempt = await transfer(job, url, run);
      job = jobs.byId(job.id) ?? job;
      switch (attempt.kind) {
        case 'aborted':
          return settleAborted(job, run.reason ?? 'stop');
        case 'expired':
          // Never retried as is: the next turn asks the API for a new link (once per run).
          job = save(job.id, { url: null }) ?? job;
          if (refreshed) {
            retryLater(job, 'The server refused a fresh download link', null);
            return;
          }
          url = null;
          continue;
        case 'gone':
          save(job.id, { state: 'failed', error: attempt.message });
          return;
        case 'transient':
          retryLater(job, attempt.message, attempt.retryAfterMs);
          return;
        case 'done':
          return finish(job, attempt);
      }
    }
  }

  async function transfer(job: JobRow, url: string, run: Running): Promise<Attempt> {
    let lastEmit = ticks();
    return transferOnce({
      fetch: deps.fetch,
      url,
      partPath: job.part_path,
      etag: job.etag,
      signal: run.abort.signal,
      onStart: ({ etag, total, offset }) => {
        // The server's own length wins over the API's size (megabytes, rounded by some servers);
        // a fresh answer without one (chunked) leaves the size unknown rather than guessed.
        const bytesTotal = total ?? (offset > 0 ? job.bytes_total : null);
        save(job.id, { etag, bytes_total: bytesTotal, bytes_done: offset });
      },
      onProgress: (bytes) => {
        const now = ticks();
        if (now - lastEmit < PROGRESS_EVERY_MS) return;
        lastEmit = now;
        save(job.id, { bytes_done: bytes });
      },
    });
  }

  function retryLater(job: JobRow, message: string, retryAfterMs: number | null): void {
    const attempts = job.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) {
      save(job.id, { state: 'failed', attempts, error: message, retry_after_ms: null });
      return;
    }
    const backoff = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1));
    const delay = retryAfterMs ?? Math.round(backoff / 2 + (random() * backoff) / 2);
    save(job.id, {
      state: 'queued',
      attempts,
      error: message,
      retry_after_ms: clock.now() + delay,
    });
  }

  async function settleAborted(job: JobRow, reason: StopReason): Promise<void> {
    const bytes = await sizeOf(job.part_path);
    if (reason === 'pause') save(job.id, { state: 'paused', bytes_done: bytes });
    else if (reason === 'cancel') {
      await removePart(job.part_path);
      save(job.id, { state: 'cancelled', bytes_done: 0 });
    } else jobs.update(job.id, { bytes_done: bytes }); // stays `running`: resumed on next start
  }

  async function finish(job: JobRow, attempt: Extract<Attempt, { kind: 'done' }>): Promise<void> {
    if (job.bytes_total !== null && attempt.bytes !== job.bytes_total) {
      await removePart(job.part_path);
      save(job.id, { etag: null, bytes_done: 0 });
      retryLater(job, `Size mismatch (${attempt.bytes} of ${job.bytes_total} bytes)`, 0);
      return;
    }
    // A Convene server's ETag is the file's SHA-256; then the whole file is checked against it.
    const expected = /^"([0-9a-f]{64})"$/.exec(job.etag ?? '')?.[1];
    if (expected) {
      const actual = attempt.sha256 ?? (await hashFile(job.part_path));
      if (actual !== expected) {
        await removePart(job.part_path);
        save(job.id, { etag: null, bytes_done: 0 });
        retryLater(job, 'The downloaded file did not match its checksum', 0);
        return;
      }
    }
    const finalPath = await moveIntoPlace(job.part_path, job.file_name);
    save(job.id, {
      state: 'done',
      bytes_done: attempt.bytes,
      bytes_total: attempt.bytes,
      final_path: finalPath,
      file_name: basename(finalPath),
      error: null,
      url: null,
    });
  }

  /** Waits until `id` is no longer the running job (it was told to stop). */
  async function interrupt(id: number, reason: StopReason): Promise<boolean> {
    if (running?.id !== id) return false;
    running.reason = reason;
    running.abort.abort();
    await running.done;
    return true;
  }

  return {
    start(): void {
      if (started) return;
      started = true;
      kick();
    },
    kick,
    async pause(id: number): Promise<JobRow | undefined> {
      const job = jobs.byId(id);
      if (!job) return undefined;
      if (await interrupt(id, 'pause')) return jobs.byId(id);
      if (job.state === 'queued' || job.state === 'running' || job.state === 'failed')
        return save(id, { state: 'paused', retry_after_ms: null });
      if (job.state === 'paused') return job;
      throw new JobStateError(`A ${job.state} download cannot be paused`);
    },
    resume(id: number): JobRow | undefined {
      const job = jobs.byId(id);
      if (!job) return undefined;
      if (job.state === 'queued' || job.state === 'running') return job;
      if (job.state !== 'paused' && job.state !== 'failed')
        throw new JobStateError(`A ${job.state} download cannot be resumed`);
      const row = save(id, { state: 'queued', attempts: 0, retry_after_ms: null, error: null });
      kick();
      return row;
    },
    async cancel(id: number): Promise<JobRow | undefined> {
      const job = jobs.byId(id);
      if (!job) return undefined;
      if (await interrupt(id, 'cancel')) return jobs.byId(id);
      if (job.state === 'cancelled') return job;
      if (job.state === 'done') throw new JobStateError('A finished download cannot be cancelled');
      await removePart(job.part_path);
      return save(id, { state: 'cancelled', bytes_done: 0, retry_after_ms: null });
    },
    /** Resolves once no job is due (jobs waiting out a retry do not count). */
    async waitForIdle(): Promise<void> {
      while (pass) await pass;
    },
    busy: () => pass !== null,
    /** Aborts the transfer in flight (its job resumes on the next start) and waits for it. */
    async stop(): Promise<void> {
      started = false;
      timers.clearTimeout(timer);
      timer = undefined;
      if (running) {
        running.reason = 'stop';
        running.abort.abort();
      }
      while (pass) await pass;
    },
  };
}

export type DownloadWorker = ReturnType<typeof createDownloadWorker>;
