import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isoAt, type Clock } from '../clock';
import type { Database } from '../db/database';
import type { Logger } from '../engine';
import type { TimerHandle, Timers } from '../timers';
import { FILE_UID_PATTERN, oldFiles, removeFileSync } from './recording-files';
import type { RecordingsRepo } from './recordings-repo';
import type { WebhookQueueRepo } from './webhook/webhook-queue-repo';

export type SweeperDeps = {
  db: Database;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  repo: RecordingsRepo;
  webhooks: WebhookQueueRepo;
  dir: string;
  retentionMs: number;
  /** Temp files of uploads in flight in this process: never leftovers, however old. */
  activeUploads: ReadonlySet<string>;
};

const HOUR_MS = 60 * 60 * 1000;
/** A temp or unreferenced file this old is a leftover (a crash mid-upload), not work in progress. */
const LEFTOVER_AGE_MS = 24 * HOUR_MS;
const BATCH = 200;

/**
 * Deletes recordings, and the files no other recording shares, once they are older than the
 * retention period (the host keeps them until then, even after the meeting is deleted). Runs at
 * start, then when the oldest recording expires, and at least hourly: a 30-day wait does not fit
 * in one timer (Node's limit is about 24.8 days), and an hourly look costs one indexed query.
 *
 * The deleting is synchronous and the next timer is set before any file I/O, so the timer chain
 * never waits on the disk (and a fake clock drives it exactly); the look for leftovers of crashed
 * uploads runs on the side, one at a time.
 */
export function createRetentionSweeper(deps: SweeperDeps) {
  const { db, clock, timers, logger, repo } = deps;
  let timer: TimerHandle | undefined;
  let scanning: Promise<void> | undefined;
  let stopped = true;

  /**
   * One batch in one transaction: rows and the files they leave unreferenced go together, so an
   * ingest (whose rename runs inside its own transaction) can never see a file this sweep is
   * about to delete. A file that cannot be deleted rolls its rows back, for the next sweep.
   */
  function sweepBatch(cutoff: string): { recordings: number; files: number } {
    return db.transaction(() => {
      const rows = repo.expired(cutoff, BATCH);
      for (const row of rows) repo.remove(row.id);
      let files = 0;
      for (const fileUid of new Set(rows.map((r) => r.file_uid))) {
        if (!FILE_UID_PATTERN.test(fileUid) || repo.isFileReferenced(fileUid)) continue;
        removeFileSync(deps.dir, fileUid);
        files += 1;
      }
      return { recordings: rows.length, files };
    });
  }

  async function removeLeftovers(): Promise<void> {
    let removed = 0;
    for (const file of await oldFiles(deps.dir, clock.now() - LEFTOVER_AGE_MS)) {
      if (stopped) break;
      const path = join(deps.dir, file.name);
      if (file.temp) {
        if (deps.activeUploads.has(path)) continue;
        await rm(path, { force: true });
      } else {
        // Stored but never committed (a crash between rename and commit): no row names it.
        if (!FILE_UID_PATTERN.test(file.name) || repo.isFileReferenced(file.name)) continue;
        removeFileSync(deps.dir, file.name);
      }
      removed += 1;
    }
    if (removed > 0) logger.info('recording leftovers removed', { files: removed });
  }

  function scanForLeftovers(): void {
    scanning ??= removeLeftovers()
      .catch((error: unknown) => {
        logger.warn('looking for recording leftovers failed', { error: String(error) });
      })
      .finally(() => {
        scanning = undefined;
      });
  }

  /** Deletes one batch of expired recordings; true if there may be more. */
  function sweep(): boolean {
    const now = clock.now();
    try {
      const batch = sweepBatch(isoAt(now - deps.retentionMs));
      if (batch.recordings > 0) logger.info('expired recordings deleted', batch);
      deps.webhooks.purgeFinished(now - deps.retentionMs);
      return batch.recordings === BATCH;
    } catch (error) {
      logger.error('recordings sweep failed', { error: String(error) });
      return false;
    }
  }

  function tick(): void {
    timer = undefined;
    if (stopped) return;
    const more = sweep();
    // A backlog (a first start after a long downtime) goes batch by batch, letting requests in.
    schedule(more ? 0 : undefined);
    if (!more) scanForLeftovers();
  }

  function schedule(wait?: number): void {
    timers.clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    const oldest = repo.oldestCreatedAt();
    const due = oldest === null ? Infinity : Date.parse(oldest) + deps.retentionMs;
    timer = timers.setTimeout(
      tick,
      wait ?? Math.min(HOUR_MS, Math.max(1000, due - clock.now() + 1)),
    );
  }

  return {
    /** Sweeps now (at start), then keeps sweeping as recordings expire. */
    start(): void {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    /**
     * Stops at once. Nothing needs waiting for: every database step is synchronous, and a look
     * for leftovers checks `stopped` before each file.
     */
    stop(): void {
      stopped = true;
      timers.clearTimeout(timer);
      timer = undefined;
    },
    /** Resolves when no look for leftovers is running (tests). */
    async waitForIdle(): Promise<void> {
      while (scanning) await scanning;
    },
  };
}

export type RetentionSweeper = ReturnType<typeof createRetentionSweeper>;
