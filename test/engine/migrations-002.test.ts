import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/engine/db/migrate';
import { migrations } from '../../src-main/engine/db/migrations';
import { m001Initial } from '../../src-main/engine/db/migrations/001-initial';
import { makeTempDir } from '../helpers/temp-dir';

const temp = makeTempDir();
afterEach(() => {
  temp.cleanup();
  Object.assign(temp, makeTempDir());
});

const NOW = '2026-11-23T09:00:00.000Z';

/** A database as migration 001 left it: two users, three meetings with attendees, a dialog. */
function version1(path: string, options: { client: boolean }): BetterSqlite3.Database {
  const db = new BetterSqlite3(path);
  db.pragma('foreign_keys = ON');
  migrate(db, [m001Initial]);
  db.prepare(
    `INSERT INTO users (id, login, created_at, updated_at) VALUES (1, 'sam', ?, ?), (2, 'olga', ?, ?)`,
  ).run(NOW, NOW, NOW, NOW);
  if (options.client)
    db.prepare(`INSERT INTO settings (key, value) VALUES ('local_profile_user_id', '1')`).run();
  const meeting =
    db.prepare(`INSERT INTO meetings (id, _id, name, start_date, end_date, host_id, chat_dialog_id, created_at, updated_at)
    VALUES (?, ?, ?, 100, 200, ?, ?, ?, ?)`);
  meeting.run(
    1,
    'aaaaaaaaaaaaaaaaaaaaaaa1',
    'Mine with chat',
    1,
    'dddddddddddddddddddddddd',
    NOW,
    NOW,
  );
  meeting.run(2, 'aaaaaaaaaaaaaaaaaaaaaaa2', 'Mine', 1, null, NOW, NOW);
  meeting.run(3, 'aaaaaaaaaaaaaaaaaaaaaaa3', 'Olga invites me', 2, null, NOW, NOW);
  const attendee = db.prepare(
    `INSERT INTO meeting_attendees (meeting_id, position, user_id, email) VALUES (?, ?, ?, ?)`,
  );
  attendee.run(1, 0, 2, null);
  attendee.run(1, 1, null, 'pat@example.com');
  attendee.run(3, 0, 1, null);
  db.prepare(
    `INSERT INTO dialogs (id, _id, type, name, user_id, meeting_id, created_at, updated_at)
    VALUES (1, 'dddddddddddddddddddddddd', 5, 'Mine with chat', 1, 'aaaaaaaaaaaaaaaaaaaaaaa1', ?, ?)`,
  ).run(NOW, NOW);
  // The id rowid tables hand out again: meeting 4 existed once and was deleted.
  meeting.run(4, 'aaaaaaaaaaaaaaaaaaaaaaa4', 'Deleted', 1, null, NOW, NOW);
  db.prepare(`DELETE FROM meetings WHERE id = 4`).run();
  return db;
}

const attendees = (db: BetterSqlite3.Database) =>
  db
    .prepare(
      `SELECT meeting_id, position, user_id, email FROM meeting_attendees ORDER BY meeting_id, position`,
    )
    .all();

describe('migration 002-sync', () => {
  it('keeps every meeting and attendee of a server database, with its ids, and adds the sync tables', () => {
    const db = version1(join(temp.dir, 'server.db'), { client: false });
    const before = {
      meetings: db.prepare(`SELECT * FROM meetings ORDER BY id`).all(),
      attendees: attendees(db),
    };
    migrate(db, migrations);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare(`SELECT * FROM meetings ORDER BY id`).all()).toEqual(before.meetings);
    expect(attendees(db)).toEqual(before.attendees);
    expect(db.prepare(`SELECT count(*) AS n FROM dialogs`).get()).toEqual({ n: 1 });
    for (const table of ['sync_account', 'sync_outbox', 'meeting_sync']) {
      const row = db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(table) as {
        sql: string;
      };
      expect(row.sql, table).toMatch(/STRICT/);
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('never hands a deleted meeting’s id to the next one again', () => {
    const db = version1(join(temp.dir, 'ids.db'), { client: false });
    migrate(db, migrations);
    db.prepare(`DELETE FROM meetings WHERE id = 3`).run();
    const next = db
      .prepare(
        `INSERT INTO meetings (_id, name, start_date, end_date, host_id, created_at, updated_at)
      VALUES ('aaaaaaaaaaaaaaaaaaaaaaa9', 'New', 100, 200, 1, ?, ?)`,
      )
      .run(NOW, NOW);
    expect(Number(next.lastInsertRowid)).toBe(4);
    db.prepare(`DELETE FROM meetings WHERE id = 4`).run();
    const after = db
      .prepare(
        `INSERT INTO meetings (_id, name, start_date, end_date, host_id, created_at, updated_at)
      VALUES ('aaaaaaaaaaaaaaaaaaaaaaa8', 'Newer', 100, 200, 1, ?, ?)`,
      )
      .run(NOW, NOW);
    expect(Number(after.lastInsertRowid)).toBe(5);
    db.close();
  });

  it('still cascades attendees on delete after the rebuild', () => {
    const db = version1(join(temp.dir, 'cascade.db'), { client: false });
    migrate(db, migrations);
    db.pragma('foreign_keys = ON');
    db.prepare(`DELETE FROM meetings WHERE id = 1`).run();
    expect(attendees(db)).toEqual([{ meeting_id: 3, position: 0, user_id: 1, email: null }]);
    db.close();
  });

  it('in a desktop database, clears the locally invented ids and dialogs and marks its meetings local', () => {
    const db = version1(join(temp.dir, 'client.db'), { client: true });
    migrate(db, migrations);
    const rows = db.prepare(`SELECT id, _id, chat_dialog_id, name FROM meetings ORDER BY id`).all();
    expect(rows).toEqual([
      { id: 1, _id: null, chat_dialog_id: null, name: 'Mine with chat' },
      { id: 2, _id: null, chat_dialog_id: null, name: 'Mine' },
      // Hosted by someone else: it came from a remote, so its id is the remote's.
      { id: 3, _id: 'aaaaaaaaaaaaaaaaaaaaaaa3', chat_dialog_id: null, name: 'Olga invites me' },
    ]);
    expect(
      db
        .prepare(`SELECT meeting_id, state, draft, chat FROM meeting_sync ORDER BY meeting_id`)
        .all(),
    ).toEqual([
      { meeting_id: 1, state: 'local', draft: 0, chat: 1 },
      { meeting_id: 2, state: 'local', draft: 0, chat: 0 },
    ]);
    expect(db.prepare(`SELECT count(*) AS n FROM dialogs`).get()).toEqual({ n: 0 });
    expect(attendees(db)).toHaveLength(3);
    db.close();
  });

  it('rolls back whole when a step fails, leaving version 1 as it was', () => {
    const db = version1(join(temp.dir, 'fail.db'), { client: false });
    db.exec(`CREATE TABLE sync_outbox (x INTEGER)`); // makes the migration's CREATE fail
    expect(() => migrate(db, migrations)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare(`SELECT count(*) AS n FROM meetings`).get()).toEqual({ n: 3 });
    expect(
      db.prepare(`SELECT name FROM sqlite_master WHERE name = 'meetings_v2'`).get(),
    ).toBeUndefined();
    db.close();
  });
});

describe('migration 003-pull-start', () => {
  it('adds the pull start to a connected account, keeping its watermark', () => {
    const db = version1(join(temp.dir, 'account.db'), { client: true });
    migrate(db, migrations.slice(0, 2));
    db.prepare(
      `INSERT INTO sync_account (id, server_url, app_id, login, remote_user_id, auth_key_sealed,
        password_sealed, watermark, connected_at) VALUES (1, 'https://meet.example.com', 1, 'sam', 1,
        'sealed', 'sealed', ?, ?)`,
    ).run(NOW, NOW);
    migrate(db, migrations.slice(0, 3));
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare(`SELECT watermark, pull_started_at FROM sync_account`).get()).toEqual({
      watermark: NOW,
      pull_started_at: null,
    });
    db.close();
  });
});
