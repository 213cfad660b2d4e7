import BetterSqlite3 from 'better-sqlite3';
import type { Sql } from './sql';
import { migrate } from './migrate';
import { migrations } from './migrations';

export type RunResult = { changes: number; lastInsertRowid: number };

/**
 * The engine's only handle on SQLite. Statements are prepared once per distinct SQL text and
 * reused; list filters compose a bounded number of distinct texts, so the cache stays small.
 */
export type Database = {
  all<T>(query: Sql): T[];
  get<T>(query: Sql): T | undefined;
  run(query: Sql): RunResult;
  /** Runs `fn` in one transaction (nested calls become savepoints); a throw rolls everything back. */
  transaction<T>(fn: () => T): T;
  /**
   * Runs `hook` at the end of every outermost transaction, inside it: work derived from what the
   * transaction wrote (reminders) commits with it or not at all.
   */
  beforeCommit(hook: () => void): void;
  /** The schema version this database is at. */
  version(): number;
  close(): void;
  readonly path: string;
};

export type OpenDatabaseOptions = {
  /** A file path, or ':memory:' for throwaway databases in benchmarks. */
  path: string;
  /** better-sqlite3's `nativeBinding`: lets Electron load a build made for its own ABI. */
  nativeBinding?: string;
};

const STATEMENT_CACHE_LIMIT = 500;

export function openDatabase(options: OpenDatabaseOptions): Database {
  const db = new BetterSqlite3(
    options.path,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    // WAL: readers never block the writer, and a crash mid-write cannot corrupt the file.
    db.pragma('journal_mode = WAL');
    // NORMAL, deliberately: in WAL mode it syncs at checkpoints rather than at every commit. A
    // committed change survives an app or process crash; only an OS crash or power cut can lose the
    // last few commits, and it can never corrupt the file (SQLite's documented WAL guarantee). FULL
    // would add an fsync to every meeting edit, a cost a desktop app pays on each drag. The lost-tail
    // risk is covered above this layer: the sync outbox re-sends anything the server never confirmed.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Another process (a second window, the CLI) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }

  const cache = new Map<string, BetterSqlite3.Statement>();
  const hooks: (() => void)[] = [];
  let depth = 0;
  const prepare = (query: Sql): BetterSqlite3.Statement => {
    let statement = cache.get(query.text);
    if (!statement) {
      if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
      statement = db.prepare(query.text);
      cache.set(query.text, statement);
    }
    return statement;
  };

  return {
    path: options.path,
    all: <T>(query: Sql) => prepare(query).all(...query.values) as T[],
    get: <T>(query: Sql) => prepare(query).get(...query.values) as T | undefined,
    run: (query) => {
      const result = prepare(query).run(...query.values);
      return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
    },
    transaction: <T>(fn: () => T): T =>
      db.transaction(() => {
        depth += 1;
        try {
          const result = fn();
          if (depth === 1) for (const hook of hooks) hook();
          return result;
        } finally {
          depth -= 1;
        }
      })(),
    beforeCommit: (hook) => {
      hooks.push(hook);
    },
    version: () => db.pragma('user_version', { simple: true }) as number,
    close: () => {
      cache.clear();
      db.close();
    },
  };
}
