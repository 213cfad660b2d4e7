import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError, SESSION_REQUIRED_MESSAGE } from '../../src-main/engine/errors';
import { SESSION_TTL_MS } from '../../src-main/engine/sessions/sessions-service';
import { openTestEngine, TEST_APP, type TestEngine } from '../helpers/test-engine';

let t: TestEngine;
beforeEach(() => {
  t = openTestEngine();
});
afterEach(() => t.close());

const app = { application_id: TEST_APP.id, auth_key: TEST_APP.authKey };

async function rejection(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('sessions', () => {
  it('creates a user on first sign-in and signs the same user in again', async () => {
    const first = await t.engine.sessions.create({
      ...app,
      user: { login: 'dana', password: 'secret123' },
    });
    const again = await t.engine.sessions.create({
      ...app,
      application_id: '1',
      user: { login: 'DANA', password: 'secret123' },
    });
    expect(first.user_id).toBe(again.user_id);
    expect(first.user).toMatchObject({
      login: 'dana',
      is_guest: false,
      last_request_at: '2026-11-23T09:00:00.000Z',
    });
    expect(first.user).not.toHaveProperty('password_hash');
    expect(first.token).not.toBe(again.token);
  });

  it('refuses a wrong password, a wrong auth key and sign-up when it is turned off', async () => {
    await t.engine.sessions.create({ ...app, user: { login: 'dana', password: 'secret123' } });
    expect(
      (
        await rejection(
          t.engine.sessions.create({ ...app, user: { login: 'dana', password: 'wrong-one' } }),
        )
      ).code,
    ).toBe('unauthorized');
    expect(
      (await rejection(t.engine.sessions.create({ ...app, auth_key: 'nope' }))).fields,
    ).toHaveProperty('application_id');
    t.engine.settings.set('auto_sign_up', 'false');
    expect(
      (
        await rejection(
          t.engine.sessions.create({ ...app, user: { login: 'ed', password: 'secret123' } }),
        )
      ).code,
    ).toBe('unauthorized');
  });

  it('expires two hours after the last request, each request extending it', async () => {
    const s = await t.engine.sessions.create({
      ...app,
      user: { login: 'dana', password: 'secret123' },
    });
    t.clock.advance(SESSION_TTL_MS - 1000);
    expect(t.engine.sessions.resolve(s.token).user?.login).toBe('dana');
    t.clock.advance(SESSION_TTL_MS - 1000); // 2h after sign-in, but under 2h since the last request
    expect(t.engine.sessions.resolve(s.token).user?.login).toBe('dana');
    t.clock.advance(SESSION_TTL_MS);
    const error = (() => {
      try {
        t.engine.sessions.resolve(s.token);
      } catch (e) {
        return e as EngineError;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ code: 'session_required', message: SESSION_REQUIRED_MESSAGE });
  });

  it('stores only a hash of the token', async () => {
    const s = await t.engine.sessions.create({ ...app });
    const rows = t.engine.db.all<{ token_hash: string }>({
      text: 'SELECT token_hash FROM sessions',
      values: [],
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(s.token);
    expect(s.user_id).toBeNull();
  });

  it('upgrades an app session with /login and downgrades it with logout', async () => {
    const s = await t.engine.sessions.create({ ...app });
    const caller = t.engine.sessions.resolve(s.token);
    const user = await t.engine.sessions.login(caller, { login: 'erin', password: 'secret123' });
    expect(t.engine.sessions.resolve(s.token).user?.id).toBe(user.id);
    t.engine.sessions.logout(t.engine.sessions.resolve(s.token));
    expect(t.engine.sessions.resolve(s.token).user).toBeNull();
  });

  it('creates guest users', async () => {
    const s = await t.engine.sessions.create({
      ...app,
      user: { guest: '1', full_name: 'Visitor' },
    });
    expect(s.user).toMatchObject({ full_name: 'Visitor', is_guest: true, login: null });
  });
});

describe('users', () => {
  it('validates sign-up and rejects taken logins and e-mails', async () => {
    await t.engine.users.signUp({ login: 'fay', email: 'fay@example.com', password: 'secret123' });
    const taken = await rejection(
      t.engine.users.signUp({ login: 'FAY', email: 'FAY@example.com', password: 'secret123' }),
    );
    expect(taken.fields).toEqual({
      login: ['has already been taken'],
      email: ['has already been taken'],
    });
    const bad = await rejection(
      t.engine.users.signUp({ login: 'a b', email: 'nope', password: 'short' }),
    );
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['email', 'login', 'password']);
  });

  it('updates a profile, and a password only with the old one', async () => {
    const u = await t.engine.users.signUp({ login: 'gil', password: 'secret123' });
    const updated = await t.engine.users.update(u.id, u.id, {
      full_name: 'Gil G',
      email: 'gil@example.com',
      tag_list: 'a,b',
    });
    expect(updated).toMatchObject({
      full_name: 'Gil G',
      email: 'gil@example.com',
      user_tags: 'a,b',
    });
    expect(
      (
        await rejection(
          t.engine.users.update(u.id, u.id, { password: 'newsecret1', old_password: 'bad' }),
        )
      ).fields,
    ).toHaveProperty('old_password');
    await t.engine.users.update(u.id, u.id, { password: 'newsecret1', old_password: 'secret123' });
    expect((await t.engine.users.authenticate({ login: 'gil', password: 'newsecret1' })).id).toBe(
      u.id,
    );
    const other = await t.engine.users.signUp({ login: 'hal', password: 'secret123' });
    expect((await rejection(t.engine.users.update(other.id, u.id, { full_name: 'x' }))).code).toBe(
      'forbidden',
    );
  });
});
