import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/engine/db/migrate';
import { migrations } from '../../src-main/engine/db/migrations';
import { createEngine } from '../../src-main/engine/engine';
import { makeTempDir } from '../helpers/temp-dir';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

describe('migration 006 (download jobs)', () => {
  it('adds a STRICT download_jobs table to a version-5 database, its rows intact', async () => {
    const path = join(temp.dir, 'v5.db');
    const raw = new BetterSqlite3(path);
    migrate(raw, migrations.slice(0, 5));
    raw.prepare(`INSERT INTO settings (key, value) VALUES ('theme', 'dark')`).run();
    raw.close();

    const engine = createEngine({ databasePath: path, application: { id: 1 }, role: 'client' });
    try {
      expect(engine.db.version()).toBe(6);
      expect(engine.appSettings.get()).toMatchObject({
        theme: 'dark',
        autoDownloadRecordings: false,
        downloadsFolder: null,
      });
      const table = engine.db.get<{ sql: string }>({
        text: `SELECT sql FROM sqlite_master WHERE name = 'download_jobs'`,
        values: [],
      });
      expect(table?.sql).toMatch(/STRICT$/);
      expect(engine.downloads!.list()).toEqual([]);
      // A state outside the vocabulary is refused by the table itself.
      expect(() =>
        engine.db.run({
          text: `INSERT INTO download_jobs (meeting_id, recording_id, state, file_name, part_path,
                 created_at_ms, updated_at_ms) VALUES (1, 'r', 'exploded', 'a.mp4', '/a.part', 0, 0)`,
          values: [],
        }),
      ).toThrow(/CHECK/);
    } finally {
      await engine.close();
    }
  });
});
