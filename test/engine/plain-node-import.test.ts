import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('engine boundary', () => {
  it('loads and runs in a plain Node process, with no Electron present', () => {
    // The ESLint boundary rule keeps `electron` out of src-main/engine; this proves the result runs
    // where Electron does not exist at all (the web and server shells).
    const script = `
      const { createEngine } = await import('./src-main/engine/engine.ts');
      const engine = createEngine({ databasePath: ':memory:', application: { id: 1, authKey: 'k' } });
      const user = await engine.users.signUp({ login: 'plain', password: 'secret123' });
      const m = engine.meetings.create(user, { name: 'n', start_date: 100, end_date: 200, attendees: [] });
      engine.close();
      console.log(JSON.stringify({ electron: process.versions.electron ?? null, name: m.name }));
    `;
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(out.trim())).toEqual({ electron: null, name: 'n' });
  });
});
