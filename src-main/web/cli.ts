import { cliProcess, type CliProcess } from '../cli/cli-process';
import { rendererState } from './renderer-build';
import { startWebShell } from './web-shell';

const USAGE = `Usage: npm run web -- [options]

  --port N     port to listen on (default 0: a free port); always 127.0.0.1
  --data FILE  SQLite database file (default ./convene.db)
  --help       show this help

Open the printed URL: it carries this launch's token, which the browser trades for a cookie.`;

// Typed explicitly so TypeScript treats `cli.fail` (which returns never) as ending the flow.
const cli: CliProcess = cliProcess('convene web', USAGE);

async function main(): Promise<void> {
  const values = cli.flags({
    port: { type: 'string', default: '0' },
    data: { type: 'string', default: './convene.db' },
    help: { type: 'boolean', default: false },
  });
  if (!values) return; // --help
  const port = cli.integer('port', values.port, 0, 65535);

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
    port,
    logger: cli.logger,
  });
  console.log(`Convene web shell on ${shell.url}`);

  // close() ends event streams, lets in-flight requests finish, then closes the database cleanly.
  cli.stopOnSignals('Convene web shell', () => shell.close());
}

cli.run(main);
