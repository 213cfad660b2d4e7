import { RecordingStoreError } from '../engine/recordings/recording-files';

const STATUS = {
  too_large: 413,
  no_space: 507,
  write_failed: 500,
  aborted: 400,
  empty: 422,
} as const satisfies Record<RecordingStoreError['kind'], number>;

/** The HTTP answer for a recording that could not be stored, or null for any other error. */
export function recordingStoreFailure(error: unknown): { status: number; message: string } | null {
  if (!(error instanceof RecordingStoreError)) return null;
  // Disk trouble is the operator's to read in the log; the client learns only that it failed.
  const message =
    error.kind === 'write_failed'
      ? 'The recording could not be stored; nothing was kept, try again'
      : error.message;
  return { status: STATUS[error.kind], message };
}
