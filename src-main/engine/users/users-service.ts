import type { User } from '../../shared/meetings-api-types';
import type { Clock } from '../clock';
import { isoAt } from '../clock';
import type { Database } from '../db/database';
import { EngineError, forbidden, notFound, validationError } from '../errors';
import { parseOrThrow } from '../validation/parse';
import { hashPassword, verifyPassword } from './password';
import {
  credentialsSchema,
  guestSchema,
  signUpSchema,
  updateUserSchema,
  type SignUpInput,
} from './user-schemas';
import { createUsersRepo, toUser, type UserProfile, type UserRow } from './users-repo';

export type UsersServiceOptions = {
  /** A login that does not exist yet is created on first sign-in (ConnectyCube's default). */
  autoSignUp: () => boolean;
};

function profileOf(input: Omit<SignUpInput, 'password'>): UserProfile {
  const { tag_list, ...rest } = input;
  return { ...rest, ...(tag_list !== undefined ? { user_tags: tag_list } : {}) };
}

export function createUsersService(db: Database, clock: Clock, options: UsersServiceOptions) {
  const repo = createUsersRepo(db);

  function assertFree(profile: UserProfile, exceptId?: number): void {
    const fields: Record<string, string[]> = {};
    if (profile.login) {
      const other = repo.byLogin(profile.login);
      if (other && other.id !== exceptId) fields.login = ['has already been taken'];
    }
    if (profile.email) {
      const other = repo.byEmail(profile.email);
      if (other && other.id !== exceptId) fields.email = ['has already been taken'];
    }
    if (Object.keys(fields).length > 0) throw validationError(fields);
  }

  async function signUp(input: unknown): Promise<UserRow> {
    const parsed = parseOrThrow(signUpSchema, input);
    const { password, ...rest } = parsed;
    const profile = profileOf(rest);
    assertFree(profile);
    const hash = await hashPassword(password);
    // Checked again inside the write: another request may have taken the name while we hashed.
    return db.transaction(() => {
      assertFree(profile);
      return repo.insert(profile, hash, false, isoAt(clock.now()));
    });
  }

  return {
    repo,
    signUp,
    toUser,

    /** Signs in by login or e-mail; creates the account on the fly when allowed. */
    async authenticate(input: unknown): Promise<UserRow> {
      const creds = parseOrThrow(credentialsSchema, input);
      const existing = creds.login ? repo.byLogin(creds.login) : repo.byEmail(creds.email ?? '');
      if (!existing) {
        if (!options.autoSignUp()) throw new EngineError('unauthorized', 'Unauthorized');
        return signUp(creds.login ? { login: creds.login, password: creds.password } : creds);
      }
      const ok =
        existing.password_hash !== null &&
        (await verifyPassword(creds.password, existing.password_hash));
      if (!ok) throw new EngineError('unauthorized', 'Unauthorized');
      return existing;
    },

    createGuest(input: unknown): UserRow {
      const guest = parseOrThrow(guestSchema, input);
      return repo.insert({ full_name: guest.full_name }, null, true, isoAt(clock.now()));
    },

    get(id: number): User {
      const row = repo.byId(id);
      if (!row) throw notFound('User not found');
      return toUser(row);
    },

    async update(callerId: number, id: number, input: unknown): Promise<User> {
      const row = repo.byId(id);
      if (!row) throw notFound('User not found');
      if (row.id !== callerId) throw forbidden('You may only update your own account');
      const parsed = parseOrThrow(updateUserSchema, input);
      const { password, old_password, ...rest } = parsed;
      const profile = profileOf(rest);
      let hash: string | undefined;
      if (password !== undefined) {
        const verified =
          row.password_hash === null ||
          (old_password !== undefined && (await verifyPassword(old_password, row.password_hash)));
        if (!verified) throw validationError({ old_password: ['is incorrect'] });
        hash = await hashPassword(password);
      }
      return db.transaction(() => {
        assertFree(profile, id);
        repo.update(id, profile, hash, isoAt(clock.now()));
        const updated = repo.byId(id);
        if (!updated) throw notFound('User not found');
        return toUser(updated);
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
