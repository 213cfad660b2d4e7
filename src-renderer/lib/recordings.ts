import type {
  AppError,
  DownloadDto,
  DownloadState,
  MeetingDto,
  RecordingParticipant,
} from '../../src-main/shared/contract';
import { formatBytes, percentDone } from './file-sizes';
import { formatDateTime, formatTime, isoToSeconds } from './zoned-time';

/**
 * Whether the editor has a Recordings section for a meeting, and what it can say. `none`: not
 * recorded (or new), so no section at all; `not-synced`: the server has not got it yet, so it has
 * no recordings to ask for; `not-ended`: the server keeps them back until the meeting ends.
 */
export type RecordingsAvailability = 'none' | 'not-synced' | 'not-ended' | 'listable';

export function recordingsAvailability(
  meeting: MeetingDto | undefined,
  nowSeconds: number,
): RecordingsAvailability {
  if (!meeting || meeting.record !== true) return 'none';
  if (meeting.serverId === null || meeting.draft) return 'not-synced';
  if (meeting.end > nowSeconds) return 'not-ended';
  return 'listable';
}

/** Why the list could not be had, in words, by the error's code (never by its text). */
export function recordingsErrorText(error: AppError): string {
  switch (error.code) {
    case 'unavailable':
      return "Offline — recordings can't be listed until the server can be reached.";
    case 'unauthorized':
      return 'The server wants you to sign in again before it lists recordings.';
    case 'forbidden':
      return "The server doesn't let this account see the meeting's recordings.";
    case 'not_found':
      return 'This meeting is no longer on this computer.';
    case 'bad_request':
      // The engine's own sentence: "not synced yet", "no account is connected".
      return error.message;
    case 'validation':
    case 'internal':
      return `Couldn't list the recordings: ${error.message}`;
  }
}

/** `Ann, Bob and user #7`; "nobody" when the server heard no one. */
export function participantsText(participants: readonly RecordingParticipant[]): string {
  if (participants.length === 0) return 'nobody';
  const names = participants.map((p) => p.name ?? `user #${p.id}`);
  if (names.length === 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** When the server deletes it; the API does not always say. */
export function keptUntilText(expiresAt: string | null, zone: string): string {
  const at = isoToSeconds(expiresAt);
  return at === null ? 'for a limited time' : `until ${formatDateTime(at, zone)}`;
}

/** Still moving or able to: what the toolbar's badge counts. */
export const isActiveDownload = (d: DownloadDto) => d.state === 'queued' || d.state === 'running';

/** What the buttons beside a download may do in each state. */
export function downloadActions(state: DownloadState) {
  return {
    pause: state === 'queued' || state === 'running',
    resume: state === 'paused',
    retry: state === 'failed',
    cancel: state === 'queued' || state === 'running' || state === 'paused' || state === 'failed',
    reveal: state === 'done',
  };
}

/** The words beside a download's bar: how far it got, and what it is doing. */
export function downloadStatusText(d: DownloadDto, zone: string): string {
  const sizes =
    d.bytesTotal === null
      ? formatBytes(d.bytesDone)
      : `${formatBytes(d.bytesDone)} of ${formatBytes(d.bytesTotal)}`;
  const percent = percentDone(d.bytesDone, d.bytesTotal);
  switch (d.state) {
    case 'queued': {
      const retryAt = isoToSeconds(d.retryAt);
      if (retryAt !== null) {
        const why = d.error ? ` (${d.error})` : '';
        return `Trying again at ${formatTime(retryAt, zone)}${why} · ${sizes}`;
      }
      return d.bytesDone > 0 ? `Waiting to continue · ${sizes}` : 'Waiting to start';
    }
    case 'running':
      return percent === null ? `Downloading · ${sizes}` : `Downloading · ${sizes} · ${percent}%`;
    case 'paused':
      return `Paused · ${sizes}`;
    case 'done':
      return `Downloaded · ${formatBytes(d.bytesTotal ?? d.bytesDone)}`;
    case 'failed':
      return `Failed: ${d.error ?? 'the download stopped'}`;
    case 'cancelled':
      return 'Cancelled';
  }
}

/** Newest first, as `downloads:list` answers; a tie (same instant) by the later id. */
export function byNewest(a: DownloadDto, b: DownloadDto): number {
  const diff = (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0);
  return diff !== 0 ? diff : b.id - a.id;
}
