import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Session } from '../../shared/meetings-api-types';
import { isoAt, type Clock } from '../clock';
import type { Database } from '../db/database';
import { sql } from '../db/sql';
import { EngineError, forbidden, sessionRequired, validationError } from '../errors';
import type { UserRow } from '../users/users-repo';
import { toUser } from '../users/users-repo';
import type { UsersService } from '../users/users-service';
import { parseOrThrow } from '../validation/parse';

/** Sessions last two hours from their last use (ConnectyCube's rule). */
export const SESSION_TTL_MS = 2 * 60 * 60 * 1000;
/**
 * A request extends its session only when the stored expiry is this stale, so a burst of requests
 * costs one write rather than one per request; the expiry is at most this much shorter than 2 hours.
 */
const EXTEND_GRANULARITY_MS = 60 * 1000;

export type Application = { id: number; authKey: string };

/** Who is making a request: the session and, unless it is an app-only session, its user. */
export type Caller = {
  sessionId: number;
  applicationId: number;
  token: string;
  user: UserRow | null;
};

type SessionRow = {
  id: number;
  token_hash: string;
  application_id: number;
  user_id: number | null;
  nonce: string | null;
  ts: number;
  created_at: string;
  updated_at: string;
  expires_at_ms: number;
};

const createSessionSchema = z.object({
  application_id: z
    .union([z.int().positive(), z.string().regex(/^\d{1,15}$/)], { error: 'must be an integer' })
    .transform(Number),
  auth_key: z.string({ error: 'must be a string' }).min(1, 'is required').max(256),
  // SDK 6.x sends no signature; older clients do. Accepted and ignored.
  nonce: z.union([z.string(), z.number()]).optional(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  signature: z.string().optional(),
  user: z.record(z.string(), z.unknown(), { error: 'must be an object' }).optional(),
});

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function createSessionsService(
  db: Database,
  clock: Clock,
  users: UsersService,
  application: Application,
) {
  function toSession(row: SessionRow, token: string, user: UserRow | null): Session {
    return {
      id: row.id,
      user_id: row.user_id,
      application_id: row.application_id,
      token,
      ts: row.ts,
      created_at: row.created_at,
      updated_at: row.updated_at,
      ...(user ? { user: toUser(user) } : {}),
    };
  }

  function rowByToken(token: string): SessionRow | undefined {
    return db.get<SessionRow>(sql`SELECT * FROM sessions WHERE token_hash = ${hashToken(token)}`);
  }

  return {
    async create(input: unknown): Promise<Session> {
      const parsed = parseOrThrow(createSessionSchema, input);
      if (parsed.application_id !== application.id || parsed.auth_key !== application.authKey) {
        throw validationError({ application_id: ['Unknown application or wrong auth_key'] });
      }
      let user: UserRow | null = null;
      if (parsed.user) {
        user =
          'guest' in parsed.user
            ? users.createGuest(parsed.user)
            : await users.authenticate(parsed.user);
      }
      const token = randomBytes(24).toString('hex');
      const now = clock.now();
      const iso = isoAt(now);
      const { lastInsertRowid } = db.run(sql`
        INSERT INTO sessions (token_hash, application_id, user_id, nonce, ts, created_at, updated_at, expires_at_ms)
        VALUES (${hashToken(token)}, ${application.id}, ${user?.id ?? null}, ${parsed.nonce?.toString() ?? null},
                ${Math.floor(now / 1000)}, ${iso}, ${iso}, ${now + SESSION_TTL_MS})`);
      if (user) users.repo.touchLastRequest(user.id, iso);
      const row = db.get<SessionRow>(sql`SELECT * FROM sessions WHERE id = ${lastInsertRowid}`);
      if (!row) throw new Error('inserted session vanished');
      return toSession(row, token, user && { ...user, last_request_at: iso });
    },

    /** The caller behind a token, extending the session; throws the SDK's 401 when there is none. */
    resolve(token: string | undefined): Caller {
      if (!token || token.length > 200) throw sessionRequired();
      const row = rowByToken(token);
      const now = clock.now();
      if (!row) throw sessionRequired();
      if (row.expires_at_ms <= now) {
        db.run(sql`DELETE FROM sessions WHERE id = ${row.id}`);
        throw sessionRequired();
      }
      const user = row.user_id === null ? null : (users.repo.byId(row.user_id) ?? null);
      if (row.expires_at_ms - now < SESSION_TTL_MS - EXTEND_GRANULARITY_MS) {
        const iso = isoAt(now);
        db.transaction(() => {
          db.run(sql`UPDATE sessions SET expires_at_ms = ${now + SESSION_TTL_MS}, updated_at = ${iso}
                     WHERE id = ${row.id}`);
          if (user) users.repo.touchLastRequest(user.id, iso);
        });
      }
      return { sessionId: row.id, applicationId: row.application_id, token, user };
    },

    get(caller: Caller): Session {
      const row = db.get<SessionRow>(sql`SELECT * FROM sessions WHERE id = ${caller.sessionId}`);
      if (!row) throw sessionRequired();
      return toSession(row, caller.token, caller.user);
    },

    destroy(caller: Caller): void {
      db.run(sql`DELETE FROM sessions WHERE id = ${caller.sessionId}`);
    },

    /** `POST /login`: binds a user to the current session. */
    async login(caller: Caller, input: unknown): Promise<UserRow> {
      const user = await users.authenticate(input);
      db.run(sql`UPDATE sessions SET user_id = ${user.id}, updated_at = ${isoAt(clock.now())}
                 WHERE id = ${caller.sessionId}`);
      return user;
    },

    /** `DELETE /login`: the session goes back to app-only. */
    logout(caller: Caller): void {
      if (!caller.user)
        throw new EngineError('unauthorized', 'No user is signed in to this session');
      db.run(sql`UPDATE sessions SET user_id = NULL, updated_at = ${isoAt(clock.now())}
                 WHERE id = ${caller.sessionId}`);
    },

    /** Drops sessions past their expiry; a later issue's scheduler calls it periodically. */
    purgeExpired(): number {
      return db.run(sql`DELETE FROM sessions WHERE expires_at_ms <= ${clock.now()}`).changes;
    },

    checkAuthKey(authKey: string | undefined): boolean {
      return authKey !== undefined && authKey === application.authKey;
    },
  };
}

/** Meetings, dialogs and recordings need a user, not just an application. */
export function requireUser(caller: Caller): UserRow {
  if (!caller.user) throw forbidden('Forbidden. Need user.');
  return caller.user;
}

export type SessionsService = ReturnType<typeof createSessionsService>;
