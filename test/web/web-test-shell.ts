import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { startWebShell, type WebShell, type WebShellOptions } from '../../src-main/web/web-shell';
import { makeTempDir } from '../helpers/temp-dir';

export type TestShell = WebShell & { dir: string; dataPath: string; stop: () => Promise<void> };

/** A page and an asset standing in for the built renderer, so these tests don't need a build. */
export const FAKE_INDEX =
  '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head></html>';
export const FAKE_SCRIPT = 'document.title = "Convene";\n';

/** The real web shell on 127.0.0.1 with a free port, over a fresh SQLite file in a temp dir. */
export async function startTestShell(options: Partial<WebShellOptions> = {}): Promise<TestShell> {
  const { dir, cleanup } = makeTempDir('convene-web-');
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), FAKE_INDEX);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), FAKE_SCRIPT);
  const dataPath = join(dir, 'convene.db');
  const shell = await startWebShell({ dataPath, rendererDir, displayName: 'Sam', ...options });
  return {
    ...shell,
    dir,
    dataPath,
    stop: async () => {
      await shell.close();
      cleanup();
    },
  };
}

export type RawResponse = { status: number; headers: IncomingHttpHeaders; body: string; json: any };

/**
 * node:http rather than fetch: fetch may not set `Host`, and the security tests are about exactly
 * the headers a browser or a rebinding attack would send.
 */
export function raw(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(body);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A scripted client of the contract: `X-Convene-Token` instead of the browser's cookie. */
export function contractClient(shell: WebShell) {
  return async (name: string, arg: unknown = {}) => {
    const r = await raw(shell.port, `/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-convene-token': shell.token },
      body: JSON.stringify(arg),
    });
    return { status: r.status, ...r.json };
  };
}

export type SseFrame = { event: string; data: any };

/** Opens `/api/events` and collects its frames; resolves once the stream's headers arrived. */
export function openEventStream(shell: Pick<WebShell, 'port' | 'token'>): Promise<{
  status: number;
  headers: IncomingHttpHeaders;
  /** The next frame not taken yet (waits for it). */
  next: () => Promise<SseFrame>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close: () => void;
}> {
  return new Promise((resolve, reject) => {
    const frames: SseFrame[] = [];
    const waiting: ((f: SseFrame) => void)[] = [];
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: shell.port,
        path: '/api/events',
        headers: { 'x-convene-token': shell.token, accept: 'text/event-stream' },
      },
      (res) => {
        let buffer = '';
        const ended = new Promise<void>((r) => res.on('close', r));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const lines = block.split('\n');
            const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
            const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
            if (event === undefined || data === undefined) continue; // comments, retry
            const frame = { event, data: JSON.parse(data) };
            const waiter = waiting.shift();
            if (waiter) waiter(frame);
            else frames.push(frame);
          }
        });
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          ended,
          next: () => {
            const ready = frames.shift();
            return ready ? Promise.resolve(ready) : new Promise((r) => waiting.push(r));
          },
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
