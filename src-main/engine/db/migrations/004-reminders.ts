import type { Migration } from '../migrate';

/**
 * Reminders (DESIGN.md, "Reminders and recordings"): one row per meeting the person hosts or
 * attends, derived from the meeting in the transaction that changes it, with its fired, snoozed or
 * dismissed state, so a restart neither repeats nor loses one.
 *
 * Every change that can move a reminder marks the meeting in `reminder_dirty`, by trigger, so no
 * write path can forget it; the engine derives the marked rows before the transaction commits.
 * The triggers only fire in a window's database (one with a local profile): a server keeps no
 * reminders and pays nothing.
 */
export const m004Reminders: Migration = {
  version: 4,
  name: '004-reminders',
  up(db) {
    db.exec(`
      CREATE TABLE reminders (
        meeting_id INTEGER PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
        -- What the reminder was derived for: a different start or lead makes it a new reminder.
        start_date INTEGER NOT NULL,
        lead TEXT NOT NULL,
        -- When it is (or was) due, in Unix milliseconds: start − lead, or the snooze time.
        due_at_ms INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'snoozed', 'shown', 'dismissed')),
        -- When it was shown, and whether it came due while the app was closed or asleep.
        shown_at_ms INTEGER,
        catch_up INTEGER NOT NULL DEFAULT 0 CHECK (catch_up IN (0, 1))
      ) STRICT;
      CREATE INDEX reminders_waiting ON reminders (due_at_ms) WHERE state IN ('pending', 'snoozed');

      CREATE TABLE reminder_dirty (meeting_id INTEGER PRIMARY KEY) STRICT;

      CREATE TRIGGER reminders_meeting_insert AFTER INSERT ON meetings
        WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'local_profile_user_id')
        BEGIN INSERT OR IGNORE INTO reminder_dirty (meeting_id) VALUES (new.id); END;
      CREATE TRIGGER reminders_meeting_update
        AFTER UPDATE OF start_date, end_date, host_id, name, notify_before_metric,
          notify_before_value, timezone_name, _id ON meetings
        WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'local_profile_user_id')
        BEGIN INSERT OR IGNORE INTO reminder_dirty (meeting_id) VALUES (new.id); END;
      CREATE TRIGGER reminders_meeting_delete AFTER DELETE ON meetings
        WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'local_profile_user_id')
        BEGIN INSERT OR IGNORE INTO reminder_dirty (meeting_id) VALUES (old.id); END;
      CREATE TRIGGER reminders_attendee_insert AFTER INSERT ON meeting_attendees
        WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'local_profile_user_id')
        BEGIN INSERT OR IGNORE INTO reminder_dirty (meeting_id) VALUES (new.meeting_id); END;
      CREATE TRIGGER reminders_attendee_delete AFTER DELETE ON meeting_attendees
        WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'local_profile_user_id')
        BEGIN INSERT OR IGNORE INTO reminder_dirty (meeting_id) VALUES (old.meeting_id); END;
      CREATE TRIGGER reminders_sync_insert AFTER INSERT ON meeting_sync
        WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'local_profile_user_id')
        BEGIN INSERT OR IGNORE INTO reminder_dirty (meeting_id) VALUES (new.meeting_id); END;
      CREATE TRIGGER reminders_sync_update AFTER UPDATE OF deleted ON meeting_sync
        WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'local_profile_user_id')
        BEGIN INSERT OR IGNORE INTO reminder_dirty (meeting_id) VALUES (new.meeting_id); END;
      -- Who "you" are and the default reminder decide every meeting's reminder.
      CREATE TRIGGER reminders_settings_insert AFTER INSERT ON settings
        WHEN new.key IN ('local_profile_user_id', 'default_reminder')
        BEGIN INSERT OR IGNORE INTO reminder_dirty (meeting_id) SELECT id FROM meetings; END;
      CREATE TRIGGER reminders_settings_update AFTER UPDATE ON settings
        WHEN new.key IN ('local_profile_user_id', 'default_reminder')
        BEGIN INSERT OR IGNORE INTO reminder_dirty (meeting_id) SELECT id FROM meetings; END;
      CREATE TRIGGER reminders_settings_delete AFTER DELETE ON settings
        WHEN old.key IN ('local_profile_user_id', 'default_reminder')
        BEGIN INSERT OR IGNORE INTO reminder_dirty (meeting_id) SELECT id FROM meetings; END;

      -- A window's database that already has meetings gets their reminders on first open.
      INSERT INTO reminder_dirty (meeting_id) SELECT id FROM meetings
        WHERE EXISTS (SELECT 1 FROM settings WHERE key = 'local_profile_user_id');
    `);
  },
};
