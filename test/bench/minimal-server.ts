import BetterSqlite3 from 'better-sqlite3';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MeetingInput } from './dataset';
import { openRawReader } from './raw-queries';
import { createRawWriter } from './raw-writer';

/**
 * The HTTP baseline: `node:http` and better-sqlite3 with nothing in between. It does what any
 * handler must (find the user behind the CB-Token, run the query, send JSON) and nothing else:
 * no routing table, validation, CORS, error mapping or session extension.
 */
export async function startMinimalServer(dbPath: string) {
  const reader = openRawReader(dbPath);
  const writerDb = new BetterSqlite3(dbPath);
  writerDb.pragma('synchronous = NORMAL');
  writerDb.pragma('busy_timeout = 5000');
  const insert = createRawWriter(writerDb);
  const create = writerDb.transaction((hostId: number, body: MeetingInput['body']) =>
    insert(hostId, body),
  );

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
      req.on('error', reject);
    });

  const server: Server = createServer((req, res) => {
    const token = req.headers['cb-token'];
    const user = typeof token === 'string' ? reader.userByToken(token) : undefined;
    if (!user) {
      send(res, 401, { errors: ['Token is required'] });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/meetings.json') {
      const gte = Number(url.searchParams.get('start_date[gte]'));
      const lt = Number(url.searchParams.get('start_date[lt]'));
      send(res, 200, reader.listWeek(user.id, user.email, gte, lt));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/meetings.json') {
      readBody(req).then(
        (text) => {
          send(res, 201, create(user.id, JSON.parse(text) as MeetingInput['body']));
        },
        () => {
          send(res, 400, { errors: ['bad body'] });
        },
      );
      return;
    }
    send(res, 404, { errors: ['Not found'] });
  });
  // Same keep-alive behaviour as Fastify's default, so neither side pays for reconnects.
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      reader.close();
      writerDb.close();
    },
  };
}
