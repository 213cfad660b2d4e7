import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database';
import { sql } from '../db/sql';

/** Application settings kept in the database, so a server restart keeps them. */
export type SettingKey =
  | 'meeting_url_template'
  | 'auto_sign_up'
  | 'signing_secret'
  | 'auth_key'
  | 'local_profile_user_id'
  | 'default_reminder'
  | 'view'
  | 'display_zone'
  | 'theme'
  | 'working_hours'
  | 'week_start'
  | 'time_format'
  | 'auto_download_recordings'
  | 'downloads_folder';

export function createSettingsRepo(db: Database) {
  const get = (key: SettingKey): string | undefined =>
    db.get<{ value: string }>(sql`SELECT value FROM settings WHERE key = ${key}`)?.value;
  const set = (key: SettingKey, value: string): void => {
    db.run(sql`INSERT INTO settings (key, value) VALUES (${key}, ${value})
               ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  };
  return {
    get,
    set,
    remove(key: SettingKey): void {
      db.run(sql`DELETE FROM settings WHERE key = ${key}`);
    },
    /** A random secret made once per database (for signing download URLs). */
    secret(): string {
      let value = get('signing_secret');
      if (!value) {
        value = randomBytes(32).toString('hex');
        set('signing_secret', value);
      }
      return value;
    },
  };
}

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
