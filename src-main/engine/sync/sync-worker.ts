import type { SyncStatusDto } from '../../shared/contract';
import type { Timers, TimerHandle } from '../timers';
import { backoffMs, classify, DEFAULT_RATE_LIMIT_PAUSE_MS, type Failure } from './classify';
import { runCensus } from './census';
import { learnHostNames } from './hosts';
import type { PassContext, RemoteMeetings } from './pass-context';
import { iso } from './pass-context';
import { pullChanges } from './pull';
import { PassStopped, pushOutbox } from './push';

export type SyncWorkerDeps = Omit<PassContext, 'changed' | 'remote' | 'skewMs'> & {
  timers: Timers;
  /** The account's remote, made when a pass starts (null without an account). */
  remote: () => Promise<{ meetings: RemoteMeetings; skewMs: () => number }> | null;
  /** Local ids a pass changed (so the window redraws them). */
  onChanged: (localIds: number[]) => void;
  onStatus: (status: SyncStatusDto) => void;
  /** Between passes when nothing fails (jittered ±20 %). */
  intervalMs?: number;
  /** How long after a local edit the pass that sends it starts; edits in between join it. */
  debounceMs?: number;
  random?: () => number;
};

/** The full census (every window, not only the current weeks) runs at most this often. */
const FULL_CENSUS_EVERY_MS = 60 * 60_000;
/**
 * How often an automatic pass also checks the current weeks for deletions and un-invitations
 * (SYNC.md, "Pull"): a pass with nothing new then costs one request, and a deletion elsewhere
 * shows within minutes (at once on "Sync now", start, wake and network resume).
 */
const CURRENT_CENSUS_EVERY_MS = 5 * 60_000;

/**
 * The sync worker (SYNC.md, "When it runs"): one pass at a time — pull, push, census — on start,
 * shortly after each local edit, on an interval with jitter, on network or power resume and on
 * "Sync now". A failed pass is retried with backoff; a 429 pauses everything for `Retry-After`; a
 * session that cannot be renewed waits for the person to sign in again.
 */
export function createSyncWorker(deps: SyncWorkerDeps) {
  const { clock, timers, account } = deps;
  const intervalMs = deps.intervalMs ?? 60_000;
  const debounceMs = deps.debounceMs ?? 1_500;
  const random = deps.random ?? Math.random;

  let running: Promise<void> | null = null;
  let timer: TimerHandle | undefined;
  let timerAt: number | null = null;
  let started = false;
  let lastFailure: Failure | null = null;
  let failures = 0;
  /** When the current weeks' census last ran; null after start or wake, so the next pass runs it. */
  let lastCensusAt: number | null = null;

  function status(): SyncStatusDto {
    const acct = account.get();
    const counts = deps.rows.counts();
    if (!acct) {
      return {
        state: 'signed_out',
        ...counts,
        lastSyncedAt: null,
        message: null,
        nextAttemptAt: null,
      };
    }
    const state: SyncStatusDto['state'] = running
      ? 'syncing'
      : acct.needs_sign_in === 1
        ? 'needs_sign_in'
        : lastFailure === null
          ? 'idle'
          : lastFailure.offline
            ? 'offline'
            : 'error';
    const message =
      state === 'needs_sign_in'
        ? 'The server no longer accepts the saved password: sign in again.'
        : state === 'offline' || state === 'error'
          ? (lastFailure?.message ?? null)
          : null;
    return {
      state,
      ...counts,
      lastSyncedAt: acct.last_synced_at,
      message,
      nextAttemptAt:
        state === 'offline' || state === 'error'
          ? nullableIso(timerAt ?? acct.paused_until_ms)
          : null,
    };
  }

  const nullableIso = (ms: number | null) => (ms === null ? null : iso(ms));
  const emitStatus = () => deps.onStatus(status());

  function schedule(atMs: number): void {
    if (!started) return;
    timers.clearTimeout(timer);
    timerAt = atMs;
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        timerAt = null;
        void runPass(false);
      },
      Math.max(0, atMs - clock.now()),
    );
  }

  async function pass(manual: boolean): Promise<void> {
    const acct = account.get();
    const pending = deps.remote();
    if (!acct || !pending) return;
    if (acct.needs_sign_in === 1 && !manual) return;
    if (acct.paused_until_ms !== null && acct.paused_until_ms > clock.now()) {
      // The pause outlives a restart (it is stored); so must the status saying why nothing moves.
      lastFailure ??= {
        kind: 'rate_limited',
        offline: false,
        retryAfterMs: acct.paused_until_ms - clock.now(),
        message: 'The server asked Convene to wait before syncing again',
      };
      schedule(acct.paused_until_ms);
      return;
    }
    const remote = await pending;
    const ctx: PassContext = {
      ...deps,
      remote: remote.meetings,
      skewMs: remote.skewMs,
      changed: new Set(),
    };
    let next: number | null = null;
    try {
      if (manual) deps.db.transaction(() => deps.outbox.clearBackoff());
      const initial = acct.watermark === null;
      await pullChanges(ctx);
      const waitUntil = await pushOutbox(ctx);
      const full =
        !initial &&
        (acct.last_full_census_at_ms === null ||
          clock.now() - acct.last_full_census_at_ms >= FULL_CENSUS_EVERY_MS);
      // The census is what costs requests on a quiet pass, so the automatic ones run it only now
      // and then; a pass the person asked for always looks (they may have just deleted elsewhere).
      const census =
        manual ||
        initial ||
        full ||
        lastCensusAt === null ||
        clock.now() - lastCensusAt >= CURRENT_CENSUS_EVERY_MS;
      if (census) {
        await runCensus(ctx, full);
        lastCensusAt = clock.now();
      }
      await learnHostNames(ctx);
      deps.db.transaction(() => {
        account.setSynced(iso(clock.now()));
        if (full || initial) account.setFullCensus(clock.now());
        account.setPausedUntil(null);
        account.setNeedsSignIn(false);
      });
      lastFailure = null;
      failures = 0;
      next = waitUntil ?? clock.now() + Math.round(intervalMs * (0.8 + 0.4 * random()));
    } catch (error) {
      const failure = error instanceof PassStopped ? error.failure : classify(error);
      lastFailure = failure;
      if (failure.kind === 'sign_in') {
        deps.db.transaction(() => account.setNeedsSignIn(true));
      } else if (failure.kind === 'rate_limited') {
        const until = clock.now() + (failure.retryAfterMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS);
        deps.db.transaction(() => account.setPausedUntil(until));
        next = until;
      } else {
        failures += 1;
        next = clock.now() + Math.max(1_000, backoffMs(failures, random));
      }
      deps.logger.warn('sync pass stopped', { kind: failure.kind, reason: failure.message });
    } finally {
      if (ctx.changed.size > 0) deps.onChanged([...ctx.changed]);
    }
    if (next !== null) schedule(next);
  }

  function runPass(manual: boolean): Promise<void> {
    if (running) return running;
    const current = (async () => {
      emitStatusSoon();
      try {
        await pass(manual);
      } catch (error) {
        // A bug, not a remote failure: reported, and the next pass tries again from scratch.
        deps.logger.error('sync pass failed', {
          error: error instanceof Error ? error.stack : String(error),
        });
        lastFailure = {
          kind: 'transient',
          offline: false,
          retryAfterMs: null,
          message: 'Sync failed unexpectedly',
        };
        schedule(clock.now() + intervalMs);
      } finally {
        running = null;
        emitStatus();
      }
    })();
    running = current;
    return current;
  }

  // The 'syncing' status goes out once the pass is marked running.
  const emitStatusSoon = () => queueMicrotask(emitStatus);

  return {
    status,
    busy: () => running !== null,
    start(): void {
      if (started) return;
      started = true;
      if (account.get()) schedule(clock.now());
    },
    /** A local edit was queued: send it soon, together with whatever follows within the debounce. */
    kick(): void {
      emitStatus();
      const at = clock.now() + debounceMs;
      if (timerAt === null || timerAt > at) schedule(at);
    },
    /** The network or the machine came back: try now. */
    wake(): void {
      lastCensusAt = null;
      schedule(clock.now());
    },
    /** Runs a pass now, or joins the one running; resolves with the status after it. */
    async syncNow(): Promise<SyncStatusDto> {
      await runPass(true);
      return status();
    },
    async waitForIdle(): Promise<void> {
      while (running) await running;
    },
    /** Stops the timers and waits for the pass in flight (its requests are aborted by the caller). */
    async stop(): Promise<void> {
      started = false;
      timers.clearTimeout(timer);
      timer = undefined;
      timerAt = null;
      while (running) await running.catch(() => {});
    },
    /** After the account changed: forget the last failure and start over. */
    reset(): void {
      lastFailure = null;
      failures = 0;
      emitStatus();
    },
  };
}

export type SyncWorker = ReturnType<typeof createSyncWorker>;
