import type { Migration } from '../migrate';

/**
 * Recording downloads as persisted jobs (DESIGN.md, "Reminders and recordings"; Signal's job queue:
 * attempts, retry-after). One row per download the person (or auto-download) asked for, kept after
 * it finishes or is cancelled so auto-download never queues the same recording twice.
 *
 * `meeting_id` is the local id (permanent; no foreign key, so deleting the meeting here leaves its
 * finished files' history alone). `url` is the last signed link the remote handed out: links expire,
 * so a 403 clears it and the next attempt asks the API for a fresh one. `etag` is the strong ETag of
 * the first answer, sent back as `If-Range` so a resumed range is only appended to the same file.
 * `part_path` is where bytes land while it runs (`<final>.part`); `final_path` is set once the
 * finished file was renamed into place. `retry_after_ms` holds a queued job back after a transient
 * failure, so a restart does not hammer the server.
 */
export const m006DownloadJobs: Migration = {
  version: 6,
  name: '006-download-jobs',
  up(db) {
    db.exec(`
      CREATE TABLE download_jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        meeting_id INTEGER NOT NULL,
        recording_id TEXT NOT NULL,
        file_uid TEXT,
        url TEXT,
        etag TEXT,
        bytes_done INTEGER NOT NULL DEFAULT 0,
        bytes_total INTEGER,
        state TEXT NOT NULL
          CHECK (state IN ('queued', 'running', 'paused', 'done', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        retry_after_ms INTEGER,
        error TEXT,
        file_name TEXT NOT NULL,
        part_path TEXT NOT NULL,
        final_path TEXT,
        -- 1: queued by auto-download rather than by the person.
        auto INTEGER NOT NULL DEFAULT 0 CHECK (auto IN (0, 1)),
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX download_jobs_recording ON download_jobs(recording_id);
      CREATE INDEX download_jobs_active ON download_jobs(state)
        WHERE state IN ('queued', 'running');
    `);
  },
};
