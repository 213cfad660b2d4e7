import {
  Agent,
  createServer,
  request as httpRequest,
  STATUS_CODES,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does with one request (SYNC.md, "How it is tested"). `down` and `drop-after`
 * destroy the client's socket (before forwarding / after the target has acted); `truncate` sends the
 * target's headers and half its body; `status`, `rate-limit` and `expire-session` answer without
 * forwarding.
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'down' }
  | { kind: 'drop-after' }
  | { kind: 'delay'; ms: number }
  | { kind: 'status'; status: 500 | 502 | 503; body?: unknown }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'truncate' }
  | { kind: 'expire-session' };

/** `path` is the raw request target (query included); `index` counts from the last `setFault`. */
export type ProxiedRequest = {
  method: string;
  path: string;
  index: number;
  headers: IncomingHttpHeaders;
};

export type ProxyLogEntry = {
  method: string;
  path: string;
  /** What the client was sent; null when its socket was destroyed before a status line. */
  status: number | null;
  /** What the target answered, when the request was forwarded. */
  upstreamStatus: number | null;
  fault: Fault['kind'];
};

export type FaultProxy = {
  url: string;
  requests: ProxyLogEntry[];
  resetLog(): void;
  setFault(pick: (req: ProxiedRequest) => Fault): void;
  /** `true`: every request is `down` until `setDown(false)` restores the last `setFault`. */
  setDown(down: boolean): void;
  stop(): Promise<void>;
};

// Hop-by-hop headers belong to one connection, not to the message being relayed.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);
const jsonType = 'application/json; charset=utf-8';

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const agent = new Agent({ keepAlive: false });
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const requests: ProxyLogEntry[] = [];
  let pick: (req: ProxiedRequest) => Fault = () => ({ kind: 'pass' });
  let index = 0;
  let down = false;

  async function forward(req: IncomingMessage, body: Buffer) {
    const headers = endToEnd(req.headers);
    if (body.length > 0 || req.headers['content-length'] !== undefined) {
      headers['content-length'] = String(body.length);
    }
    const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
      const out = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers,
          agent,
        },
        resolve,
      );
      out.on('error', reject);
      out.end(body);
    });
    return {
      status: upstream.statusCode ?? 502,
      headers: endToEnd(upstream.headers),
      body: await readAll(upstream),
    };
  }

  function answer(
    res: ServerResponse,
    status: number,
    body: unknown,
    extra: Record<string, string> = {},
  ) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': jsonType,
      'content-length': Buffer.byteLength(text),
      ...extra,
    });
    res.end(text);
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    entry: ProxyLogEntry,
    fault: Fault,
  ) {
    if (fault.kind === 'down') {
      req.socket.destroy();
      return;
    }
    const body = await readAll(req);
    switch (fault.kind) {
      case 'status':
        entry.status = fault.status;
        answer(res, fault.status, fault.body ?? { errors: { base: [STATUS_CODES[fault.status]] } });
        return;
      case 'rate-limit':
        entry.status = 429;
        answer(
          res,
          429,
          { errors: { base: ['Too Many Requests'] } },
          {
            'retry-after': String(fault.retryAfterSeconds),
          },
        );
        return;
      case 'expire-session':
        entry.status = 401;
        answer(res, 401, { errors: { base: ['Required session does not exist'] } });
        return;
      case 'delay':
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, fault.ms);
          timers.add(timer);
        });
        if (req.socket.destroyed) return;
        break;
      case 'pass':
      case 'drop-after':
      case 'truncate':
        break;
    }
    const reply = await forward(req, body);
    entry.upstreamStatus = reply.status;
    if (fault.kind === 'drop-after') {
      req.socket.destroy();
      return;
    }
    entry.status = reply.status;
    res.writeHead(reply.status, { ...reply.headers, 'content-length': reply.body.length });
    if (fault.kind === 'truncate') {
      res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () =>
        req.socket.destroy(),
      );
      return;
    }
    res.end(reply.body);
  }

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const fault: Fault = down
      ? { kind: 'down' }
      : pick({ method, path, index: index++, headers: req.headers });
    const entry: ProxyLogEntry = {
      method,
      path,
      status: null,
      upstreamStatus: null,
      fault: fault.kind,
    };
    requests.push(entry);
    handle(req, res, entry, fault).catch(() => {
      // The target is unreachable or a socket went away mid-relay: the client sees a dropped line.
      req.socket.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    resetLog: () => {
      requests.length = 0;
    },
    setFault: (next) => {
      pick = next;
      index = 0;
    },
    setDown: (value) => {
      down = value;
    },
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      // Idle keep-alive sockets would hold `close()` (and the test process) open.
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
