import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, existsSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { RecordingsConfig } from '../../src-main/engine/recordings/recordings-config';
import { FakeClock } from '../helpers/fake-clock';
import { apiClient, startTestServer, type TestServer } from '../helpers/test-server';
import { TEST_APP } from '../helpers/test-engine';

export const sha256 = (bytes: Buffer | Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

export const MB = 1024 * 1024;

/** Random bytes: no compression or dedup anywhere can make a wrong copy look right. */
export const randomFile = (bytes: number): Buffer => randomBytes(bytes);

export type RecordingsServer = TestServer & {
  clock: FakeClock;
  dir: string;
  api: ReturnType<typeof apiClient>;
};

/**
 * The real server on 127.0.0.1 over a temp-file engine whose clock and worker timers are one fake
 * clock starting now (so Standard Webhooks' 5-minute timestamp tolerance holds while it moves).
 */
export async function startRecordingsServer(
  recordings: RecordingsConfig = {},
  clock = new FakeClock(Date.now()),
): Promise<RecordingsServer> {
  const server = await startTestServer({ clock, recordings: { timers: clock, ...recordings } });
  const dir = server.engine.recordings.dir;
  if (dir === null) throw new Error('the test engine has no recordings folder');
  return { ...server, clock, dir, api: apiClient(server.url) };
}

/** A meeting hosted by `login` that ended an hour before the server's clock. */
export async function endedMeeting(
  server: RecordingsServer,
  login = 'alice',
  extra: Record<string, unknown> = {},
): Promise<{ _id: string; host_id: number; name: string; start_date: number }> {
  await server.api.signIn(login);
  const end = Math.floor(server.clock.now() / 1000) - 3600;
  const r = await server.api.call('POST', '/meetings.json', {
    name: 'Weekly sync',
    start_date: end - 1800,
    end_date: end,
    attendees: [],
    ...extra,
  });
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export type UploadOptions = {
  authKey?: string | null;
  token?: string;
  query?: Record<string, string>;
  contentType?: string | null;
  /** Send the body as a stream (chunked, no Content-Length). */
  stream?: boolean;
};

/** `POST /meetings/recordings/{id}` as a media server sends it; never throws on HTTP errors. */
export async function upload(
  url: string,
  meetingId: string,
  body: Buffer,
  options: UploadOptions = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const query = new URLSearchParams(options.query ?? {}).toString();
  const headers: Record<string, string> = {};
  const authKey = options.authKey === undefined ? TEST_APP.authKey : options.authKey;
  if (authKey !== null) headers['CB-AuthKey'] = authKey;
  if (options.token) headers['CB-Token'] = options.token;
  const contentType = options.contentType === undefined ? 'video/mp4' : options.contentType;
  if (contentType !== null) headers['Content-Type'] = contentType;
  // A stream body goes out chunked (`duplex: 'half'` is how fetch allows one).
  const init = options.stream
    ? { body: Readable.toWeb(Readable.from(chunks(body))), duplex: 'half' as const }
    : { body };
  const response = await fetch(
    `${url}/meetings/recordings/${meetingId}${query ? `?${query}` : ''}`,
    { method: 'POST', headers, ...init },
  );
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? null : JSON.parse(text),
    headers: response.headers,
  };
}

function* chunks(body: Buffer, size = 256 * 1024): Generator<Buffer> {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
}

/** Everything in the recordings folder (hidden temp files included). */
export function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

export async function download(
  url: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const response = await fetch(url, { method, headers });
  return {
    status: response.status,
    bytes: Buffer.from(await response.arrayBuffer()),
    headers: response.headers,
  };
}

export type ReceivedHook = { headers: IncomingHttpHeaders; body: string; at: number };

/**
 * A real webhook receiver on 127.0.0.1: records each request and answers with what `respond`
 * says for the n-th request (0-based), 200 by default.
 */
export async function startReceiver(
  respond: (index: number, res: ServerResponse) => void = (_i, res) => res.writeHead(200).end(),
) {
  const received: ReceivedHook[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const index = received.length;
      received.push({
        headers: req.headers,
        body: Buffer.concat(parts).toString('utf8'),
        at: Date.now(),
      });
      respond(index, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/recordings`,
    port,
    received,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `check` passes (real I/O the fake clock does not drive); throws its last error. */
export async function eventually(check: () => void | Promise<void>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;
