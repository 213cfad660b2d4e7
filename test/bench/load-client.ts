/**
 * The load generator, run as its own process (`node --import tsx load-client.ts config.json`) so
 * the server under test has its event loop to itself. Keeps `concurrency` keep-alive connections
 * busy, each sending the next request from the list as soon as its previous response has been
 * read in full, until `maxRequests` or `durationMs` (after an unmeasured warm-up). Prints one line
 * of JSON with the results.
 */
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';

export type LoadRequest = { method: 'GET' | 'POST'; path: string; token: string; body?: string };
export type LoadConfig = {
  url: string;
  requests: LoadRequest[];
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
};
export type LoadResult = {
  count: number;
  errors: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  latenciesMs: number[];
};

function send(agent: Agent, base: URL, r: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'CB-Token': r.token };
    if (r.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = Buffer.byteLength(r.body);
    }
    const req = request(
      { agent, host: base.hostname, port: base.port, method: r.method, path: r.path, headers },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          resolve(res.statusCode ?? 0);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

async function run(config: LoadConfig): Promise<LoadResult> {
  const base = new URL(config.url);
  const agent = new Agent({ keepAlive: true, maxSockets: config.concurrency });
  let next = 0;
  const take = () => {
    const r = config.requests[next % config.requests.length];
    next++;
    if (!r) throw new Error('empty request list');
    return r;
  };

  // Warm-up: same load, nothing recorded (JIT, statement caches, connections).
  const warmEnd = Date.now() + config.warmupMs;
  await Promise.all(
    Array.from({ length: config.concurrency }, async () => {
      while (Date.now() < warmEnd) await send(agent, base, take());
    }),
  );

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let started = 0;
  const start = process.hrtime.bigint();
  const deadline = Date.now() + config.durationMs;
  await Promise.all(
    Array.from({ length: config.concurrency }, async () => {
      while (started < config.maxRequests && Date.now() < deadline) {
        started++;
        const t = process.hrtime.bigint();
        try {
          const status = await send(agent, base, take());
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status >= 400) errors++;
        } catch {
          errors++;
        }
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  agent.destroy();
  return { count: latencies.length, errors, statuses, elapsedMs, latenciesMs: latencies };
}

const configPath = process.argv[2];
if (configPath) {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as LoadConfig;
  run(config).then(
    (result) => {
      process.stdout.write(JSON.stringify(result) + '\n');
    },
    (error: unknown) => {
      process.stderr.write(String(error) + '\n');
      process.exitCode = 1;
    },
  );
}
