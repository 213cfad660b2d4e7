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
 * forwarding; `throttle` streams the target's answer at a slow link's pace (a download's progress
 * can then be watched moving), and stops reading it once the client hangs up; `stream` relays the
 * answer as it arrives, counting its body bytes (`bodyBytes`); `cut-after` does the same and
 * destroys the client's socket once `bytes` body bytes were sent (a connection lost mid-file).
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'down' }
  | { kind: 'drop-after' }
  | { kind: 'delay'; ms: number }
  | { kind: 'status'; status: 500 | 502 | 503; body?: unknown }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'truncate' }
  | { kind: 'expire-session' }
  | { kind: 'throttle'; bytesPerSecond: number }
  | { kind: 'stream' }
  | { kind: 'cut-after'; bytes: number };

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
  /** Body bytes relayed to the client (`stream`, `cut-after` and `throttle` count them). */
  bodyBytes?: number;
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

  /** The target's answer as it arrives, body unread. */
  function open(req: IncomingMessage, body: Buffer) {
    const headers = endToEnd(req.headers);
    if (body.length > 0 || req.headers['content-length'] !== undefined) {
      headers['content-length'] = String(body.length);
    }
    return new Promise<IncomingMessage>((resolve, reject) => {
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
  }

  async function forward(req: IncomingMessage, body: Buffer) {
    const upstream = await open(req, body);
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
      case 'throttle':
        await relayThrottled(req, res, entry, body, fault.bytesPerSecond);
        return;
      case 'stream':
        await relayStreamed(req, res, entry, body, null);
        return;
      case 'cut-after':
        await relayStreamed(req, res, entry, body, fault.bytes);
        return;
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

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  /** A tenth of a second's worth at a time, so the pace is even rather than one burst a second. */
  async function relayThrottled(
    req: IncomingMessage,
    res: ServerResponse,
    entry: ProxyLogEntry,
    body: Buffer,
    bytesPerSecond: number,
  ) {
    const upstream = await open(req, body);
    entry.upstreamStatus = entry.status = upstream.statusCode ?? 502;
    res.writeHead(entry.status, endToEnd(upstream.headers));
    const slice = Math.max(1, Math.floor(bytesPerSecond / 10));
    const started = Date.now();
    let sent = 0;
    try {
      for await (const chunk of upstream) {
        const bytes = chunk as Buffer;
        for (let at = 0; at < bytes.length; at += slice) {
          // The client hung up (a paused or cancelled download): stop reading the target too.
          if (res.destroyed || req.socket.destroyed) return;
          const part = bytes.subarray(at, at + slice);
          res.write(part);
          sent += part.length;
          entry.bodyBytes = sent;
          // Paced by the clock, not by a fixed sleep: timer lag does not slow the link further.
          await sleep(Math.max(0, started + (sent / bytesPerSecond) * 1000 - Date.now()));
        }
      }
      res.end();
    } finally {
      upstream.destroy();
    }
  }

  /** Relays the answer chunk by chunk; with `limit`, hangs up once that many body bytes went out. */
  async function relayStreamed(
    req: IncomingMessage,
    res: ServerResponse,
    entry: ProxyLogEntry,
    body: Buffer,
    limit: number | null,
  ) {
    const upstream = await open(req, body);
    entry.upstreamStatus = entry.status = upstream.statusCode ?? 502;
    res.writeHead(entry.status, endToEnd(upstream.headers));
    let sent = 0;
    try {
      for await (const chunk of upstream) {
        if (res.destroyed || req.socket.destroyed) return;
        let bytes = chunk as Buffer;
        if (limit !== null && sent + bytes.length >= limit) {
          bytes = bytes.subarray(0, limit - sent);
          entry.bodyBytes = sent += bytes.length;
          await new Promise<void>((resolve) => res.write(bytes, () => resolve()));
          req.socket.destroy();
          return;
        }
        entry.bodyBytes = sent += bytes.length;
        if (!res.write(bytes)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    } finally {
      upstream.destroy();
    }
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
