import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir';

const temp = makeTempDir();
let child: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

function startCli(args: string[]): Promise<{ line: string; url: string }> {
  child = spawn(process.execPath, ['--import', 'tsx', 'src-main/server/cli.ts', ...args], {
    stdio: 'pipe',
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child?.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      const url = /http:\/\/[^\s]+/.exec(out)?.[0];
      if (out.includes('\n') && line && url) resolve({ line, url });
    });
    child?.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child?.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

function exitOf(p: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => p.on('exit', (code) => resolve(code)));
}

describe('npm run server', () => {
  it('takes the documented flags, prints one line with its URL and serves the API', async () => {
    const data = join(temp.dir, 'flags.db');
    const { line, url } = await startCli([
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data',
      data,
      '--app-id',
      '7',
      '--auth-key',
      'KEY',
    ]);
    expect(line).toMatch(/^Convene server listening on http:\/\/127\.0\.0\.1:\d+ app-id 7$/);
    const r = await fetch(`${url}/session.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        application_id: 7,
        auth_key: 'KEY',
        user: { login: 'cli', password: 'secret123' },
      }),
    });
    expect(r.status).toBe(201);
    expect(existsSync(data)).toBe(true);
  });

  it('rejects bad flags with a message and exit code 2', async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src-main/server/cli.ts', '--port', 'eighty'],
      { stdio: 'pipe' },
    );
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    expect(await exitOf(child)).toBe(2);
    expect(err).toContain('--port must be an integer from 0 to 65535');
  });

  it('finishes an in-flight request on SIGTERM, then closes the database cleanly', async () => {
    const data = join(temp.dir, 'shutdown.db');
    const { url } = await startCli(['--port', '0', '--data', data, '--auth-key', 'KEY']);
    const { port } = new URL(url);
    const body = JSON.stringify({ application_id: 1, auth_key: 'KEY' });
    // Send the headers and half the body, signal the server, then send the rest.
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    let response = '';
    socket.on('data', (c: Buffer) => (response += c.toString()));
    socket.write(
      `POST /session.json HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    socket.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 200));
    const exited = exitOf(child!);
    child!.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    socket.write(body.slice(10));
    await new Promise<void>((resolve) => socket.on('close', resolve));
    expect(response).toMatch(/^HTTP\/1\.1 201/);
    expect(await exited).toBe(0);
    // A clean close checkpoints the WAL into the main file and removes it.
    expect(existsSync(`${data}-wal`)).toBe(false);
  });
});
