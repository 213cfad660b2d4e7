import type { Engine } from '../engine';
import type { UserRow } from '../users/users-repo';

/**
 * The desktop app's own user: created once per database, never signs in with a password (a remote
 * account arrives with sync later). Its id hosts every meeting made in this window.
 */
export function ensureLocalProfile(engine: Engine, displayName: string): UserRow {
  const saved = engine.settings.get('local_profile_user_id');
  const existing = saved === undefined ? undefined : engine.users.repo.byId(Number(saved));
  if (existing) return existing;
  return engine.db.transaction(() => {
    const user = engine.users.repo.insert(
      { full_name: displayName.slice(0, 200) || 'Me' },
      null,
      false,
      new Date(engine.clock.now()).toISOString(),
    );
    engine.settings.set('local_profile_user_id', String(user.id));
    return user;
  });
}
