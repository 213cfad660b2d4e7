import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/engine/engine';
import { makeTempDir } from '../helpers/temp-dir';
import { apiClient } from '../helpers/test-server';
import { filesIn, MB, newWebhookSecret, randomFile, sha256, upload } from './recordings-harness';

const temp = makeTempDir();
afterAll(() => temp.cleanup());
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `npm run server -- ARGS` (as its script does: tsx on cli.ts) to its end. */
function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/server/cli.ts', ...args], {
    stdio: 'pipe',
    env: { ...process.env, ...env },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Starts the server and resolves with its URL once it listens. */
function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/server/cli.ts', ...args], {
    stdio: 'pipe',
    env: { ...process.env, ...env },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

/** A server database with user alice and one meeting of hers that ended an hour ago. */
async function databaseWithMeeting(name: string): Promise<{ data: string; meetingId: string }> {
  const data = join(temp.dir, name);
  const engine = createEngine({ databasePath: data, application: { id: 1, authKey: 'KEY' } });
  const alice = await engine.users.signUp({ login: 'alice', password: 'secret123' });
  const end = Math.floor(Date.now() / 1000) - 3600;
  const meeting = engine.meetings.create(alice, {
    name: 'Retro',
    start_date: end - 1800,
    end_date: end,
    attendees: [],
  });
  await engine.close();
  return { data, meetingId: meeting._id };
}

describe('npm run server -- import-recording', () => {
  it('imports a file the way an upload would, and the server then lists and serves it', async () => {
    const { data, meetingId } = await databaseWithMeeting('import.db');
    const file = join(temp.dir, 'call.webm');
    const bytes = randomFile(3 * MB);
    writeFileSync(file, bytes);

    const imported = await run([
      'import-recording',
      '--data',
      data,
      '--meeting',
      meetingId,
      '--file',
      file,
      '--participants',
      '1,2',
      '--duration',
      '95.5',
    ]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      new RegExp(
        `^Imported recording [0-9a-f]{24} of meeting ${meetingId}: ${sha256(bytes)}\\.webm`,
      ),
    );
    expect(filesIn(`${data}.recordings`)).toEqual([`${sha256(bytes)}.webm`]);

    const url = await serve(['--port', '0', '--data', data, '--auth-key', 'KEY']);
    const api = apiClient(url);
    const session = await api.call('POST', '/session.json', {
      application_id: 1,
      auth_key: 'KEY',
      user: { login: 'alice', password: 'secret123' },
    });
    api.setToken(session.body.session.token);
    const [recording] = (await api.call('GET', `/meetings/recordings/${meetingId}.json`)).body;
    expect(recording).toMatchObject({ participants_ids: [1, 2], duration: 95.5, size: 3 });
    const response = await fetch(recording.download_url);
    expect(response.headers.get('content-type')).toBe('video/webm');
    expect(response.headers.get('content-disposition')).toContain('filename="call.webm"');
    expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sha256(bytes));
  });

  it('refuses a meeting that has not ended, a missing database or file, with a clear message', async () => {
    const data = join(temp.dir, 'future.db');
    const engine = createEngine({ databasePath: data, application: { id: 1, authKey: 'KEY' } });
    const alice = await engine.users.signUp({ login: 'alice', password: 'secret123' });
    const start = Math.floor(Date.now() / 1000) + 3600;
    const meeting = engine.meetings.create(alice, {
      name: 'Later',
      start_date: start,
      end_date: start + 600,
      attendees: [],
    });
    await engine.close();
    const file = join(temp.dir, 'later.mp4');
    writeFileSync(file, randomFile(1000));

    const [notEnded, noDb, noFile] = await Promise.all([
      run(['import-recording', '--data', data, '--meeting', meeting._id, '--file', file]),
      run([
        'import-recording',
        '--data',
        join(temp.dir, 'nope.db'),
        '--meeting',
        meeting._id,
        '--file',
        file,
      ]),
      run(['import-recording', '--data', data, '--meeting', meeting._id, '--file', `${file}.x`]),
    ]);
    expect(notEnded.code).toBe(1);
    expect(notEnded.stderr).toMatch(
      /^convene import-recording: end_date is .*once the meeting has ended/,
    );
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain('there is no database at');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('is not a file');
    expect(filesIn(`${data}.recordings`)).toEqual([]);
  });
});

describe('npm run server recording flags', () => {
  it('refuses a bad --public-url, a private webhook literal, a missing or malformed secret', async () => {
    const data = join(temp.dir, 'flags.db');
    const secret = newWebhookSecret();
    const cases: [string[], NodeJS.ProcessEnv, string][] = [
      [
        ['--public-url', 'ftp://files.example.com'],
        {},
        '--public-url must be an http:// or https:// URL',
      ],
      [
        ['--public-url', 'https://meet.example.com/?a=1'],
        {},
        '--public-url must not have a query string',
      ],
      [
        ['--public-url', 'https://meet.example.com/#top'],
        {},
        '--public-url must not have a #fragment',
      ],
      [
        ['--recording-webhook-url', 'http://127.0.0.1:9/hook', '--webhook-secret', secret],
        {},
        'points at a loopback address (127.0.0.1)',
      ],
      [
        ['--recording-webhook-url', 'http://[::ffff:10.0.0.1]/hook', '--webhook-secret', secret],
        {},
        'points at a private address',
      ],
      [['--recording-webhook-url', 'https://hooks.example.com/x'], {}, 'needs a signing secret'],
      [
        ['--recording-webhook-url', 'https://hooks.example.com/x'],
        { CONVENE_WEBHOOK_SECRET: 'whsec_c2hvcnQ=' },
        'must encode 24 to 64 random bytes',
      ],
      [
        ['--webhook-secret', secret],
        {},
        '--webhook-secret is only used with --recording-webhook-url',
      ],
    ];
    const results = await Promise.all(
      cases.map(([args, env]) => run(['--port', '0', '--data', data, ...args], env)),
    );
    for (const [i, result] of results.entries()) {
      const [args, , message] = cases[i]!;
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
    }
    expect(results[5]!.stderr).toContain('CONVENE_WEBHOOK_SECRET');
  });

  it('takes the secret from CONVENE_WEBHOOK_SECRET and applies --recordings-dir and --max-recording-mb', async () => {
    const data = join(temp.dir, 'served.db');
    const dir = join(temp.dir, 'elsewhere');
    const { meetingId } = await databaseWithMeeting('served.db');
    const url = await serve(
      [
        '--port',
        '0',
        '--data',
        data,
        '--auth-key',
        'KEY',
        '--recordings-dir',
        dir,
        '--max-recording-mb',
        '1',
        '--recording-webhook-url',
        'http://127.0.0.1:9/hook',
        '--allow-private-webhooks',
        '--public-url',
        'https://meet.example.com/convene',
      ],
      { CONVENE_WEBHOOK_SECRET: newWebhookSecret() },
    );
    expect((await upload(url, meetingId, randomFile(2 * MB), { authKey: 'KEY' })).status).toBe(413);
    const small = randomFile(1000);
    const r = await upload(url, meetingId, small, { authKey: 'KEY' });
    expect(r.status).toBe(201);
    expect(r.body.download_url).toMatch(
      new RegExp(
        `^https://meet\\.example\\.com/convene/recordings/files/${sha256(small)}\\.mp4\\?expires=\\d+&signature=[0-9a-f]{64}$`,
      ),
    );
    expect(readFileSync(join(dir, `${sha256(small)}.mp4`)).equals(small)).toBe(true);
  });
});
