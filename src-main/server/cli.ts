import { cliProcess, type CliProcess } from '../cli/cli-process';
import { createEngine } from '../engine/engine';
import { buildServer } from './build-server';
import { runImportRecording } from './import-recording-cli';
import { publicUrlProblem } from './public-url';
import {
  RECORDING_SERVER_FLAGS,
  recordingServerConfig,
  WEBHOOK_SECRET_ENV,
} from './recording-flags';

const USAGE = `Usage: npm run server -- [options]
       npm run server -- import-recording --data FILE --meeting ID --file PATH [options]

  --port N                  port to listen on (default 8080; 0 picks a free port)
  --host ADDR               address to bind (default 127.0.0.1)
  --data FILE               SQLite database file (default ./convene.db)
  --app-id N                application id clients send (default 1)
  --auth-key KEY            application auth key (default: generated once, kept in the database)
  --public-url URL          http(s) URL clients reach this server at, for the links it hands out
                            (recording downloads); no query or fragment (default: the listen URL)
  --meeting-url-template T  join link template with %s for the meeting id
  --no-sign-up              refuse to create accounts on first sign-in

Recordings (a media server uploads with POST /meetings/recordings/{id} and the CB-AuthKey header):
  --recordings-dir DIR      where recording files are kept (default <data>.recordings)
  --max-recording-mb N      largest recording accepted, in MB (default 2048)
  --recording-retention-days N
                            days a recording and its file are kept (default 30)
  --recording-webhook-url URL
                            POST a signed recording-done event here once a meeting's files are in
  --webhook-secret SECRET   Standard Webhooks secret, whsec_<base64>; better: set
                            ${WEBHOOK_SECRET_ENV} (a flag shows in process listings)
  --webhook-quiet-seconds N
                            send the event N seconds after the meeting's last file, so its files
                            go as one event (default 30; the wait ends 5 minutes, or N seconds if
                            longer, after the first file however many follow)
  --allow-private-webhooks  allow webhook URLs on loopback, private or link-local addresses
  --help                    show this help

import-recording --help describes the operator's import.`;

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
    ...RECORDING_SERVER_FLAGS,
    help: { type: 'boolean', default: false },
  });
  if (!values) return; // --help
  const port = cli.integer('port', values.port, 0, 65535);
  const appId = cli.integer('app-id', values['app-id'], 1, 2 ** 31 - 1);
  const publicUrl = values['public-url'];
  const urlProblem = publicUrl === undefined ? null : publicUrlProblem(publicUrl);
  if (urlProblem) cli.fail(`--public-url ${urlProblem}`);
  const recordings = recordingServerConfig(cli, values, process.env);

  const engine = createEngine({
    databasePath: values.data,
    application: { id: appId, ...(values['auth-key'] ? { authKey: values['auth-key'] } : {}) },
    logger: cli.logger,
    ...(values['meeting-url-template']
      ? { meetingUrlTemplate: values['meeting-url-template'] }
      : {}),
    ...(values['no-sign-up'] ? { autoSignUp: false } : {}),
    recordings,
  });
  const app = await buildServer(engine);
  await app.listen({ port, host: values.host });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const host = values.host.includes(':') ? `[${values.host}]` : values.host;
  const url = `http://${host}:${actualPort}`;
  engine.setPublicUrl(publicUrl ?? url);
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

// `import-recording` is a subcommand: its flags are its own, so it is told apart before parsing.
if (process.argv[2] === 'import-recording') runImportRecording(process.argv.slice(3));
else cli.run(main);
