import type { Recording } from '../../shared/meetings-api-types';
import type { Clock } from '../clock';
import {
  checkDownloadLink,
  DOWNLOAD_URL_TTL_SECONDS,
  signedDownloadUrl,
  type LinkCheck,
} from './download-links';
import type { RecordingRow, RecordingsRepo } from './recordings-repo';

export { DOWNLOAD_URL_TTL_SECONDS, signRecordingPath } from './download-links';

export type RecordingsOptions = {
  /** Base URL the server is reachable at; download links are made under it. */
  publicUrl: () => string;
  secret: () => string;
};

/** A stored file as the download route needs it. */
export type RecordingFile = {
  fileUid: string;
  sizeBytes: number;
  sha256: string;
  contentType: string;
  fileName: string;
};

/** Recordings as the API shows them, with their signed download links. */
export function createRecordingsService(
  repo: RecordingsRepo,
  clock: Clock,
  options: RecordingsOptions,
) {
  function toRecording(row: RecordingRow): Recording {
    const participants = JSON.parse(row.participants_ids) as number[];
    const expires = Math.floor(clock.now() / 1000) + DOWNLOAD_URL_TTL_SECONDS;
    return {
      _id: row._id,
      room_id: row.room_id,
      participants_ids: participants,
      participants_count: participants.length,
      duration: row.duration,
      size: row.size,
      download_url: signedDownloadUrl(options.publicUrl(), row.file_uid, expires, options.secret()),
      file_uid: row.file_uid,
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
  }

  return {
    toRecording,
    ofMeeting: (meetingId: string): Recording[] => repo.ofMeeting(meetingId).map(toRecording),
    byIds: (ids: readonly string[]): Recording[] => repo.byIds(ids).map(toRecording),
    /** Whether a (possibly deleted) meeting hosted by `hostId` left recordings behind. */
    hasHostedRecordings: (meetingId: string, hostId: number): boolean =>
      repo.hasHosted(meetingId, hostId),

    checkLink: (fileUid: string, expires: unknown, signature: unknown): LinkCheck =>
      checkDownloadLink(fileUid, expires, signature, options.secret(), clock.now()),

    /** The file behind a `file_uid`, or undefined when no recording (with a file) names it. */
    file(fileUid: string): RecordingFile | undefined {
      const row = repo.byFileUid(fileUid);
      if (!row?.sha256 || row.size_bytes === null) return undefined;
      return {
        fileUid: row.file_uid,
        sizeBytes: row.size_bytes,
        sha256: row.sha256,
        contentType: row.content_type ?? 'application/octet-stream',
        fileName: row.file_name ?? row.file_uid,
      };
    },
  };
}

export type RecordingsService = ReturnType<typeof createRecordingsService>;
