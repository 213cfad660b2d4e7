import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DownloadDto, MeetingId, RecordingDto } from '../../shared/contract';
import type { Recording } from '../../shared/meetings-api-types';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { Logger } from '../engine';
import { EngineError, notFound } from '../errors';
import type { MeetingRow, MeetingsRepo } from '../meetings/meetings-repo';
import type { AppSettings } from '../settings/app-settings';
import type { MeetingSyncRepo } from '../sync/meeting-sync-repo';
import type { Timers } from '../timers';
import type { UsersRepo } from '../users/users-repo';
import { createDownloadWorker, JobStateError, type LinkResult } from './download-worker';
import { createJobsRepo, toDownloadDto, type JobRow } from './jobs-repo';
import { fetchRecordings, isTransient, type RemoteSource } from './remote-recordings';
import { recordingFileName } from './recording-name';
import { uniqueName } from './safe-name';

/** What the shell gives downloads: where they go by default, and how to show one in its folder. */
export type DownloadsOptions = {
  /** The folder used while the setting is unset (desktop: the OS Downloads folder). */
  defaultFolder?: () => string;
  /** Desktop "Show in folder"; absent in the web shell, which has no file manager to open. */
  reveal?: (path: string) => void;
};

const BYTES_PER_MB = 1024 * 1024;
const NOT_FOUND = 'Meeting not found';

/**
 * Recordings of synced meetings and their downloads (issue 9, "App"): lists come live from the
 * remote; each download is a persisted job run by the worker. Meetings are named by local id.
 */
export function createDownloads(deps: {
  db: Database;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  fetch: typeof fetch;
  meetings: MeetingsRepo;
  rows: MeetingSyncRepo;
  users: UsersRepo;
  settings: AppSettings;
  remote: RemoteSource;
  options: DownloadsOptions | undefined;
}) {
  const { meetings, rows, clock } = deps;
  const options = deps.options ?? {};
  const jobs = createJobsRepo(deps.db, () => clock.now());
  const listeners = new Set<(download: DownloadDto) => void>();

  function syncedMeeting(meetingId: number): MeetingRow & { _id: string } {
    const row = meetings.byLocalId(meetingId);
    if (!row || rows.get(meetingId)?.deleted === 1) throw notFound(NOT_FOUND);
    if (row._id === null)
      throw new EngineError('bad_request', 'This meeting is not synced yet: it has no recordings');
    return row as MeetingRow & { _id: string };
  }

  async function freshLink(job: JobRow): Promise<LinkResult> {
    const row = meetings.byLocalId(job.meeting_id);
    if (!row?._id) return { kind: 'gone', message: 'The meeting is no longer synced' };
    try {
      const found = (await fetchRecordings(deps.remote, row._id)).find(
        (r) => r._id === job.recording_id,
      );
      if (!found) return { kind: 'gone', message: 'The server no longer has this recording' };
      return { kind: 'link', url: found.download_url };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return isTransient(error) || (error instanceof EngineError && error.code === 'unavailable')
        ? { kind: 'transient', message }
        : { kind: 'gone', message };
    }
  }

  const worker = createDownloadWorker({
    jobs,
    clock,
    timers: deps.timers,
    logger: deps.logger,
    fetch: deps.fetch,
    freshLink,
    onChange: (download) => {
      for (const listener of listeners) listener(download);
    },
  });

  function folder(): string {
    const chosen = deps.settings.get().downloadsFolder;
    if (chosen !== null) {
      if (!existsSync(chosen))
        throw new EngineError('bad_request', `The downloads folder ${chosen} does not exist`);
      return chosen;
    }
    const fallback = options.defaultFolder?.() ?? join(homedir(), 'Downloads');
    mkdirSync(fallback, { recursive: true });
    return fallback;
  }

  function queue(meeting: MeetingRow, recording: Recording, auto: boolean): JobRow {
    const existing = jobs.unfinishedFor(recording._id);
    if (existing) return existing;
    const target = folder();
    const taken = new Set(jobs.pendingNames());
    const name = uniqueName(target, recordingFileName(meeting), (n) =>
      taken.has(join(target, `${n}.part`)),
    );
    const job = jobs.insert({
      meetingId: meeting.id,
      recordingId: recording._id,
      fileUid: recording.file_uid || null,
      url: recording.download_url,
      bytesTotal: recording.size > 0 ? Math.round(recording.size * BYTES_PER_MB) : null,
      fileName: name,
      partPath: join(target, `${name}.part`),
      auto,
    });
    const dto = toDownloadDto(job);
    for (const listener of listeners) listener(dto);
    worker.kick();
    return job;
  }

  function mustJob(id: number, row: JobRow | undefined): DownloadDto {
    if (!row) throw notFound(`Download ${id} not found`);
    return toDownloadDto(row);
  }

  const stateCheck = async <T>(work: () => Promise<T> | T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof JobStateError) throw new EngineError('bad_request', error.message);
      throw error;
    }
  };

  return {
    jobs,
    worker,
    onChange(listener: (download: DownloadDto) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async listRecordings(meetingId: MeetingId): Promise<RecordingDto[]> {
      const meeting = syncedMeeting(meetingId);
      const list = await fetchRecordings(deps.remote, meeting._id);
      const names = deps.users.displayNamesByIds([
        ...new Set(list.flatMap((r) => r.participants_ids)),
      ]);
      return list.map((r) => {
        const job = jobs.latestFor(r._id);
        return {
          id: r._id,
          fileUid: r.file_uid || null,
          meetingId,
          createdAt: r.created_at,
          duration: r.duration,
          size: Math.round(r.size * BYTES_PER_MB),
          participants: r.participants_ids.map((id) => ({ id, name: names.get(id) ?? null })),
          // The API does not say when the server deletes a recording.
          expiresAt: null,
          download: job && job.state !== 'cancelled' ? toDownloadDto(job) : null,
        };
      });
    },

    async start(meetingId: MeetingId, recordingId: string, auto = false): Promise<DownloadDto> {
      const meeting = syncedMeeting(meetingId);
      const existing = jobs.unfinishedFor(recordingId);
      if (existing) return toDownloadDto(existing);
      const recording = (await fetchRecordings(deps.remote, meeting._id)).find(
        (r) => r._id === recordingId,
      );
      if (!recording) throw notFound('This meeting has no such recording');
      return toDownloadDto(queue(meeting, recording, auto));
    },

    /** Queues every recording of `meeting` that never had a job (auto-download). */
    async queueNew(meeting: MeetingRow & { _id: string }): Promise<number> {
      let queued = 0;
      for (const recording of await fetchRecordings(deps.remote, meeting._id)) {
        if (jobs.latestFor(recording._id)) continue;
        queue(meeting, recording, true);
        queued++;
      }
      return queued;
    },

    list: (): DownloadDto[] => jobs.listed().map(toDownloadDto),
    pause: (id: number) => stateCheck(async () => mustJob(id, await worker.pause(id))),
    resume: (id: number) => stateCheck(() => mustJob(id, worker.resume(id))),
    cancel: (id: number) => stateCheck(async () => mustJob(id, await worker.cancel(id))),

    reveal(id: number): { revealed: true } {
      const job = jobs.byId(id);
      if (!job) throw notFound(`Download ${id} not found`);
      if (!options.reveal)
        throw new EngineError('bad_request', 'Show in folder is only available in the desktop app');
      if (job.state !== 'done' || job.final_path === null || !existsSync(job.final_path))
        throw new EngineError('bad_request', 'This download has no finished file to show');
      // Only a path this engine wrote itself is ever handed to the OS file manager.
      options.reveal(job.final_path);
      return { revealed: true };
    },

    /** Idle: stops at once and returns null (like sync), else aborts the transfer and waits. */
    stop(): Promise<void> | null {
      if (!worker.busy()) {
        void worker.stop();
        return null;
      }
      return worker.stop();
    },
  };
}

export type Downloads = ReturnType<typeof createDownloads>;
