import type { Timers } from '../timers';
import type { OpenTempFile } from './recording-files';
import type { WebhookConfig } from './webhook/webhook-config';

/** The server role's recording files, their retention and the recording-done webhook. */
export type RecordingsConfig = {
  /** Folder of recording files; default `<database file>.recordings`, beside the database. */
  dir?: string;
  /** Largest file accepted, in bytes (default 2 GiB). */
  maxBytes?: number;
  /** Days a recording and its file are kept from its ingest (default 30). */
  retentionDays?: number;
  /** Without it, recording-done events are still queued, and marked skipped when due. */
  webhook?: WebhookConfig;
  /** The workers' timers (the sweeper, the webhook queue); tests pass a fake clock. */
  timers?: Timers;
  /**
   * false: no sweeper and no webhook worker. An operator's one-off `import-recording` runs beside a
   * server, which owns those; its queued event is sent by the server.
   */
  workers?: boolean;
  /** Opens an upload's temp file; tests inject one that fails part-way. */
  openTempFile?: OpenTempFile;
};

export const RECORDING_DEFAULTS = {
  maxBytes: 2048 * 1024 * 1024,
  retentionDays: 30,
  /** How often the webhook worker looks for events queued by another process. */
  webhookPollMs: 60_000,
} as const;

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Where recording files live when no folder is given: beside the database, named after it. A
 * throwaway `:memory:` database has no such place (and takes no uploads without a folder).
 */
export function defaultRecordingsDir(databasePath: string): string | null {
  return databasePath === ':memory:' ? null : `${databasePath}.recordings`;
}
