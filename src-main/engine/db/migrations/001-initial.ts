import type { Migration } from '../migrate';

/** Users, sessions, meetings with attendees, chat dialogs, recordings, the mail outbox, settings. */
export const m001Initial: Migration = {
  version: 1,
  name: '001-initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        login TEXT COLLATE NOCASE UNIQUE,
        email TEXT COLLATE NOCASE UNIQUE,
        password_hash TEXT,
        full_name TEXT,
        phone TEXT,
        website TEXT,
        external_user_id INTEGER,
        custom_data TEXT,
        user_tags TEXT,
        timezone TEXT,
        is_guest INTEGER NOT NULL DEFAULT 0 CHECK (is_guest IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_request_at TEXT
      ) STRICT;

      -- Only a hash of each token is kept: a copied database file holds no usable session.
      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        application_id INTEGER NOT NULL,
        user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
        nonce TEXT,
        ts INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        expires_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_expiry ON sessions(expires_at_ms);

      CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
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
      CREATE INDEX meetings_host_start ON meetings(host_id, start_date);
      CREATE INDEX meetings_start ON meetings(start_date);

      CREATE TABLE meeting_attendees (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        user_id INTEGER,
        email TEXT COLLATE NOCASE,
        PRIMARY KEY (meeting_id, position),
        CHECK (user_id IS NOT NULL OR email IS NOT NULL)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX attendees_user ON meeting_attendees(user_id, meeting_id) WHERE user_id IS NOT NULL;
      CREATE INDEX attendees_email ON meeting_attendees(email, meeting_id) WHERE email IS NOT NULL;

      CREATE TABLE dialogs (
        id INTEGER PRIMARY KEY,
        _id TEXT NOT NULL UNIQUE,
        type INTEGER NOT NULL,
        name TEXT NOT NULL,
        user_id INTEGER NOT NULL,
        meeting_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE dialog_occupants (
        dialog_id INTEGER NOT NULL REFERENCES dialogs(id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL,
        PRIMARY KEY (dialog_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX dialog_occupants_user ON dialog_occupants(user_id, dialog_id);

      -- Recordings outlive their meeting (kept for the host until their retention ends), so they
      -- refer to it by its _id rather than by a foreign key that would cascade.
      CREATE TABLE recordings (
        id INTEGER PRIMARY KEY,
        _id TEXT NOT NULL UNIQUE,
        room_id TEXT NOT NULL,
        host_id INTEGER NOT NULL,
        participants_ids TEXT NOT NULL DEFAULT '[]',
        duration REAL NOT NULL,
        size REAL NOT NULL,
        file_uid TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX recordings_room ON recordings(room_id);

      -- Mails are queued in the same transaction as the change that causes them; a later worker
      -- delivers them, so a crash can neither lose a mail nor send one for a change that rolled back.
      CREATE TABLE mail_outbox (
        id INTEGER PRIMARY KEY,
        meeting_id TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('meeting_created', 'notify_enabled', 'start_changed', 'attendee_added')),
        recipient_email TEXT NOT NULL,
        recipient_user_id INTEGER,
        subject TEXT NOT NULL,
        body_text TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX mail_outbox_pending ON mail_outbox(status, id);
    `);
  },
};
