import { cliProcess, type CliProcess } from '../cli/cli-process';
import { createEngine } from '../engine/engine';
import { buildServer } from './build-server';

const USAGE = `Usage: npm run server -- [options]

  --port N                  port to listen on (default 8080; 0 picks a free port)
  --host ADDR               address to bind (default 127.0.0.1)
  --data FILE               SQLite database file (default ./convene.db)
  --app-id N                application id clients send (default 1)
  --auth-key KEY            application auth key (default: generated once, kept in the database)
  --public-url URL          URL clients reach this server at, for links it hands out
  --meeting-url-template T  join link template with %s for the meeting id
  --no-sign-up              refuse to create accounts on first sign-in
  --help                    show this help`;

// Typed explicitly so TypeScript treats `cli.fail` (which returns never) as ending the flow.
const cli: CliProcess = cliProcess('convene server', USAGE);

async function main(): Promise<void> {
  const values = cli.flags({
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: './convene.db' },
    'app-id': { type: 'string', default: '1' },
    'auth-key': { type: 'string' },
    'public-url': { type: 'string' },
    'meeting-url-template': { type: 'string' },
    'no-sign-up': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  });
  if (!values) return; // --help
  const port = cli.integer('port', values.port, 0, 65535);
  const appId = cli.integer('app-id', values['app-id'], 1, 2 ** 31 - 1);

  const engine = createEngine({
    databasePath: values.data,
    application: { id: appId, ...(values['auth-key'] ? { authKey: values['auth-key'] } : {}) },
    logger: cli.logger,
    ...(values['meeting-url-template']
      ? { meetingUrlTemplate: values['meeting-url-template'] }
      : {}),
    ...(values['no-sign-up'] ? { autoSignUp: false } : {}),
  });
  const app = await buildServer(engine);
  await app.listen({ port, host: values.host });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const host = values.host.includes(':') ? `[${values.host}]` : values.host;
  const url = `http://${host}:${actualPort}`;
  engine.setPublicUrl(values['public-url'] ?? url);
  const keyNote = engine.authKeyGenerated
    ? ` auth-key ${engine.application.authKey} (generated; kept in ${values.data})`
    : '';
  console.log(`Convene server listening on ${url} app-id ${appId}${keyNote}`);

  // close() stops accepting, lets in-flight requests finish; then the database closes cleanly.
  cli.stopOnSignals('Convene server', async () => {
    await app.close();
    await engine.close();
  });
}

cli.run(main);
