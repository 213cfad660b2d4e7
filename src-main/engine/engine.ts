import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from './clock';
import { openDatabase, type Database } from './db/database';
import { createDialogsService } from './dialogs/dialogs-service';
import { createIdGenerator } from './ids';
import { createMailOutboxRepo } from './mail/mail-outbox-repo';
import { createMeetingsService } from './meetings/meetings-service';
import { createRecordings } from './recordings/recordings';
import type { RecordingsConfig } from './recordings/recordings-config';
import { createSessionsService, type Application } from './sessions/sessions-service';
import { renderJoinLink, validateMeetingUrlTemplate } from './settings/join-link';
import { createSettingsRepo } from './settings/settings-repo';
import { createUsersService } from './users/users-service';
import { createMeetingsRepo } from './meetings/meetings-repo';
import { createServerEffects } from './meetings/server-effects';
import { createClientSync, type ClientOptions } from './sync/client-sync';
import { createReminderCenter } from './reminders/reminder-center';
import { createAppSettings } from './settings/app-settings';
import { systemTimers } from './timers';
import { createAutoDownload } from './downloads/auto-download';
import { createDownloads } from './downloads/downloads';

export type Logger = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export type EngineOptions = {
  /** SQLite file path (created if missing), or ':memory:'. */
  databasePath: string;
  /** The one application clients sign in to. Without an auth key, one is generated and kept. */
  application: { id: number; authKey?: string };
  clock?: Clock;
  logger?: Logger;
  /** Where the server is reachable, for links it hands out (recording downloads). */
  publicUrl?: string;
  /** Saved as the `meeting_url_template` setting when given. */
  meetingUrlTemplate?: string;
  /** Saved as the `auto_sign_up` setting when given. */
  autoSignUp?: boolean;
  nativeBinding?: string;
  /**
   * The engine's role (SYNC.md, "Roles and identity"). `server` (the default) is the authority: it
   * assigns `_id`s, makes chat dialogs and queues mail. `client` is the desktop app's local copy:
   * it does none of that, and its sync worker sends every change to the connected account.
   */
  role?: 'server' | 'client';
  /** What the client role's workers need (fetch, timers, the secret store). */
  client?: ClientOptions;
  /** Server role: recording files, their retention, the recording-done webhook. */
  recordings?: RecordingsConfig;
};

/**
 * Builds the whole engine over one SQLite file. Everything with a side effect beyond the database
 * (time, logging) is injected, so tests run it with a fake clock.
 */
export function createEngine(options: EngineOptions) {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const db: Database = openDatabase({
    path: options.databasePath,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const settings = createSettingsRepo(db);
  if (options.meetingUrlTemplate !== undefined) {
    settings.set('meeting_url_template', validateMeetingUrlTemplate(options.meetingUrlTemplate));
  }
  if (options.autoSignUp !== undefined) settings.set('auto_sign_up', String(options.autoSignUp));

  let authKeyGenerated = false;
  let authKey = options.application.authKey ?? settings.get('auth_key');
  if (authKey === undefined) {
    authKey = randomBytes(16).toString('hex');
    settings.set('auth_key', authKey);
    authKeyGenerated = true;
  }
  const application: Application = { id: options.application.id, authKey };

  let publicUrl = options.publicUrl ?? 'http://127.0.0.1';
  const ids = createIdGenerator(clock);
  const users = createUsersService(db, clock, {
    autoSignUp: () => settings.get('auto_sign_up') !== 'false',
  });
  const sessions = createSessionsService(db, clock, users, application);
  const dialogs = createDialogsService(db, clock, ids);
  const outbox = createMailOutboxRepo(db);
  const joinLink = (meetingId: string) =>
    renderJoinLink(settings.get('meeting_url_template'), meetingId);
  const meetingsRepo = createMeetingsRepo(db);
  const role = options.role ?? 'server';
  const recordings = createRecordings({
    db,
    clock,
    logger,
    ids,
    databasePath: options.databasePath,
    publicUrl: () => publicUrl,
    secret: () => settings.secret(),
    meetings: meetingsRepo,
    users: users.repo,
    config: options.recordings,
  });
  // The client role shows recordings it syncs; only a server keeps files and sends webhooks.
  if (role === 'server') recordings.start();
  const client =
    role === 'client'
      ? createClientSync({
          db,
          clock,
          logger,
          settings,
          meetings: meetingsRepo,
          options: options.client,
        })
      : null;
  const effects =
    client?.local.effects ??
    createServerEffects({
      clock,
      ids,
      users: users.repo,
      dialogs,
      outbox,
      repo: meetingsRepo,
      joinLink,
    });
  const appSettings = createAppSettings(db, settings);
  // Reminders are the window's: a server reminds nobody (its mail is issue 10's).
  const reminders =
    role === 'client'
      ? createReminderCenter({
          db,
          clock,
          timers: options.client?.timers ?? systemTimers,
          profileId: () => Number(settings.get('local_profile_user_id') ?? 0),
          defaultReminder: appSettings.defaultReminder,
          joinLink,
        })
      : null;
  // Recording downloads are the window's too: jobs over the connected account's recordings.
  const downloads = client
    ? createDownloads({
        db,
        clock,
        timers: options.client?.timers ?? systemTimers,
        logger,
        fetch: options.client?.fetch ?? fetch,
        meetings: meetingsRepo,
        rows: client.rows,
        users: users.repo,
        settings: appSettings,
        remote: () => client.remote(),
        options: options.client?.downloads,
      })
    : null;
  const autoDownload =
    client && downloads
      ? createAutoDownload({
          db,
          clock,
          logger,
          settings: appSettings,
          downloads,
          profileId: client.profileId,
        })
      : null;
  if (client && autoDownload) {
    client.onStatus((status) => {
      if (status.state === 'idle') void autoDownload.afterPass();
    });
  }
  downloads?.worker.start();
  const meetings = createMeetingsService({
    db,
    clock,
    repo: meetingsRepo,
    recordings,
    effects,
  });
  let closed: Promise<void> | undefined;

  return {
    application,
    /** True when this start generated the auth key (the CLI prints it once). */
    authKeyGenerated,
    db,
    clock,
    logger,
    settings,
    users,
    sessions,
    meetings,
    dialogs,
    recordings,
    outbox,
    joinLink,
    role,
    /** The client role's sync (account, worker, local changes); null in the server role. */
    sync: client,
    /** The window's settings (default reminder, join link template, calendar view and zone). */
    appSettings,
    /** The client role's reminders; null in the server role. */
    reminders,
    /** The client role's recording downloads (persisted jobs); null in the server role. */
    downloads,
    /** The client role's auto-download of recordings after sync passes; null in the server role. */
    autoDownload,
    /** The server learns its address only once it listens. */
    setPublicUrl(url: string) {
      publicUrl = url;
    },
    /**
     * Stops every worker, waits for the one in flight (its requests are aborted), then closes the
     * database. With nothing in flight the database is closed before this returns.
     */
    close(): Promise<void> {
      closed ??= (() => {
        reminders?.stop();
        const stopping = [client?.stop(), recordings.stop(), downloads?.stop()].filter(
          (p): p is Promise<void> => p !== undefined && p !== null,
        );
        if (stopping.length === 0) {
          db.close();
          return Promise.resolve();
        }
        return Promise.all(stopping).then(() => db.close());
      })();
      return closed;
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
