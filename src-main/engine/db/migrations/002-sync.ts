import type { Migration } from '../migrate';

/**
 * Sync (SYNC.md): local meeting ids that are never reused, the remote `_id` kept apart from them,
 * the outbox, each meeting's base (last server state) and sync state, and the account with its
 * watermark.
 *
 * `meetings.id` becomes AUTOINCREMENT: with a plain rowid a deleted meeting's id went to the next
 * meeting created, so an Undo (and the outbox, reminders and downloads that refer to local ids)
 * could land on the wrong meeting. SQLite cannot alter a primary key, so the table is rebuilt;
 * `meeting_attendees` is rebuilt with it, because dropping the old `meetings` with foreign keys on
 * would cascade-delete its attendees (and the pragma cannot be switched inside the migration's
 * transaction). Renaming the new tables afterwards rewrites their foreign keys to the final names.
 *
 * A database the desktop app or web shell made (it has a local profile) invented `_id`s for its
 * meetings although no remote ever saw them. In the client role the remote assigns `_id`, so those
 * are cleared, and so are the chat dialogs the local engine made for them: a chat is asked of the
 * remote when the meeting is first sent (`meeting_sync.chat` keeps the wish).
 */
export const m002Sync: Migration = {
  version: 2,
  name: '002-sync',
  up(db) {
    db.exec(`
      CREATE TABLE meetings_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        _id TEXT UNIQUE,
        name TEXT NOT NULL,
        start_date INTEGER NOT NULL,
        end_date INTEGER NOT NULL,
        host_id INTEGER NOT NULL,
        record INTEGER CHECK (record IN (0, 1)),
        chat_dialog_id TEXT,
        public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
        scheduled INTEGER NOT NULL DEFAULT 0 CHECK (scheduled IN (0, 1)),
        notify INTEGER NOT NULL DEFAULT 0 CHECK (notify IN (0, 1)),
        notify_before_metric TEXT CHECK (notify_before_metric IN ('minutes', 'hours', 'days', 'weeks')),
        notify_before_value INTEGER,
        timezone_name TEXT,
        timezone_offset INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (end_date > start_date),
        CHECK ((notify_before_metric IS NULL) = (notify_before_value IS NULL)),
        CHECK ((timezone_name IS NULL) = (timezone_offset IS NULL))
      ) STRICT;
      INSERT INTO meetings_v2 SELECT * FROM meetings;

      CREATE TABLE meeting_attendees_v2 (
        meeting_id INTEGER NOT NULL REFERENCES meetings_v2(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        user_id INTEGER,
        email TEXT COLLATE NOCASE,
        PRIMARY KEY (meeting_id, position),
        CHECK (user_id IS NOT NULL OR email IS NOT NULL)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO meeting_attendees_v2 SELECT * FROM meeting_attendees;

      DROP TABLE meeting_attendees;
      DROP TABLE meetings;
      ALTER TABLE meetings_v2 RENAME TO meetings;
      ALTER TABLE meeting_attendees_v2 RENAME TO meeting_attendees;
      CREATE INDEX meetings_host_start ON meetings(host_id, start_date);
      CREATE INDEX meetings_start ON meetings(start_date);
      CREATE INDEX meetings_updated ON meetings(updated_at);
      CREATE INDEX attendees_user ON meeting_attendees(user_id, meeting_id) WHERE user_id IS NOT NULL;
      CREATE INDEX attendees_email ON meeting_attendees(email, meeting_id) WHERE email IS NOT NULL;

      -- The one remote account (client role). Secrets are sealed by the injected secret store
      -- (Electron safeStorage, or the web shell's key file): never plain text here.
      CREATE TABLE sync_account (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        server_url TEXT NOT NULL,
        app_id INTEGER NOT NULL,
        login TEXT NOT NULL,
        remote_user_id INTEGER NOT NULL,
        auth_key_sealed TEXT NOT NULL,
        password_sealed TEXT NOT NULL,
        token_sealed TEXT,
        -- The newest server updated_at pulled (server time only), advanced with the rows it covers.
        watermark TEXT,
        connected_at TEXT NOT NULL,
        last_synced_at TEXT,
        last_full_census_at_ms INTEGER,
        -- 429: the whole queue waits until then.
        paused_until_ms INTEGER,
        needs_sign_in INTEGER NOT NULL DEFAULT 0 CHECK (needs_sign_in IN (0, 1))
      ) STRICT;

      -- Per meeting: where it stands with the remote, and the last server state applied (the
      -- base of the three-way merge). No row: a local meeting that was never queued.
      CREATE TABLE meeting_sync (
        meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('local', 'pending', 'synced', 'conflict', 'error')),
        draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1)),
        -- A chat dialog was asked for: the remote creates it when the meeting is first sent.
        chat INTEGER NOT NULL DEFAULT 0 CHECK (chat IN (0, 1)),
        base TEXT,
        -- conflict: the server's version (NULL when it was deleted remotely)
        theirs TEXT,
        conflict_kind TEXT CHECK (conflict_kind IN ('changed', 'deleted_remotely')),
        message TEXT,
        -- Deleted here; the row stays (hidden) until the remote confirms, so Undo can bring it back.
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        -- When it was last edited here (local clock): the "last writer" of a both-sides change.
        edited_at_ms INTEGER
      ) STRICT;

      -- Written in the same transaction as the edit it sends. meeting_id is the local id, with no
      -- foreign key: a delete must outlive the row it deletes.
      CREATE TABLE sync_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        meeting_id INTEGER NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
        server_id TEXT,
        -- create: a POST went out (local ms) and exactly what it carried, so a POST whose answer was
        -- lost is found again by fingerprint instead of being sent twice.
        attempted_at_ms INTEGER,
        attempt_body TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at_ms INTEGER,
        last_error TEXT,
        created_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sync_outbox_meeting ON sync_outbox(meeting_id, seq);
    `);

    const isClientDatabase =
      db.prepare(`SELECT 1 FROM settings WHERE key = 'local_profile_user_id'`).get() !== undefined;
    if (isClientDatabase) {
      db.exec(`
        INSERT INTO meeting_sync (meeting_id, state, draft, chat)
          SELECT id, 'local', 0, chat_dialog_id IS NOT NULL FROM meetings WHERE host_id = (
            SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'local_profile_user_id');
        UPDATE meetings SET _id = NULL, chat_dialog_id = NULL WHERE host_id = (
          SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'local_profile_user_id');
        DELETE FROM dialog_occupants;
        DELETE FROM dialogs;
        DELETE FROM mail_outbox;
      `);
    }
  },
};
