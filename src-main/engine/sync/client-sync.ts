import type { SyncStatusDto } from '../../shared/contract';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { Logger } from '../engine';
import type { MeetingsRepo } from '../meetings/meetings-repo';
import type { SettingsRepo } from '../settings/settings-repo';
import { systemTimers, type Timers } from '../timers';
import { createAccountRemotes } from './account-remote';
import { createAccountRepo } from './account-repo';
import { createAccountService, type ConnectInput } from './account-service';
import { createConflicts } from './conflicts';
import { createLocalChanges } from './local-changes';
import { createMeetingSyncRepo } from './meeting-sync-repo';
import { createOutboxRepo } from './outbox-repo';
import type { DownloadsOptions } from '../downloads/downloads';
import type { SecretStore } from './secret-store';
import { createSyncStore } from './sync-store';
import { createSyncWorker } from './sync-worker';

export type ClientOptions = {
  /** Seals the account's secrets; required for an account to be connected. */
  secrets?: SecretStore;
  fetch?: typeof fetch;
  timers?: Timers;
  /** Per remote call (default 15 s). */
  requestTimeoutMs?: number;
  syncIntervalMs?: number;
  debounceMs?: number;
  random?: () => number;
  /** Where recording downloads go by default, and the desktop's "Show in folder". */
  downloads?: DownloadsOptions;
};

type Listener<T> = (value: T) => void;

const noSecrets: SecretStore = {
  seal: () =>
    Promise.reject(
      new Error('No secret store is configured: an account cannot be connected here.'),
    ),
  unseal: () => Promise.reject(new Error('No secret store is configured.')),
};

/**
 * The client role's sync (SYNC.md): the local changes written beside each edit, the account, and
 * the worker that keeps the two sides in step. Its requests carry one abort signal, so stopping
 * the engine cancels what is in flight instead of waiting out a timeout.
 */
export function createClientSync(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  settings: SettingsRepo;
  meetings: MeetingsRepo;
  options: ClientOptions | undefined;
}) {
  const { db, clock, logger, settings, meetings } = deps;
  const options = deps.options ?? {};
  const secrets = options.secrets ?? noSecrets;
  const abort = new AbortController();
  const baseFetch = options.fetch ?? fetch;
  const stoppableFetch: typeof fetch = (input, init) =>
    baseFetch(input, {
      ...init,
      signal: init?.signal ? AbortSignal.any([init.signal, abort.signal]) : abort.signal,
    });

  const rows = createMeetingSyncRepo(db);
  const outbox = createOutboxRepo(db);
  const account = createAccountRepo(db);
  const profileId = () => Number(settings.get('local_profile_user_id') ?? 0);
  const store = createSyncStore({ db, clock, meetings, rows, outbox, account, profileId });

  const changedListeners = new Set<Listener<number[]>>();
  const statusListeners = new Set<Listener<SyncStatusDto>>();
  const remotes = createAccountRemotes({
    account,
    secrets,
    logger,
    fetch: stoppableFetch,
    now: () => clock.now(),
    ...(options.requestTimeoutMs !== undefined ? { timeoutMs: options.requestTimeoutMs } : {}),
  });

  const worker = createSyncWorker({
    db,
    clock,
    logger,
    meetings,
    rows,
    outbox,
    account,
    store,
    profileId,
    timers: options.timers ?? systemTimers,
    remote: () => remotes.current(),
    onChanged: (ids) => {
      for (const listener of changedListeners) listener(ids);
    },
    onStatus: (status) => {
      for (const listener of statusListeners) listener(status);
    },
    ...(options.syncIntervalMs !== undefined ? { intervalMs: options.syncIntervalMs } : {}),
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
    ...(options.random ? { random: options.random } : {}),
  });

  const local = createLocalChanges({
    db,
    clock,
    meetings,
    rows,
    outbox,
    account,
    store,
    onQueued: () => worker.kick(),
  });

  const conflicts = createConflicts({
    db,
    clock,
    meetings,
    rows,
    outbox,
    store,
    onQueued: () => worker.kick(),
  });

  const accounts = createAccountService({
    queueCreate: store.queueCreate,
    db,
    clock,
    settings,
    meetings,
    rows,
    outbox,
    account,
    secrets,
    fetch: stoppableFetch,
    profileId,
  });

  const listen = <T>(set: Set<Listener<T>>, listener: Listener<T>) => {
    set.add(listener);
    return () => set.delete(listener);
  };

  return {
    rows,
    outbox,
    store,
    local,
    conflicts,
    worker,
    profileId,
    /** The connected account's remote (null without one); used by downloads for recordings. */
    remote: () => remotes.current(),
    account: {
      get: accounts.get,
      async connect(input: ConnectInput) {
        const dto = await accounts.connect(input);
        worker.reset();
        worker.start();
        worker.wake();
        return dto;
      },
      async disconnect(keepLocalCopies: boolean) {
        // No pass may run against an account that is being forgotten.
        await worker.stop();
        const result = accounts.disconnect(keepLocalCopies);
        worker.reset();
        worker.start();
        return result;
      },
    },
    onChanged: (listener: Listener<number[]>) => listen(changedListeners, listener),
    onStatus: (listener: Listener<SyncStatusDto>) => listen(statusListeners, listener),
    /** Idle: stops at once and returns null; otherwise aborts the pass in flight and waits for it. */
    stop(): Promise<void> | null {
      if (!worker.busy()) {
        void worker.stop();
        return null;
      }
      abort.abort();
      return worker.stop();
    },
  };
}

export type ClientSync = ReturnType<typeof createClientSync>;
