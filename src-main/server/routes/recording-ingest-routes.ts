import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine } from '../../engine/engine';
import { requireApplicationKey } from '../application-key';

type IngestRoute = {
  Params: { id: string };
  Querystring: Record<string, string | string[] | undefined>;
};

/** A repeated query parameter (`participants_ids=1&participants_ids=2`) reads as a list. */
const queryValue = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(',') : value;

function declaredBytes(request: FastifyRequest): number | undefined {
  const header = request.headers['content-length'];
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
}

/**
 * `POST /meetings/recordings/{meeting_id}`: a media server delivers a finished recording, the raw
 * file as the body. In a scope of its own, where the only body parser hands the handler the
 * request stream untouched: Fastify buffers nothing, and the file goes to disk as it arrives.
 */
export function registerRecordingIngestRoutes(app: FastifyInstance, engine: Engine): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => {
      done(null, payload);
    });

    scope.post<IngestRoute>('/meetings/recordings/:id', async (request, reply) => {
      requireApplicationKey(engine, request);
      const query = request.query;
      // Without Content-Length or chunked encoding a request has no body, and no parser runs.
      const body = request.body as Readable | undefined;
      const recording = await engine.recordings.ingest({
        meetingId: request.params.id,
        participants: queryValue(query.participants_ids),
        duration: queryValue(query.duration),
        fileName: queryValue(query.file_name),
        contentType: request.headers['content-type'],
        declaredBytes: body === undefined ? 0 : declaredBytes(request),
        source: body ?? request.raw,
      });
      return reply.code(201).send(recording);
    });
  });
}
