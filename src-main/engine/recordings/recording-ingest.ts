import type { Readable } from 'node:stream';
import type { Meeting, Recording, User } from '../../shared/meetings-api-types';
import { isoAt, type Clock } from '../clock';
import type { Database } from '../db/database';
import { notFound, validationError } from '../errors';
import { OBJECT_ID_PATTERN, type IdGenerator } from '../ids';
import { parseIngestParams, type IngestParams, type ParsedIngestParams } from './ingest-params';
import { extensionOfType } from './media-types';
import {
  commitStagedFile,
  discardStagedFile,
  fileUidOf,
  newTempPath,
  RecordingStoreError,
  stageUpload,
  syncFolder,
  type OpenTempFile,
  type StagedFile,
} from './recording-files';
import type { RecordingsRepo } from './recordings-repo';
import type { WebhookQueueRepo } from './webhook/webhook-queue-repo';

export type IngestRequest = IngestParams & {
  meetingId: string;
  /** The file's bytes, read once, start to end. */
  source: Readable;
  /** The size announced up front (`Content-Length`), when there is one. */
  declaredBytes?: number | undefined;
};

export type IngestDeps = {
  db: Database;
  clock: Clock;
  ids: IdGenerator;
  repo: RecordingsRepo;
  webhooks: WebhookQueueRepo;
  /** The meeting (as the API shows it) and its host, by `_id`; undefined if there is none. */
  meeting: (meetingId: string) => { meeting: Meeting; host: User | null } | undefined;
  toRecording: (id: string) => Recording;
  dir: string;
  maxBytes: number;
  quietMs: number;
  maxWaitMs: number;
  openTempFile?: OpenTempFile;
  /** Temp paths of uploads in flight, which the sweeper must leave alone. */
  activeUploads: Set<string>;
  /** A new event is queued: the webhook worker re-aims its timer. */
  onQueued: () => void;
};

export const BYTES_PER_MB = 1024 * 1024;

const EMPTY_BODY = { body: ['is empty: send the recording file as the request body'] };

/** "Weekly sync 2026-11-23": the meeting's name and its day, in its own zone when it has one. */
function defaultFileName(meeting: Meeting, extension: string): string {
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: meeting.timezone?.name ?? 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(meeting.start_date * 1000));
  return `${meeting.name} ${day}.${extension}`;
}

/**
 * Stores one finished recording, as a media server delivers it (`POST /meetings/recordings/{id}`)
 * or an operator imports it (`import-recording`): the same checks, the same file handling.
 * Everything that can be refused without the body is refused first; the row is created only after
 * the whole file is on disk under its final name, in the transaction that renames it.
 */
export function createRecordingIngest(deps: IngestDeps) {
  const { db, clock, repo } = deps;

  function found(meetingId: string): { meeting: Meeting; host: User | null } {
    const match = OBJECT_ID_PATTERN.test(meetingId) ? deps.meeting(meetingId) : undefined;
    if (!match) throw notFound('Meeting not found');
    return match;
  }

  /** The checks that need no body, made before a byte of it is read. */
  function precheck(request: Omit<IngestRequest, 'source'>) {
    const { meeting, host } = found(request.meetingId);
    const nowSeconds = clock.now() / 1000;
    if (meeting.end_date > nowSeconds) {
      throw validationError({
        end_date: [
          `is ${isoAt(meeting.end_date * 1000)}: recordings are accepted once the meeting has ended`,
        ],
      });
    }
    const params = parseIngestParams(request);
    if (request.declaredBytes === 0) {
      throw validationError(EMPTY_BODY);
    }
    if (request.declaredBytes !== undefined && request.declaredBytes > deps.maxBytes) {
      throw new RecordingStoreError('too_large', tooLargeMessage(deps.maxBytes));
    }
    return { meeting, host, params };
  }

  async function ingest(request: IngestRequest): Promise<Recording> {
    const { meeting, host, params } = precheck(request);
    const extension = extensionOfType(params.contentType);
    const tempPath = newTempPath(deps.dir);
    deps.activeUploads.add(tempPath);
    try {
      let staged: StagedFile;
      try {
        staged = await stageUpload(tempPath, request.source, deps.maxBytes, deps.openTempFile);
      } catch (error) {
        if (error instanceof RecordingStoreError && error.kind === 'empty') {
          throw validationError(EMPTY_BODY);
        }
        if (error instanceof RecordingStoreError && error.kind === 'too_large') {
          throw new RecordingStoreError('too_large', tooLargeMessage(deps.maxBytes));
        }
        throw error;
      }
      const id = store(staged, meeting, host, params, fileUidOf(staged.sha256, extension));
      await syncFolder(deps.dir);
      deps.onQueued();
      return deps.toRecording(id);
    } finally {
      deps.activeUploads.delete(tempPath);
    }
  }

  /** The row, its webhook event and the file's final name, in one transaction. */
  function store(
    staged: StagedFile,
    meeting: Meeting,
    host: User | null,
    params: ParsedIngestParams,
    fileUid: string,
  ): string {
    const now = isoAt(clock.now());
    const id = deps.ids.objectId();
    try {
      db.transaction(() => {
        repo.insert({
          _id: id,
          room_id: meeting._id,
          host_id: meeting.host_id,
          participants_ids: JSON.stringify(params.participants),
          duration: params.duration,
          size: staged.sizeBytes / BYTES_PER_MB,
          file_uid: fileUid,
          created_at: now,
          updated_at: now,
          size_bytes: staged.sizeBytes,
          sha256: staged.sha256,
          content_type: params.contentType,
          file_name:
            params.fileName ?? defaultFileName(meeting, extensionOfType(params.contentType)),
        });
        deps.webhooks.noteRecording({
          meetingId: meeting._id,
          recordingId: id,
          meeting: JSON.stringify(meeting),
          hostUser: host === null ? null : JSON.stringify(host),
          nowMs: clock.now(),
          quietMs: deps.quietMs,
          maxWaitMs: deps.maxWaitMs,
        });
        // Last, so the row commits only if the file has its final name.
        commitStagedFile(staged, deps.dir, fileUid);
      });
    } catch (error) {
      discardStagedFile(staged);
      throw error;
    }
    return id;
  }

  return { ingest };
}

export function tooLargeMessage(maxBytes: number): string {
  return `The recording is larger than the ${Math.round(maxBytes / BYTES_PER_MB)} MB limit`;
}

export type RecordingIngest = ReturnType<typeof createRecordingIngest>;
