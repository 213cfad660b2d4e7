import type { Database } from '../db/database';
import { sql } from '../db/sql';

export type RecordingRow = {
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
  // NULL on rows from before migration 005: those have no file.
  size_bytes: number | null;
  sha256: string | null;
  content_type: string | null;
  file_name: string | null;
};

export type NewRecording = Omit<RecordingRow, 'id'>;

/** The `recordings` table. */
export function createRecordingsRepo(db: Database) {
  return {
    insert(r: NewRecording): void {
      db.run(sql`INSERT INTO recordings (_id, room_id, host_id, participants_ids, duration, size,
          file_uid, created_at, updated_at, size_bytes, sha256, content_type, file_name)
        VALUES (${r._id}, ${r.room_id}, ${r.host_id}, ${r.participants_ids}, ${r.duration}, ${r.size},
          ${r.file_uid}, ${r.created_at}, ${r.updated_at}, ${r.size_bytes}, ${r.sha256},
          ${r.content_type}, ${r.file_name})`);
    },

    ofMeeting: (meetingId: string) =>
      db.all<RecordingRow>(
        sql`SELECT * FROM recordings WHERE room_id = ${meetingId} ORDER BY created_at, _id`,
      ),

    byIds: (ids: readonly string[]) =>
      db.all<RecordingRow>(sql`SELECT * FROM recordings
        WHERE _id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) ORDER BY created_at, _id`),

    /** The newest recording stored in this file (identical uploads share one file). */
    byFileUid: (fileUid: string) =>
      db.get<RecordingRow>(
        sql`SELECT * FROM recordings WHERE file_uid = ${fileUid} AND sha256 IS NOT NULL
            ORDER BY created_at DESC, id DESC LIMIT 1`,
      ),

    hasHosted: (meetingId: string, hostId: number) =>
      db.get(
        sql`SELECT 1 FROM recordings WHERE room_id = ${meetingId} AND host_id = ${hostId} LIMIT 1`,
      ) !== undefined,

    /** Recordings created before `createdBefore` (ISO), oldest first. */
    expired: (createdBefore: string, limit: number) =>
      db.all<RecordingRow>(sql`SELECT * FROM recordings WHERE created_at < ${createdBefore}
        ORDER BY created_at LIMIT ${limit}`),

    oldestCreatedAt: () =>
      db.get<{ at: string | null }>(sql`SELECT min(created_at) AS at FROM recordings`)?.at ?? null,

    remove(id: number): void {
      db.run(sql`DELETE FROM recordings WHERE id = ${id}`);
    },

    isFileReferenced: (fileUid: string) =>
      db.get(sql`SELECT 1 FROM recordings WHERE file_uid = ${fileUid} LIMIT 1`) !== undefined,
  };
}

export type RecordingsRepo = ReturnType<typeof createRecordingsRepo>;
