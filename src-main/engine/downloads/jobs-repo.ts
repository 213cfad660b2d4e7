import type { DownloadDto, DownloadId, DownloadState, MeetingId } from '../../shared/contract';
import { isoAt } from '../clock';
import type { Database } from '../db/database';
import { sql } from '../db/sql';

export type JobRow = {
  id: number;
  meeting_id: number;
  recording_id: string;
  file_uid: string | null;
  url: string | null;
  etag: string | null;
  bytes_done: number;
  bytes_total: number | null;
  state: DownloadState;
  attempts: number;
  retry_after_ms: number | null;
  error: string | null;
  file_name: string;
  part_path: string;
  final_path: string | null;
  auto: number;
  created_at_ms: number;
  updated_at_ms: number;
};

export type NewJob = {
  meetingId: number;
  recordingId: string;
  fileUid: string | null;
  url: string | null;
  bytesTotal: number | null;
  fileName: string;
  partPath: string;
  auto: boolean;
};

/** The columns a step of the worker may change; `updated_at_ms` is always set. */
export type JobChanges = Partial<
  Pick<
    JobRow,
    | 'url'
    | 'etag'
    | 'bytes_done'
    | 'bytes_total'
    | 'state'
    | 'attempts'
    | 'retry_after_ms'
    | 'error'
    | 'file_name'
    | 'final_path'
  >
>;

const UNFINISHED: readonly DownloadState[] = ['queued', 'running', 'paused', 'failed'];

/** The `download_jobs` table (migration 006). */
export function createJobsRepo(db: Database, now: () => number) {
  const byId = (id: number) => db.get<JobRow>(sql`SELECT * FROM download_jobs WHERE id = ${id}`);
  return {
    byId,
    insert(job: NewJob): JobRow {
      const at = now();
      const { lastInsertRowid } = db.run(sql`INSERT INTO download_jobs
        (meeting_id, recording_id, file_uid, url, bytes_total, state, file_name, part_path, auto,
         created_at_ms, updated_at_ms)
        VALUES (${job.meetingId}, ${job.recordingId}, ${job.fileUid}, ${job.url}, ${job.bytesTotal},
         'queued', ${job.fileName}, ${job.partPath}, ${job.auto ? 1 : 0}, ${at}, ${at})`);
      return byId(lastInsertRowid) as JobRow;
    },
    update(id: number, changes: JobChanges): JobRow | undefined {
      const current = byId(id);
      if (!current) return undefined;
      const next = { ...current, ...changes, updated_at_ms: now() };
      db.run(sql`UPDATE download_jobs SET url = ${next.url}, etag = ${next.etag},
        bytes_done = ${next.bytes_done}, bytes_total = ${next.bytes_total}, state = ${next.state},
        attempts = ${next.attempts}, retry_after_ms = ${next.retry_after_ms}, error = ${next.error},
        file_name = ${next.file_name}, final_path = ${next.final_path},
        updated_at_ms = ${next.updated_at_ms}
        WHERE id = ${id}`);
      return next;
    },
    /** The newest job for a recording, in any state. */
    latestFor: (recordingId: string) =>
      db.get<JobRow>(sql`SELECT * FROM download_jobs WHERE recording_id = ${recordingId}
        ORDER BY id DESC LIMIT 1`),
    /** A job for the recording that has not finished (so a second start returns it). */
    unfinishedFor: (recordingId: string) =>
      db
        .all<JobRow>(
          sql`SELECT * FROM download_jobs WHERE recording_id = ${recordingId} ORDER BY id DESC`,
        )
        .find((j) => UNFINISHED.includes(j.state)),
    /** Every job not cancelled, newest first. */
    listed: () =>
      db.all<JobRow>(
        sql`SELECT * FROM download_jobs WHERE state <> 'cancelled' ORDER BY id DESC LIMIT 500`,
      ),
    /** Jobs waiting or interrupted mid-run (by a crash or a stop), oldest first. */
    active: () =>
      db.all<JobRow>(sql`SELECT * FROM download_jobs WHERE state IN ('queued', 'running')
        ORDER BY id`),
    /** File names other unfinished jobs will use, so two jobs never aim at one file. */
    pendingNames: () =>
      db
        .all<{ part_path: string }>(
          sql`SELECT part_path FROM download_jobs
              WHERE state IN ('queued', 'running', 'paused', 'failed')`,
        )
        .map((r) => r.part_path),
  };
}

export type JobsRepo = ReturnType<typeof createJobsRepo>;

export function toDownloadDto(row: JobRow): DownloadDto {
  return {
    id: row.id as DownloadId,
    meetingId: row.meeting_id as MeetingId,
    recordingId: row.recording_id,
    fileName: row.file_name,
    state: row.state,
    bytesDone: row.bytes_done,
    bytesTotal: row.bytes_total,
    error: row.error,
    path: row.state === 'done' ? row.final_path : null,
    retryAt:
      row.state === 'queued' && row.retry_after_ms !== null ? isoAt(row.retry_after_ms) : null,
    createdAt: isoAt(row.created_at_ms),
    updatedAt: isoAt(row.updated_at_ms),
  };
}
