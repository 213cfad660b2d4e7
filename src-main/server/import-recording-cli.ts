import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { cliProcess, type CliProcess } from '../cli/cli-process';
import { createEngine } from '../engine/engine';
import { RECORDING_FILE_FLAGS, recordingFilesConfig } from './recording-flags';

export const IMPORT_USAGE = `Usage: npm run server -- import-recording --data FILE --meeting ID --file PATH [options]

Stores a finished recording the way a media server's upload would (same checks, same files), for
a meeting that has ended. Run it beside the server on the same --data; the server sends the
recording-done webhook for it.

  --data FILE              the server's SQLite database (default ./convene.db)
  --meeting ID             the meeting's _id
  --file PATH              the recording file
  --participants 1,2       user ids heard in the recording
  --duration S             length in seconds
  --content-type TYPE      media type (default: from the file's extension, e.g. video/mp4)
  --file-name NAME         name a download is saved under (default: the file's name)
  --recordings-dir DIR     recordings folder (default <data>.recordings, as the server's)
  --max-recording-mb N     largest file accepted (default 2048)
  --help                   show this help`;

// The application is not used by an import; a fixed key keeps it from generating (and storing) one.
const UNUSED_AUTH_KEY = 'import-recording';

/** `npm run server -- import-recording ...`: an operator's one-off ingest of a file on disk. */
export function runImportRecording(args: string[]): void {
  // Typed explicitly so TypeScript treats `cli.fail` (which returns never) as ending the flow.
  const cli: CliProcess = cliProcess('convene import-recording', IMPORT_USAGE);
  cli.run(() => importRecording(cli, args));
}

async function importRecording(cli: CliProcess, args: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        data: { type: 'string', default: './convene.db' },
        meeting: { type: 'string' },
        file: { type: 'string' },
        participants: { type: 'string' },
        duration: { type: 'string' },
        'content-type': { type: 'string' },
        'file-name': { type: 'string' },
        ...RECORDING_FILE_FLAGS,
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    cli.fail((error as Error).message);
  }
  if (values.help) {
    console.log(IMPORT_USAGE);
    return;
  }
  if (values.meeting === undefined) cli.fail('--meeting is required');
  if (values.file === undefined) cli.fail('--file is required');
  // An engine would create an empty database where none is: a typo must not do that.
  if (!existsSync(values.data)) cli.fail(`there is no database at ${values.data}`);
  const size = statSync(values.file, { throwIfNoEntry: false });
  if (!size?.isFile()) cli.fail(`--file ${values.file} is not a file`);

  const engine = createEngine({
    databasePath: values.data,
    application: { id: 1, authKey: UNUSED_AUTH_KEY },
    logger: cli.logger,
    recordings: { ...recordingFilesConfig(cli, values), workers: false },
  });
  try {
    const recording = await engine.recordings.ingest({
      meetingId: values.meeting,
      source: createReadStream(values.file),
      declaredBytes: size.size,
      participants: values.participants,
      duration: values.duration,
      contentType: values['content-type'],
      fileName: values['file-name'] ?? basename(values.file),
    });
    console.log(
      `Imported recording ${recording._id} of meeting ${recording.room_id}: ${recording.file_uid}, ` +
        `${recording.size.toFixed(2)} MB, into ${engine.recordings.dir ?? ''}`,
    );
  } finally {
    await engine.close();
  }
}
