import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Engine } from '../../engine/engine';
import { FILE_UID_PATTERN } from '../../engine/recordings/recording-files';
import { attachmentDisposition, decideRange, notModified, rangeStillValid } from '../http-ranges';
import { baseError } from '../wire-errors';

type FileRoute = {
  Params: { fileUid: string };
  Querystring: Record<string, string | string[] | undefined>;
};

async function openFile(dir: string, fileUid: string): Promise<FileHandle | undefined> {
  try {
    return await open(join(dir, fileUid), 'r');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * `GET`/`HEAD /recordings/files/{file_uid}?expires&signature`: the signed `download_url` of a
 * recording. Our own small route rather than @fastify/static, whose ETags are always weak
 * (LIBRARIES.md): the desktop downloader resumes with `Range` + `If-Range`, which needs a strong
 * one. The file is named by its hash and never changes, so the hash is that ETag.
 */
export function registerRecordingFileRoutes(app: FastifyInstance, engine: Engine): void {
  app.route<FileRoute>({
    method: ['GET', 'HEAD'],
    url: '/recordings/files/:fileUid',
    handler: async (request, reply) => {
      const { fileUid } = request.params;
      const file = FILE_UID_PATTERN.test(fileUid) ? engine.recordings.file(fileUid) : undefined;
      const dir = engine.recordings.dir;
      if (!file || dir === null) return reply.code(404).send(baseError('Recording not found'));

      const { expires, signature } = request.query;
      const link = engine.recordings.checkLink(fileUid, expires, signature);
      if (link === 'expired') {
        return reply
          .code(403)
          .send(baseError('This download link has expired: list the recordings for a fresh one'));
      }
      if (link === 'invalid') {
        return reply.code(403).send(baseError('This download link is not valid (bad signature)'));
      }

      // Opened before any header is sent: a file deleted now is a clean 404, and one deleted
      // while it streams stays readable through this handle (POSIX).
      const handle = await openFile(dir, fileUid);
      if (!handle) {
        engine.logger.warn('recording file missing', { fileUid });
        return reply.code(404).send(baseError('Recording file not found'));
      }
      return serveFile(request.method === 'HEAD', handle, file, request.headers, reply);
    },
  });
}

async function serveFile(
  headOnly: boolean,
  handle: FileHandle,
  file: { sha256: string; contentType: string; fileName: string },
  headers: Record<string, string | string[] | undefined>,
  reply: FastifyReply,
) {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (error) {
    await handle.close();
    throw error;
  }
  const etag = `"${file.sha256}"`;
  void reply
    .header('etag', etag)
    .header('accept-ranges', 'bytes')
    .header('cache-control', 'private, no-cache')
    .header('x-content-type-options', 'nosniff');
  if (notModified(header('if-none-match'), etag)) {
    await handle.close();
    return reply.code(304).send();
  }

  const range = rangeStillValid(header('if-range'), etag)
    ? decideRange(header('range'), size)
    : ({ kind: 'whole' } as const);
  if (range.kind === 'unsatisfiable') {
    await handle.close();
    return reply
      .code(416)
      .header('content-range', `bytes */${size}`)
      .send(baseError(`Range not satisfiable: the file has ${size} bytes`));
  }
  const start = range.kind === 'part' ? range.start : 0;
  const end = range.kind === 'part' ? range.end : size - 1;
  if (range.kind === 'part') {
    void reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`);
  }
  void reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('content-length', String(end - start + 1));
  if (headOnly) {
    await handle.close();
    return reply.send();
  }
  // The stream closes the handle when it ends, fails or the client goes away.
  return reply.send(handle.createReadStream({ start, end }));
}
