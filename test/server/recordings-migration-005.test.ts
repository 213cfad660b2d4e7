import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/engine/db/migrate';
import { migrations } from '../../src-main/engine/db/migrations';
import { createEngine } from '../../src-main/engine/engine';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_APP } from '../helpers/test-engine';

// Beside the recordings tests rather than in test/engine: this migration belongs to that work.
const temp = makeTempDir();
afterAll(() => temp.cleanup());
const NOW = '2026-11-23T09:00:00.000Z';

describe('migration 005 (recording files, webhook queue)', () => {
  it('adds the file columns (NULL for old rows), keeps old recordings listed, and adds the queue', async () => {
    const path = join(temp.dir, 'v4.db');
    const raw = new BetterSqlite3(path);
    migrate(raw, migrations.slice(0, 4));
    raw
      .prepare(
        `INSERT INTO recordings (_id, room_id, host_id, participants_ids, duration, size, file_uid, created_at, updated_at)
         VALUES ('bbbbbbbbbbbbbbbbbbbbbbbb', 'aaaaaaaaaaaaaaaaaaaaaaaa', 1, '[1]', 10, 0.5, 'legacy-file', ?, ?)`,
      )
      .run(NOW, NOW);
    raw.close();

    const engine = createEngine({ databasePath: path, application: TEST_APP });
    expect(engine.db.version()).toBe(migrations.length);
    const columns = engine.db
      .all<{ name: string }>({ text: 'PRAGMA table_info(recordings)', values: [] })
      .map((c) => c.name);
    expect(columns).toEqual(
      expect.arrayContaining(['size_bytes', 'sha256', 'content_type', 'file_name']),
    );
    const [old] = engine.recordings.ofMeeting('aaaaaaaaaaaaaaaaaaaaaaaa');
    expect(old).toMatchObject({ _id: 'bbbbbbbbbbbbbbbbbbbbbbbb', file_uid: 'legacy-file' });
    // It never had a file here: nothing to download.
    expect(engine.recordings.file('legacy-file')).toBeUndefined();

    const strict = engine.db.get<{ sql: string }>({
      text: `SELECT sql FROM sqlite_master WHERE name = 'recording_webhooks'`,
      values: [],
    });
    expect(strict?.sql).toMatch(/STRICT$/);
    const insert = (status: string, eventId: string) =>
      engine.db.run({
        text: `INSERT INTO recording_webhooks (event_id, meeting_id, status, meeting, next_attempt_at_ms, created_at_ms)
               VALUES (?, 'm', ?, '{}', 0, 0)`,
        values: [eventId, status],
      });
    insert('waiting', 'msg_1');
    insert('delivered', 'msg_2');
    // One waiting event per meeting: later files join it rather than starting another.
    expect(() => insert('waiting', 'msg_3')).toThrow(/UNIQUE/);
    expect(() => insert('lost', 'msg_4')).toThrow(/CHECK/);
    await engine.close();
  });
});
