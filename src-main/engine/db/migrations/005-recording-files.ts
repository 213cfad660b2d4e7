import type { Migration } from '../migrate';

/**
 * Recording files and the recording-done webhook (spec sections 2 and 3).
 *
 * A recording now has a file on the server's disk: its exact byte size and SHA-256 (the file is
 * named after the hash, and the hash is the download's strong ETag), the media type it was
 * delivered with, and the name a download is saved under. Rows from before this migration keep
 * these NULL; they have no file, and a download of one is a 404.
 *
 * `recording_webhooks` is the durable queue of recording-done events: one row per event, kept
 * through every retry so the receiver sees the same `webhook-id` each time. While an event is
 * `waiting`, later files of the same meeting join it (its quiet period restarts); the partial unique
 * index allows one waiting event per meeting. `meeting` and `host_user` are snapshots taken at the
 * last file's ingest, so an event still goes out if the meeting is deleted before it is sent.
 */
export const m005RecordingFiles: Migration = {
  version: 5,
  name: '005-recording-files',
  up(db) {
    db.exec(`
      ALTER TABLE recordings ADD COLUMN size_bytes INTEGER;
      ALTER TABLE recordings ADD COLUMN sha256 TEXT;
      ALTER TABLE recordings ADD COLUMN content_type TEXT;
      ALTER TABLE recordings ADD COLUMN file_name TEXT;
      CREATE INDEX recordings_file ON recordings(file_uid);
      CREATE INDEX recordings_created ON recordings(created_at);

      CREATE TABLE recording_webhooks (
        id INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE,
        meeting_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('waiting', 'pending', 'delivered', 'failed', 'skipped')),
        -- The _ids of the recordings this event announces, a JSON array.
        recording_ids TEXT NOT NULL DEFAULT '[]',
        meeting TEXT NOT NULL,
        host_user TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        -- waiting: when the quiet period ends; pending: when the next attempt is due.
        next_attempt_at_ms INTEGER NOT NULL,
        last_status INTEGER,
        last_error TEXT,
        created_at_ms INTEGER NOT NULL,
        finished_at_ms INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX recording_webhooks_one_waiting ON recording_webhooks(meeting_id)
        WHERE status = 'waiting';
      CREATE INDEX recording_webhooks_due ON recording_webhooks(next_attempt_at_ms)
        WHERE status IN ('waiting', 'pending');
    `);
  },
};
