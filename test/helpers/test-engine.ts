import { join } from 'node:path';
import { createEngine, type Engine, type EngineOptions } from '../../src-main/engine/engine';
import type { UserRow } from '../../src-main/engine/users/users-repo';
import { FakeClock } from './fake-clock';
import { makeTempDir } from './temp-dir';

export const TEST_APP = { id: 1, authKey: 'test-auth-key' } as const;

export type TestEngine = { engine: Engine; clock: FakeClock; dbPath: string; close: () => void };

/** A real engine on a real SQLite file in a temp dir, with a fake clock. */
export function openTestEngine(options: Partial<EngineOptions> = {}): TestEngine {
  const { dir, cleanup } = makeTempDir();
  const clock = new FakeClock();
  const dbPath = join(dir, 'convene.db');
  const engine = createEngine({ databasePath: dbPath, application: TEST_APP, clock, ...options });
  return {
    engine,
    clock,
    dbPath,
    close: () => {
      void engine.close(); // no sync pass in flight: closes before returning
      cleanup();
    },
  };
}

/** Signs a user up directly through the engine (login, password `secret123`). */
export async function makeUser(engine: Engine, login: string, email?: string): Promise<UserRow> {
  return engine.users.signUp({ login, password: 'secret123', ...(email ? { email } : {}) });
}
