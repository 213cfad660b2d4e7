import type BetterSqlite3 from 'better-sqlite3';

export type Migration = {
  /** 1, 2, 3...: the `user_version` the database is at after this migration. */
  readonly version: number;
  readonly name: string;
  up(db: BetterSqlite3.Database): void;
};

export class DatabaseTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `The database is at schema version ${databaseVersion}, but this version of Convene only knows up to ${codeVersion}. Update Convene to open it.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * Brings the database up to the newest migration in one transaction, so a failure in any step
 * leaves it at the version it had. A database written by a newer Convene is refused rather than
 * guessed at: its tables may mean things this code does not know.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[]): number {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1)
      throw new Error(`Migration ${m.name} must be version ${index + 1}`);
  });
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  if (current === latest) return current;

  db.transaction(() => {
    for (const m of migrations.slice(current)) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return latest;
}
