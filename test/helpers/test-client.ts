import { join } from 'node:path';
import { createAppHandlers, type AppHandlers } from '../../src-main/engine/app/app-handlers';
import { ensureLocalProfile } from '../../src-main/engine/app/local-profile';
import { createEngine, type Engine } from '../../src-main/engine/engine';
import type { Clock } from '../../src-main/engine/clock';
import type { ClientOptions } from '../../src-main/engine/sync/client-sync';
import { createKeyFileSecretStore } from '../../src-main/engine/sync/secret-store';
import type { HandlerArgs, HandlerName, HandlerResults } from '../../src-main/shared/contract';
import { FakeClock } from './fake-clock';
import { makeTempDir } from './temp-dir';

export type TestClient = {
  engine: Engine;
  app: AppHandlers;
  clock: FakeClock;
  dataPath: string;
  /** Calls a contract handler and returns its value, throwing on an error result. */
  call<K extends HandlerName>(name: K, arg: HandlerArgs[K]): Promise<HandlerResults[K]>;
  close(): Promise<void>;
};

/**
 * The desktop app's engine as the window uses it: client role, a real SQLite file and key file in
 * a temp dir, the contract's handlers over it, and a fake clock whose timers only fire when moved.
 * `engineClock` gives the engine another time source (e.g. real time, so the remote's timestamps
 * and ours advance together) while its timers stay on the fake clock, firing only when moved.
 */
export function openTestClient(
  options: {
    dataPath?: string;
    client?: ClientOptions;
    clock?: FakeClock;
    engineClock?: Clock;
  } = {},
): TestClient {
  const temp = options.dataPath === undefined ? makeTempDir('convene-client-') : undefined;
  const dataPath = options.dataPath ?? join(temp!.dir, 'convene.db');
  const clock = options.clock ?? new FakeClock(Date.now());
  const engine = createEngine({
    databasePath: dataPath,
    application: { id: 1 },
    clock: options.engineClock ?? clock,
    role: 'client',
    client: {
      secrets: createKeyFileSecretStore(`${dataPath}.key`),
      timers: clock,
      ...options.client,
    },
  });
  const app = createAppHandlers(engine, ensureLocalProfile(engine, 'Sam'));
  return {
    engine,
    app,
    clock,
    dataPath,
    async call(name, arg) {
      const handler = app.handlers[name] as (
        a: unknown,
      ) => Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }>;
      const result = await handler(arg);
      if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
      return result.value as HandlerResults[typeof name];
    },
    async close() {
      await engine.close();
      temp?.cleanup();
    },
  };
}
