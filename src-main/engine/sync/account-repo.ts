import type { Database } from '../db/database';
import { sql } from '../db/sql';

export type AccountRow = {
  id: 1;
  server_url: string;
  app_id: number;
  login: string;
  remote_user_id: number;
  auth_key_sealed: string;
  password_sealed: string;
  token_sealed: string | null;
  watermark: string | null;
  /** Server time at which the last complete pull started. */
  pull_started_at: string | null;
  connected_at: string;
  last_synced_at: string | null;
  last_full_census_at_ms: number | null;
  paused_until_ms: number | null;
  needs_sign_in: number;
};

export type NewAccount = Pick<
  AccountRow,
  | 'server_url'
  | 'app_id'
  | 'login'
  | 'remote_user_id'
  | 'auth_key_sealed'
  | 'password_sealed'
  | 'token_sealed'
  | 'connected_at'
>;

/** The one remote account of a client database, with its sealed secrets and the pull watermark. */
export function createAccountRepo(db: Database) {
  return {
    get: () => db.get<AccountRow>(sql`SELECT * FROM sync_account WHERE id = 1`),

    insert(a: NewAccount): void {
      db.run(sql`INSERT INTO sync_account (id, server_url, app_id, login, remote_user_id,
          auth_key_sealed, password_sealed, token_sealed, connected_at)
        VALUES (1, ${a.server_url}, ${a.app_id}, ${a.login}, ${a.remote_user_id}, ${a.auth_key_sealed},
          ${a.password_sealed}, ${a.token_sealed}, ${a.connected_at})`);
    },

    remove(): void {
      db.run(sql`DELETE FROM sync_account`);
    },

    /** Signed in again: new secrets, and the account may sync again. */
    replaceCredentials(authKey: string, password: string, token: string): void {
      db.run(sql`UPDATE sync_account SET auth_key_sealed = ${authKey}, password_sealed = ${password},
                 token_sealed = ${token}, needs_sign_in = 0 WHERE id = 1`);
    },

    setToken(sealed: string | null): void {
      db.run(sql`UPDATE sync_account SET token_sealed = ${sealed} WHERE id = 1`);
    },

    /** Moves forward only: a page applied out of order never takes the watermark back. */
    advanceWatermark(updatedAt: string): void {
      db.run(sql`UPDATE sync_account SET watermark = ${updatedAt}
                 WHERE id = 1 AND (watermark IS NULL OR watermark < ${updatedAt})`);
    },

    setPullStarted(at: string): void {
      db.run(sql`UPDATE sync_account SET pull_started_at = ${at} WHERE id = 1`);
    },

    setSynced(at: string): void {
      db.run(sql`UPDATE sync_account SET last_synced_at = ${at} WHERE id = 1`);
    },

    setFullCensus(atMs: number): void {
      db.run(sql`UPDATE sync_account SET last_full_census_at_ms = ${atMs} WHERE id = 1`);
    },

    setPausedUntil(ms: number | null): void {
      db.run(sql`UPDATE sync_account SET paused_until_ms = ${ms} WHERE id = 1`);
    },

    setNeedsSignIn(value: boolean): void {
      db.run(sql`UPDATE sync_account SET needs_sign_in = ${value ? 1 : 0} WHERE id = 1`);
    },
  };
}

export type AccountRepo = ReturnType<typeof createAccountRepo>;
