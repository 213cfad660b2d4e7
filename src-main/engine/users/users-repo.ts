import type { User } from '../../shared/meetings-api-types';
import type { Database } from '../db/database';
import { sql, sqlJoin, sqlRaw, type Sql } from '../db/sql';

export type UserRow = {
  id: number;
  login: string | null;
  email: string | null;
  password_hash: string | null;
  full_name: string | null;
  phone: string | null;
  website: string | null;
  external_user_id: number | null;
  custom_data: string | null;
  user_tags: string | null;
  timezone: string | null;
  is_guest: number;
  created_at: string;
  updated_at: string;
  last_request_at: string | null;
};

/** The profile fields a user may set; the wire names are the column names. */
export type UserProfile = {
  login?: string | null;
  email?: string | null;
  full_name?: string | null;
  phone?: string | null;
  website?: string | null;
  external_user_id?: number | null;
  custom_data?: string | null;
  user_tags?: string | null;
  timezone?: string | null;
};

const PROFILE_COLUMNS = [
  'login',
  'email',
  'full_name',
  'phone',
  'website',
  'external_user_id',
  'custom_data',
  'user_tags',
  'timezone',
] as const satisfies readonly (keyof UserProfile)[];

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    login: row.login,
    email: row.email,
    full_name: row.full_name,
    phone: row.phone,
    website: row.website,
    created_at: row.created_at,
    updated_at: row.updated_at,
    last_request_at: row.last_request_at,
    external_user_id: row.external_user_id,
    custom_data: row.custom_data,
    user_tags: row.user_tags,
    timezone: row.timezone,
    is_guest: row.is_guest === 1,
  };
}

export function createUsersRepo(db: Database) {
  return {
    byId: (id: number) => db.get<UserRow>(sql`SELECT * FROM users WHERE id = ${id}`),
    byLogin: (login: string) => db.get<UserRow>(sql`SELECT * FROM users WHERE login = ${login}`),
    byEmail: (email: string) => db.get<UserRow>(sql`SELECT * FROM users WHERE email = ${email}`),
    /** Emails of the given users, for resolving attendees listed by id. */
    emailsByIds(ids: readonly number[]): Map<number, string> {
      if (ids.length === 0) return new Map();
      const rows = db.all<{ id: number; email: string }>(
        sql`SELECT id, email FROM users WHERE email IS NOT NULL AND id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
      );
      return new Map(rows.map((r) => [r.id, r.email]));
    },
    /** Display names (full name, else login, else e-mail) of the given users, in one query. */
    displayNamesByIds(ids: readonly number[]): Map<number, string> {
      if (ids.length === 0) return new Map();
      const rows = db.all<{ id: number; name: string | null }>(
        sql`SELECT id, coalesce(full_name, login, email) AS name FROM users
            WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
      );
      return new Map(rows.flatMap((r) => (r.name === null ? [] : [[r.id, r.name] as const])));
    },
    insert(
      profile: UserProfile,
      passwordHash: string | null,
      isGuest: boolean,
      now: string,
    ): UserRow {
      const columns = PROFILE_COLUMNS.filter((c) => profile[c] !== undefined);
      const names = sqlJoin(
        [
          ...columns.map((c) => sqlRaw(c)),
          sqlRaw('password_hash, is_guest, created_at, updated_at'),
        ],
        ', ',
      );
      const values = sqlJoin(
        [
          ...columns.map((c) => sql`${profile[c] ?? null}`),
          sql`${passwordHash}, ${isGuest ? 1 : 0}, ${now}, ${now}`,
        ],
        ', ',
      );
      const { lastInsertRowid } = db.run(sql`INSERT INTO users (${names}) VALUES (${values})`);
      const row = db.get<UserRow>(sql`SELECT * FROM users WHERE id = ${lastInsertRowid}`);
      if (!row) throw new Error('inserted user vanished');
      return row;
    },
    update(id: number, profile: UserProfile, passwordHash: string | undefined, now: string): void {
      const sets: Sql[] = PROFILE_COLUMNS.filter((c) => profile[c] !== undefined).map(
        (c) => sql`${sqlRaw(c)} = ${profile[c] ?? null}`,
      );
      if (passwordHash !== undefined) sets.push(sql`password_hash = ${passwordHash}`);
      sets.push(sql`updated_at = ${now}`);
      db.run(sql`UPDATE users SET ${sqlJoin(sets, ', ')} WHERE id = ${id}`);
    },
    touchLastRequest(id: number, now: string): void {
      db.run(sql`UPDATE users SET last_request_at = ${now} WHERE id = ${id}`);
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
