import type { Recording } from '../../../shared/meetings-api-types';
import type { Clock } from '../../clock';
import type { Logger } from '../../engine';
import type { TimerHandle, Timers } from '../../timers';
import { retryDelayMs } from './backoff';
import type { WebhookEventRow, WebhookQueueRepo } from './webhook-queue-repo';
import type { WebhookSender } from './webhook-sender';

export type WebhookWorkerDeps = {
  clock: Clock;
  timers: Timers;
  logger: Logger;
  queue: WebhookQueueRepo;
  /** null: no webhook URL is configured, so due events are marked `skipped`. */
  sender: WebhookSender | null;
  /** The recordings an event announces, with fresh download links. */
  recordings: (ids: readonly string[]) => Recording[];
  retry: { baseMs: number; capMs: number; maxAttempts: number };
  random: () => number;
  /**
   * The longest the worker sleeps: an operator's `import-recording` (another process) queues
   * events this process has no timer for.
   */
  pollMs: number;
};

const BATCH = 20;

/**
 * Sends queued recording-done events (DESIGN.md's worker shape: durable rows, one pass at a time,
 * injected time, `start`/`stop`/`waitForIdle`). A pass sends every due event, then one timer waits
 * for the next due time. The event's body is built at each attempt, so its download links are
 * always fresh; its `webhook-id`, meeting and host are those the event was queued with.
 */
export function createWebhookWorker(deps: WebhookWorkerDeps) {
  const { clock, timers, logger, queue } = deps;
  let timer: TimerHandle | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  let abort = new AbortController();

  function schedule(): void {
    timers.clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    const next = queue.nextDueAt();
    const wait = next === null ? deps.pollMs : Math.min(deps.pollMs, next - clock.now());
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        kick();
      },
      Math.max(0, wait),
    );
  }

  function kick(): void {
    if (stopped || running) return;
    // Nothing due: no pass at all, so an idle engine's close() needs no waiting.
    if (queue.due(clock.now(), 1).length === 0) {
      schedule();
      return;
    }
    running = pass()
      .catch((error: unknown) => {
        logger.error('recording webhook pass failed', { error: String(error) });
      })
      .finally(() => {
        running = undefined;
        schedule();
      });
  }

  async function attempt(row: WebhookEventRow): Promise<void> {
    const attempts = row.attempts + 1;
    const nowMs = clock.now();
    if (!deps.sender) {
      queue.finish(
        row.id,
        { status: 'skipped', attempts: row.attempts, nowMs },
        {
          error: 'no recording webhook URL is configured',
        },
      );
      return;
    }
    const callRecords = deps.recordings(JSON.parse(row.recording_ids) as string[]);
    if (callRecords.length === 0) {
      queue.finish(
        row.id,
        { status: 'failed', attempts: row.attempts, nowMs },
        {
          error: 'its recordings were deleted before it could be sent',
        },
      );
      return;
    }
    const body = JSON.stringify({
      meeting: JSON.parse(row.meeting) as unknown,
      hostUser: row.host_user === null ? null : (JSON.parse(row.host_user) as unknown),
      callRecords,
    });
    const outcome = await deps.sender.send(row.event_id, body, new Date(nowMs), abort.signal);
    const doneAt = clock.now();
    switch (outcome.kind) {
      case 'delivered':
        queue.finish(
          row.id,
          { status: 'delivered', attempts, nowMs: doneAt },
          {
            httpStatus: outcome.status,
          },
        );
        return;
      case 'refused':
        logger.warn('recording webhook refused', { event: row.event_id, error: outcome.error });
        queue.finish(
          row.id,
          { status: 'failed', attempts, nowMs: doneAt },
          {
            error: `refused: ${outcome.error}`,
          },
        );
        return;
      case 'retry':
        if (isStopped()) return; // aborted by close(): the row stays due and goes out next start
        if (attempts >= deps.retry.maxAttempts) {
          logger.warn('recording webhook gave up', { event: row.event_id, error: outcome.error });
          queue.finish(
            row.id,
            { status: 'failed', attempts, nowMs: doneAt },
            {
              httpStatus: outcome.status,
              error: outcome.error,
            },
          );
          return;
        }
        queue.retryAt(
          row.id,
          attempts,
          doneAt + retryDelayMs(attempts, deps.retry, deps.random),
          outcome.status,
          outcome.error,
        );
    }
  }

  // A function, not the variable: `stop()` flips it while a pass awaits, which TypeScript's
  // narrowing cannot see.
  const isStopped = () => stopped;

  async function pass(): Promise<void> {
    for (;;) {
      const due = queue.due(clock.now(), BATCH);
      if (due.length === 0) return;
      for (const row of due) {
        if (isStopped()) return;
        if (row.status === 'waiting') queue.close(row.id);
        await attempt(row);
      }
    }
  }

  return {
    start(): void {
      if (!stopped) return;
      stopped = false;
      abort = new AbortController();
      kick();
    },
    /** A new event was queued (or its quiet period moved): re-aim the timer. */
    wake(): void {
      if (!stopped && !running) schedule();
    },
    /** Stops the timer and aborts the attempt in flight; resolves when the pass has ended. */
    stop(): Promise<void> | undefined {
      stopped = true;
      timers.clearTimeout(timer);
      timer = undefined;
      abort.abort();
      return running;
    },
    /** Resolves when no pass is running (tests: after moving the clock past a due time). */
    async waitForIdle(): Promise<void> {
      while (running) await running;
    },
  };
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;
