import { describe, expect, it } from 'vitest';
import { databasePath, rendererDir, sqliteBindingPath } from '../../src-main/electron/paths';

describe('desktop paths', () => {
  it('keeps the database in userData and serves the renderer beside the main bundle', () => {
    expect(databasePath('/home/sam/.config/Convene')).toBe('/home/sam/.config/Convene/convene.db');
    expect(rendererDir('/app/out/main')).toBe('/app/out/renderer');
  });

  it('loads the Electron build of SQLite, never the Node build in node_modules/better-sqlite3', () => {
    const dirs = { appPath: '/src/convene', resourcesPath: '/opt/Convene/resources' };
    expect(sqliteBindingPath({ ...dirs, isPackaged: false })).toBe(
      '/src/convene/node_modules/.convene-electron/better_sqlite3.node',
    );
    expect(sqliteBindingPath({ ...dirs, isPackaged: true })).toBe(
      '/opt/Convene/resources/native/better_sqlite3.node',
    );
  });
});
