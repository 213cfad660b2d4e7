import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { Logger } from '../engine';
import type { IdGenerator } from '../ids';
import { apiMeeting, type MeetingsRepo } from '../meetings/meetings-repo';
import { systemTimers } from '../timers';
import { toUser, type UsersRepo } from '../users/users-repo';
import { createRecordingIngest, type IngestRequest } from './recording-ingest';
import {
  DAY_MS,
  defaultRecordingsDir,
  RECORDING_DEFAULTS,
  type RecordingsConfig,
} from './recordings-config';
import { createRecordingsRepo } from './recordings-repo';
import { createRecordingsService, type RecordingsOptions } from './recordings-service';
import { createRetentionSweeper } from './retention-sweeper';
import { WEBHOOK_DEFAULTS } from './webhook/webhook-config';
import { createWebhookQueueRepo } from './webhook/webhook-queue-repo';
import { createWebhookSender } from './webhook/webhook-sender';
import { createWebhookWorker } from './webhook/webhook-worker';

export type RecordingsDeps = RecordingsOptions & {
  db: Database;
  clock: Clock;
  logger: Logger;
  ids: IdGenerator;
  databasePath: string;
  meetings: MeetingsRepo;
  users: UsersRepo;
  config?: RecordingsConfig | undefined;
};

/**
 * Recordings: the listing and signed links the API shows, the ingest of finished files, the
 * retention sweeper and the recording-done webhook worker. `start()` runs the workers (server role
 * only); `stop()` ends them.
 */
export function createRecordings(deps: RecordingsDeps) {
  const config = deps.config ?? {};
  const timers = config.timers ?? systemTimers;
  const dir = config.dir ?? defaultRecordingsDir(deps.databasePath);
  const maxBytes = config.maxBytes ?? RECORDING_DEFAULTS.maxBytes;
  const retentionMs = (config.retentionDays ?? RECORDING_DEFAULTS.retentionDays) * DAY_MS;
  const webhook = config.webhook;
  const quietMs = webhook?.quietMs ?? WEBHOOK_DEFAULTS.quietMs;

  const repo = createRecordingsRepo(deps.db);
  const queue = createWebhookQueueRepo(deps.db);
  const service = createRecordingsService(repo, deps.clock, deps);
  const activeUploads = new Set<string>();

  /** The meeting as the API shows it, and its host, for the ingest checks and the event. */
  function meetingOf(meetingId: string) {
    const row = deps.meetings.byObjectId(meetingId);
    const stored = row && deps.meetings.one(row.id);
    if (!row || !stored) return undefined;
    const host = deps.users.byId(row.host_id);
    return { meeting: apiMeeting(stored), host: host ? toUser(host) : null };
  }

  const sender = webhook
    ? createWebhookSender({
        url: webhook.url,
        secret: webhook.secret,
        allowPrivate: webhook.allowPrivate ?? false,
        timeoutMs: webhook.timeoutMs ?? WEBHOOK_DEFAULTS.timeoutMs,
      })
    : null;
  const worker = createWebhookWorker({
    clock: deps.clock,
    timers,
    logger: deps.logger,
    queue,
    sender,
    recordings: service.byIds,
    retry: { ...WEBHOOK_DEFAULTS.retry, ...webhook?.retry },
    random: webhook?.random ?? Math.random,
    pollMs: RECORDING_DEFAULTS.webhookPollMs,
  });
  const sweeper = dir
    ? createRetentionSweeper({
        db: deps.db,
        clock: deps.clock,
        timers,
        logger: deps.logger,
        repo,
        webhooks: queue,
        dir,
        retentionMs,
        activeUploads,
      })
    : null;
  const ingest = dir
    ? createRecordingIngest({
        db: deps.db,
        clock: deps.clock,
        ids: deps.ids,
        repo,
        webhooks: queue,
        meeting: meetingOf,
        toRecording: (id) => {
          const [recording] = service.byIds([id]);
          if (!recording) throw new Error(`recording ${id} vanished after its insert`);
          return recording;
        },
        dir,
        maxBytes,
        quietMs,
        maxWaitMs: webhook?.maxWaitMs ?? Math.max(WEBHOOK_DEFAULTS.maxWaitMs, quietMs),
        activeUploads,
        onQueued: () => {
          worker.wake();
        },
        ...(config.openTempFile ? { openTempFile: config.openTempFile } : {}),
      })
    : null;

  function mustIngest() {
    if (!ingest) throw new Error('This engine has no recordings folder (a :memory: database)');
    return ingest;
  }

  return {
    ...service,
    /** The folder recording files are kept in (null for a `:memory:` database without one). */
    dir,
    maxBytes,
    ingest: (request: IngestRequest) => mustIngest().ingest(request),
    sweeper,
    webhooks: worker,
    start(): void {
      if (config.workers === false) return;
      sweeper?.start();
      worker.start();
    },
    /** Stops both workers; resolves once an event being sent has been aborted. */
    stop(): Promise<void> | undefined {
      sweeper?.stop();
      const sending = worker.stop();
      // Idle keep-alive connections close in the background: nothing waits on them, and the
      // engine's close() stays synchronous when no event is being sent.
      void sender?.close().catch(() => undefined);
      return sending;
    },
    /** Resolves when neither worker has a pass running (tests). */
    async waitForIdle(): Promise<void> {
      await Promise.all([sweeper?.waitForIdle(), worker.waitForIdle()]);
    },
  };
}

export type Recordings = ReturnType<typeof createRecordings>;
