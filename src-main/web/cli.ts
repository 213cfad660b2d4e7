import { parseArgs } from 'node:util';
import type { Logger } from '../engine/engine';
import { rendererState } from './renderer-build';
import { startWebShell } from './web-shell';

const USAGE = `Usage: npm run web -- [options]

  --port N     port to listen on (default 0: a free port); always 127.0.0.1
  --data FILE  SQLite database file (default ./convene.db)
  --help       show this help

Open the printed URL: it carries this launch's token, which the browser trades for a cookie.`;

const consoleLogger: Logger = {
  info: (m, f) => console.log(m, f ?? ''),
  warn: (m, f) => console.warn(m, f ?? ''),
  error: (m, f) => console.error(m, f ?? ''),
};

function fail(message: string): never {
  console.error(`convene web: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        data: { type: 'string', default: './convene.db' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) {
    fail(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  }

  // Not fatal: the contract is served either way, and a build while running is picked up on reload.
  const state = rendererState();
  if (state === 'missing') {
    console.error(
      'convene web: the renderer is not built (out/renderer is missing): run `npm run build` first; until then the page answers 503 and only /api/* works',
    );
  } else if (state === 'stale') {
    console.error('convene web: out/renderer is older than its sources: run `npm run build`');
  }

  const shell = await startWebShell({
    dataPath: values.data,
    port: Number(values.port),
    logger: consoleLogger,
  });
  console.log(`Convene web shell on ${shell.url}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    // close() ends event streams, lets in-flight requests finish, then closes the database cleanly.
    shell
      .close()
      .then(() => {
        console.log(`Convene web shell stopped (${signal})`);
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('shutdown failed', error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => {
    shutdown('SIGINT');
  });
  process.on('SIGTERM', () => {
    shutdown('SIGTERM');
  });
}

main().catch((error: unknown) => {
  console.error(`convene web: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
