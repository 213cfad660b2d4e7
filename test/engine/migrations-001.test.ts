import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/engine/db/database';
import { DatabaseTooNewError, migrate } from '../../src-main/engine/db/migrate';
import { migrations } from '../../src-main/engine/db/migrations';
import { m001Initial } from '../../src-main/engine/db/migrations/001-initial';
import { makeTempDir } from '../helpers/temp-dir';

const temp = makeTempDir();
afterEach(() => {
  temp.cleanup();
  Object.assign(temp, makeTempDir());
});

function tables(db: BetterSqlite3.Database): string[] {
  return (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

describe('migration 001-initial', () => {
  it('creates every table as STRICT and sets user_version to 1', () => {
    const db = new BetterSqlite3(join(temp.dir, 'a.db'));
    migrate(db, [m001Initial]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).toEqual([
      'dialog_occupants',
      'dialogs',
      'mail_outbox',
      'meeting_attendees',
      'meetings',
      'recordings',
      'sessions',
      'settings',
      'users',
    ]);
    for (const name of tables(db)) {
      const sqlText = (
        db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(name) as { sql: string }
      ).sql;
      expect(sqlText, name).toMatch(/STRICT/);
    }
    db.close();
  });

  it('enforces the meeting invariants in the schema itself', () => {
    const db = new BetterSqlite3(join(temp.dir, 'b.db'));
    migrate(db, [m001Initial]);
    const insert =
      db.prepare(`INSERT INTO meetings (_id, name, start_date, end_date, host_id, created_at, updated_at,
      notify_before_metric, notify_before_value) VALUES (?, 'n', ?, ?, 1, 'x', 'x', ?, ?)`);
    expect(() => insert.run('a', 10, 5, null, null)).toThrow(/CHECK/);
    expect(() => insert.run('b', 10, 20, 'fortnights', 1)).toThrow(/CHECK/);
    expect(() => insert.run('c', 10, 20, 'hours', null)).toThrow(/CHECK/);
    expect(() => insert.run('d', '10', 20, null, null)).not.toThrow(); // STRICT coerces lossless text
    expect(() => insert.run('e', 'ten', 20, null, null)).toThrow(/cannot store TEXT/);
    db.close();
  });

  it('cascades attendee rows when a meeting is deleted', () => {
    const db = openDatabase({ path: join(temp.dir, 'c.db') });
    db.run({
      text: `INSERT INTO meetings (_id, name, start_date, end_date, host_id, created_at, updated_at) VALUES ('m', 'n', 1, 2, 1, 'x', 'x')`,
      values: [],
    });
    db.run({
      text: `INSERT INTO meeting_attendees (meeting_id, position, user_id) VALUES (1, 0, 7)`,
      values: [],
    });
    db.run({ text: `DELETE FROM meetings`, values: [] });
    expect(db.all({ text: 'SELECT * FROM meeting_attendees', values: [] })).toEqual([]);
    db.close();
  });
});

describe('migrate', () => {
  it('is idempotent: reopening a database applies nothing twice', () => {
    const path = join(temp.dir, 'd.db');
    openDatabase({ path }).close();
    const db = openDatabase({ path });
    expect(db.version()).toBe(migrations.length);
    db.close();
  });

  it('refuses a database written by a newer Convene and leaves it untouched', () => {
    const path = join(temp.dir, 'e.db');
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${migrations.length + 1}`);
    raw.close();
    expect(() => openDatabase({ path })).toThrow(DatabaseTooNewError);
    const check = new BetterSqlite3(path);
    expect(check.pragma('user_version', { simple: true })).toBe(migrations.length + 1);
    expect(tables(check)).toEqual([]);
    check.close();
  });

  it('rolls back every step when one migration fails', () => {
    const db = new BetterSqlite3(join(temp.dir, 'f.db'));
    const broken = {
      version: 2,
      name: '002-broken',
      up: (d: BetterSqlite3.Database) =>
        d.exec('CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;'),
    };
    expect(() => migrate(db, [m001Initial, broken])).toThrow(/no_such_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('opens with WAL, foreign keys and a busy timeout', () => {
    const path = join(temp.dir, 'g.db');
    openDatabase({ path }).close();
    const raw = new BetterSqlite3(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });
});
