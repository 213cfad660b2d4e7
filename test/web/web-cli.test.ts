import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir';
import { openEventStream } from './web-test-shell';

const temp = makeTempDir();
let child: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});
afterAll(() => temp.cleanup());

function spawnCli(args: string[]): ChildProcessWithoutNullStreams {
  child = spawn(process.execPath, ['--import', 'tsx', 'src-main/web/cli.ts', ...args], {
    stdio: 'pipe',
  });
  return child;
}

function firstUrlLine(p: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    p.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line);
    });
    p.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    p.on('exit', (code) => reject(new Error(`exited ${code}: ${out}${err}`)));
  });
}

function exitOf(p: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => p.on('exit', (code) => resolve(code)));
}

describe('npm run web', () => {
  it('prints one line with the tokened URL, serves the contract, and stops cleanly on SIGTERM', async () => {
    const data = join(temp.dir, 'web.db');
    const p = spawnCli(['--port', '0', '--data', data]);
    const line = await firstUrlLine(p);
    const match = /^Convene web shell on http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]{43})$/.exec(
      line,
    );
    expect(match, line).not.toBeNull();
    const port = Number(match![1]);
    const token = match![2]!;

    const r = await fetch(`http://127.0.0.1:${port}/api/profile:get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-convene-token': token },
      body: '{}',
    });
    expect(await r.json()).toMatchObject({ ok: true, value: { userId: expect.any(Number) } });

    // An open event stream must not keep the process from stopping.
    const stream = await openEventStream({ port, token });
    const exited = exitOf(p);
    p.kill('SIGTERM');
    expect(await exited).toBe(0);
    await stream.ended;
    // A clean close checkpoints the WAL into the main file and removes it.
    expect(existsSync(data)).toBe(true);
    expect(existsSync(`${data}-wal`)).toBe(false);
  });

  it('draws a new token on every launch', async () => {
    const data = join(temp.dir, 'tokens.db');
    const first = await firstUrlLine(spawnCli(['--data', data]));
    child?.kill('SIGKILL');
    const second = await firstUrlLine(spawnCli(['--data', data]));
    expect(first.split('token=')[1]).not.toBe(second.split('token=')[1]);
  });

  it('rejects bad flags with a message and exit code 2', async () => {
    let err = '';
    const p = spawnCli(['--port', 'eighty']);
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    expect(await exitOf(p)).toBe(2);
    expect(err).toContain('--port must be an integer from 0 to 65535');

    const q = spawnCli(['--host', '0.0.0.0']);
    let err2 = '';
    q.stderr.on('data', (c: Buffer) => (err2 += c.toString()));
    expect(await exitOf(q)).toBe(2);
    expect(err2).toContain("Unknown option '--host'");
  });
});
