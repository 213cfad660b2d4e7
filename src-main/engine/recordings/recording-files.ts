import { createHash, randomBytes } from 'node:crypto';
import { renameSync, rmSync, unlinkSync } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { finished, Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Recording files on disk. An upload is streamed into a hidden temp file in the recordings folder
 * (same filesystem, so the final rename is atomic), hashed and counted on the way, fsynced, and
 * only then renamed to `<sha256>.<ext>`: a file under a final name is always complete. Identical
 * uploads share one file, which is why deleting a recording checks that no other row names it.
 */
export const TEMP_SUFFIX = '.part';

/**
 * Opens the temp file an upload is written through. Its stream must fsync before it emits
 * `finish` and close the file when destroyed. Tests inject one that fails part-way.
 */
export type OpenTempFile = (path: string) => Promise<Writable>;

export const openTempFile: OpenTempFile = async (path) => {
  // `wx`: a name that already exists is never overwritten (the random name makes that a bug).
  const handle = await open(path, 'wx', 0o640);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= handle.close());
  const writeAll = async (chunk: Buffer) => {
    // A write to a regular file may be short (e.g. the disk filled up mid-chunk): finish it or fail.
    for (let offset = 0; offset < chunk.length;) {
      const { bytesWritten } = await handle.write(chunk, offset);
      offset += bytesWritten;
    }
  };
  return new Writable({
    highWaterMark: 1024 * 1024,
    write(chunk: Buffer, _encoding, done) {
      writeAll(chunk).then(() => done(), done);
    },
    // Socket reads arrive in 64 KiB pieces; what queued during a write goes down as one writev.
    writev(chunks, done) {
      const buffers = chunks.map((c) => c.chunk as Buffer);
      handle
        .writev(buffers)
        .then(async ({ bytesWritten }) => {
          const total = buffers.reduce((n, b) => n + b.length, 0);
          if (bytesWritten < total) await writeAll(Buffer.concat(buffers).subarray(bytesWritten));
        })
        .then(() => done(), done);
    },
    // fsync, then close: `finish` means the bytes are on disk and the file can be renamed.
    final(done) {
      handle
        .sync()
        .then(close)
        .then(() => done(), done);
    },
    destroy(error, done) {
      close().then(
        () => done(error),
        () => done(error),
      );
    },
  });
};

export type StoreFailure = 'empty' | 'too_large' | 'no_space' | 'write_failed' | 'aborted';

/** Why an upload was not stored. Nothing of it is left on disk when this is thrown. */
export class RecordingStoreError extends Error {
  constructor(
    readonly kind: StoreFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RecordingStoreError';
  }
}

/** A complete upload in its temp file, not yet under its final name. */
export type StagedFile = {
  tempPath: string;
  sizeBytes: number;
  sha256: string;
};

const NO_SPACE = new Set(['ENOSPC', 'EDQUOT']);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function writeFailure(error: unknown): RecordingStoreError {
  const code = errorCode(error);
  return NO_SPACE.has(code ?? '')
    ? new RecordingStoreError('no_space', 'The recordings folder is out of space', {
        cause: error,
      })
    : new RecordingStoreError('write_failed', 'The recording could not be written to disk', {
        cause: error,
      });
}

/** A hidden, random name in the recordings folder (same filesystem: the rename is atomic). */
export const newTempPath = (dir: string): string =>
  join(dir, `.${randomBytes(12).toString('hex')}${TEMP_SUFFIX}`);

/**
 * Streams `source` into a temp file in `dir`, never holding more than a stream buffer in memory.
 * Refuses more than `maxBytes` as soon as the count passes it, and an empty body.
 */
export async function stageUpload(
  tempPath: string,
  source: Readable,
  maxBytes: number,
  openTemp: OpenTempFile = openTempFile,
): Promise<StagedFile> {
  const removeTemp = () => rm(tempPath, { force: true }).catch(() => undefined);
  let sink: Writable;
  try {
    await mkdir(dirname(tempPath), { recursive: true });
    sink = await openTemp(tempPath);
  } catch (error) {
    await removeTemp();
    throw writeFailure(error);
  }

  const hash = createHash('sha256');
  let sizeBytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sizeBytes += chunk.length;
      if (sizeBytes > maxBytes) {
        done(new RecordingStoreError('too_large', 'The recording is larger than the size limit'));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });

  // `pipe`, not `pipeline`, for the source: a failed write or an oversized body must not destroy
  // the request (that would reset the connection before the client hears why). A source that
  // breaks off (the client went away) ends the write as `aborted`.
  const writing = pipeline(meter, sink);
  const stopWatching = finished(source, (error) => {
    if (error) {
      meter.destroy(
        new RecordingStoreError('aborted', 'The upload ended before the whole file arrived', {
          cause: error,
        }),
      );
    }
  });
  source.pipe(meter);
  try {
    await writing;
  } catch (error) {
    source.unpipe(meter);
    await removeTemp();
    throw error instanceof RecordingStoreError ? error : writeFailure(error);
  } finally {
    stopWatching();
  }
  if (sizeBytes === 0) {
    await removeTemp();
    throw new RecordingStoreError('empty', 'The recording file is empty');
  }
  return { tempPath, sizeBytes, sha256: hash.digest('hex') };
}

/**
 * Gives a staged file its final name. Synchronous on purpose: it runs inside the transaction that
 * creates the recording's row, so the row commits only if the rename happened, and no sweep can
 * run between the two (both are one turn of the event loop).
 */
export function commitStagedFile(staged: StagedFile, dir: string, fileUid: string): void {
  try {
    renameSync(staged.tempPath, join(dir, fileUid));
  } catch (error) {
    throw writeFailure(error);
  }
}

/** Removes a staged file whose row could not be written. */
export function discardStagedFile(staged: StagedFile): void {
  rmSync(staged.tempPath, { force: true });
}

/** fsyncs the folder, so a rename that just happened survives a power cut (POSIX only). */
export async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a folder for fsync; the rename is still atomic there.
  }
}

/** Removes a final file (already gone is fine). Synchronous: see commitStagedFile. */
export function removeFileSync(dir: string, fileUid: string): void {
  try {
    unlinkSync(join(dir, fileUid));
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

/** Files in the folder older than `olderThanMs`: leftovers of crashed uploads and orphans. */
export async function oldFiles(
  dir: string,
  olderThanMs: number,
): Promise<{ name: string; temp: boolean }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const found: { name: string; temp: boolean }[] = [];
  for (const name of names) {
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info?.isFile() && info.mtimeMs < olderThanMs) {
      found.push({ name, temp: name.endsWith(TEMP_SUFFIX) });
    }
  }
  return found;
}

/** A file name made from the content hash: what `file_uid` and the file on disk are called. */
export const fileUidOf = (sha256: string, extension: string): string => `${sha256}.${extension}`;

export const FILE_UID_PATTERN = /^[0-9a-f]{64}\.[a-z0-9]{1,8}$/;
