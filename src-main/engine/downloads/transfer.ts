import { createHash, type Hash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { parseRetryAfter } from '../sync/remote-client';

/**
 * What one GET of a recording file ended in. `done`: every byte is in the `.part` file and synced
 * (`sha256` when this attempt hashed it from byte 0, else null); `expired`: the signed link was
 * refused (403), so the caller asks the API for a fresh one instead of retrying it; `gone`: the
 * server answered for good (404, 410, another 4xx); `transient`: worth retrying later; `aborted`:
 * the caller's signal (pause, cancel, shutdown) — the bytes written so far stay in the file.
 */
export type Attempt =
  | { kind: 'done'; bytes: number; sha256: string | null }
  | { kind: 'expired' }
  | { kind: 'gone'; message: string }
  | { kind: 'transient'; message: string; retryAfterMs: number | null }
  | { kind: 'aborted' };

export type TransferStart = { etag: string | null; total: number | null; offset: number };

export type TransferOptions = {
  fetch: typeof fetch;
  url: string;
  partPath: string;
  /** The validator of the bytes already in the `.part` file; without one a resume starts over. */
  etag: string | null;
  signal: AbortSignal;
  /** Once the server has answered: where this attempt writes from, and what it learned. */
  onStart(info: TransferStart): void;
  /** After each write: the bytes now in the file. */
  onProgress(bytes: number): void;
};

/** Writes are gathered to this size: a few hundred syscalls for a 200 MB file, not thousands. */
const WRITE_BATCH = 1024 * 1024;
const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** A strong ETag, or null: a weak one cannot vouch for byte ranges (RFC 9110 §13.1.5). */
function strongEtag(value: string | null): string | null {
  return value !== null && !value.startsWith('W/') ? value : null;
}

/**
 * One GET of `url` into `partPath`, resuming from the bytes already there with `Range` and
 * `If-Range` (a 200 instead of a 206 means the file changed or the server ignores ranges: start
 * over). Streams to disk; the file is never held in memory.
 */
export async function transferOnce(options: TransferOptions): Promise<Attempt> {
  const { signal } = options;
  const have = options.etag === null ? 0 : await sizeOf(options.partPath);
  const headers: Record<string, string> =
    have > 0 && options.etag !== null ? { range: `bytes=${have}-`, 'if-range': options.etag } : {};

  let response: Response;
  try {
    response = await options.fetch(options.url, { headers, signal, redirect: 'follow' });
  } catch (error) {
    if (signal.aborted) return { kind: 'aborted' };
    return { kind: 'transient', message: describe(error), retryAfterMs: null };
  }
  const { status } = response;
  if (status !== 200 && status !== 206) {
    await response.body?.cancel().catch(() => {});
    if (status === 403) return { kind: 'expired' };
    if (status === 416) {
      // Our offset is past the file's end: what we have is not this file. Start over.
      await truncatePart(options.partPath);
      return { kind: 'transient', message: 'The server refused the resume point', retryAfterMs: 0 };
    }
    if (status === 408 || status === 429 || status >= 500) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      return { kind: 'transient', message: `The server answered ${status}`, retryAfterMs };
    }
    return {
      kind: 'gone',
      message:
        status === 404 || status === 410
          ? 'The server no longer has this recording'
          : `The server refused the download (${status})`,
    };
  }

  let offset = 0;
  let total: number | null;
  if (status === 206) {
    const range = CONTENT_RANGE.exec(response.headers.get('content-range') ?? '');
    if (!range || Number(range[1]) !== have) {
      await response.body?.cancel().catch(() => {});
      await truncatePart(options.partPath);
      return { kind: 'transient', message: 'The server sent another range', retryAfterMs: 0 };
    }
    offset = have;
    total = range[3] === '*' ? null : Number(range[3]);
  } else {
    const length = response.headers.get('content-length');
    total = length !== null && /^\d+$/.test(length) ? Number(length) : null;
  }
  const etag = strongEtag(response.headers.get('etag'));
  options.onStart({ etag, total, offset });
  return writeBody(response, options, offset, total);
}

async function writeBody(
  response: Response,
  options: TransferOptions,
  offset: number,
  total: number | null,
): Promise<Attempt> {
  const file = await open(options.partPath, offset === 0 ? 'w' : 'r+');
  // Bytes past the resume point (from a write the process died in) are not ours to keep.
  if (offset > 0) await file.truncate(offset);
  const hash: Hash | null = offset === 0 ? createHash('sha256') : null;
  let position = offset;
  let batch: Buffer[] = [];
  let batched = 0;
  const flush = async () => {
    if (batched === 0) return;
    const bytes = batch.length === 1 ? (batch[0] as Buffer) : Buffer.concat(batch, batched);
    batch = [];
    batched = 0;
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await file.write(bytes, written, bytes.length - written, position);
      written += bytesWritten;
      position += bytesWritten;
    }
    hash?.update(bytes);
    options.onProgress(position);
  };
  try {
    try {
      if (response.body) {
        for await (const piece of response.body) {
          const chunk = piece as Uint8Array;
          batch.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          batched += chunk.byteLength;
          if (batched >= WRITE_BATCH) await flush();
        }
      }
      await flush();
    } catch (error) {
      await flush(); // what did arrive is kept: the next attempt resumes after it
      if (options.signal.aborted) return { kind: 'aborted' };
      return { kind: 'transient', message: describe(error), retryAfterMs: null };
    }
    if (total !== null && position < total) {
      return { kind: 'transient', message: 'The connection closed early', retryAfterMs: null };
    }
    // Durable before the rename that makes it visible as finished (DESIGN.md: fsync, then rename).
    await file.sync();
    return { kind: 'done', bytes: position, sha256: hash ? hash.digest('hex') : null };
  } finally {
    await file.close();
  }
}

async function truncatePart(path: string): Promise<void> {
  const file = await open(path, 'w');
  await file.close();
}

function describe(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : null;
  const message = error instanceof Error ? error.message : String(error);
  return `The connection failed (${code ?? message})`;
}
