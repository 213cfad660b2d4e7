import type { Handlers } from '../../shared/contract';
import type { Downloads } from '../downloads/downloads';
import type { Engine } from '../engine';
import type { EventBus } from './event-bus';
import { runHandler, type Parsed } from './run-handler';

type Names =
  | 'recordings:list'
  | 'downloads:start'
  | 'downloads:pause'
  | 'downloads:resume'
  | 'downloads:cancel'
  | 'downloads:list'
  | 'downloads:reveal';

/**
 * The recordings and downloads half of the window's contract (issue 9, "App"). Every change of a
 * download (state, and progress at most five times a second) is pushed as `downloads:changed`.
 */
export function createDownloadsHandlers(
  engine: Engine,
  downloads: Downloads,
  events: EventBus,
): Pick<Handlers, Names> {
  const run = <K extends Names, T>(
    name: K,
    arg: unknown,
    body: (parsed: Parsed<K>) => T | Promise<T>,
  ) => runHandler(engine.logger, name, arg, body);
  downloads.onChange((download) => events.emit('downloads:changed', download));

  return {
    'recordings:list': (arg) =>
      run('recordings:list', arg, ({ meetingId }) => downloads.listRecordings(meetingId)),
    'downloads:start': (arg) =>
      run('downloads:start', arg, ({ meetingId, recordingId }) =>
        downloads.start(meetingId, recordingId),
      ),
    'downloads:pause': (arg) =>
      run('downloads:pause', arg, ({ downloadId }) => downloads.pause(downloadId)),
    'downloads:resume': (arg) =>
      run('downloads:resume', arg, ({ downloadId }) => downloads.resume(downloadId)),
    'downloads:cancel': (arg) =>
      run('downloads:cancel', arg, ({ downloadId }) => downloads.cancel(downloadId)),
    'downloads:list': (arg) => run('downloads:list', arg, () => downloads.list()),
    'downloads:reveal': (arg) =>
      run('downloads:reveal', arg, ({ downloadId }) => downloads.reveal(downloadId)),
  };
}
