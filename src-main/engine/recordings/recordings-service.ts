import { createHmac } from 'node:crypto';
import type { Recording } from '../../shared/meetings-api-types';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { sql } from '../db/sql';

type RecordingRow = {
  id: number;
  _id: string;
  room_id: string;
  host_id: number;
  participants_ids: string;
  duration: number;
  size: number;
  file_uid: string;
  created_at: string;
  updated_at: string;
};

/** Download links are valid for one hour from the response that carries them (spec section 2). */
export const DOWNLOAD_URL_TTL_SECONDS = 60 * 60;

export type RecordingsOptions = {
  /** Base URL the server is reachable at; download links are made under it. */
  publicUrl: () => string;
  secret: () => string;
};

export function signRecordingPath(fileUid: string, expires: number, secret: string): string {
  return createHmac('sha256', secret).update(`${fileUid}:${expires}`).digest('hex');
}

export function createRecordingsService(db: Database, clock: Clock, options: RecordingsOptions) {
  function toRecording(row: RecordingRow): Recording {
    const participants = JSON.parse(row.participants_ids) as number[];
    const expires = Math.floor(clock.now() / 1000) + DOWNLOAD_URL_TTL_SECONDS;
    const signature = signRecordingPath(row.file_uid, expires, options.secret());
    const url = new URL(
      `recordings/files/${encodeURIComponent(row.file_uid)}`,
      `${options.publicUrl().replace(/\/$/, '')}/`,
    );
    url.searchParams.set('expires', String(expires));
    url.searchParams.set('signature', signature);
    return {
      _id: row._id,
      room_id: row.room_id,
      participants_ids: participants,
      participants_count: participants.length,
      duration: row.duration,
      size: row.size,
      download_url: url.toString(),
      file_uid: row.file_uid,
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
  }

  return {
    ofMeeting(meetingId: string): Recording[] {
      return db
        .all<RecordingRow>(
          sql`SELECT * FROM recordings WHERE room_id = ${meetingId} ORDER BY created_at, _id`,
        )
        .map(toRecording);
    },
    /** Whether a (possibly deleted) meeting hosted by `hostId` left recordings behind. */
    hasHostedRecordings(meetingId: string, hostId: number): boolean {
      return (
        db.get(
          sql`SELECT 1 FROM recordings WHERE room_id = ${meetingId} AND host_id = ${hostId} LIMIT 1`,
        ) !== undefined
      );
    },
  };
}

export type RecordingsService = ReturnType<typeof createRecordingsService>;
