import type { MeetingRow } from '../meetings/meetings-repo';
import { safeBaseName } from './safe-name';

/**
 * The name a recording is saved under: the meeting's name and when it started (UTC, the one zone
 * every reader shares), e.g. `Weekly sync 2026-11-23 10-00.mp4`. The API's list carries no file
 * name or media type, and the ConnectyCube media server records MP4. A second recording of the
 * same meeting gets `(1)` from the no-overwrite rule.
 */
export function recordingFileName(meeting: Pick<MeetingRow, 'name' | 'start_date'>): string {
  const when = new Date(meeting.start_date * 1000).toISOString().slice(0, 16).replace('T', ' ');
  return safeBaseName(`${meeting.name} ${when.replace(':', '-')}.mp4`);
}
