import cors from '@fastify/cors';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, {
  type ConnectionError,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
} from 'fastify';
import type { Engine } from '../engine/engine';
import { EngineError } from '../engine/errors';
import { registerDialogRoutes } from './routes/dialog-routes';
import { registerMeetingRoutes } from './routes/meeting-routes';
import { registerRecordingFileRoutes } from './routes/recording-file-routes';
import { registerRecordingIngestRoutes } from './routes/recording-ingest-routes';
import { registerSessionRoutes } from './routes/session-routes';
import { parseFormBody } from './form-body';
import { acceptJsonBodies } from './json-body';
import { recordingStoreFailure } from './recording-store-errors';
import { baseError, wireError } from './wire-errors';

export const ALLOWED_HEADERS = [
  'CB-Token',
  'CB-SDK',
  'CB-AuthKey',
  'CB-Api-Version',
  'Content-Type',
];
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** `/meetings.json?x` and `/meetings?x` are the same route: the SDK always adds `.json`. */
export function stripJsonSuffix(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return path.replace(/\.json$/, '') + (q < 0 ? '' : url.slice(q));
}

const CLIENT_ERROR_STATUS: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (a request head over 16 KiB,
 * such as a huge query string); they too get the API's `{"errors": ...}` body, not Fastify's.
 */
function answerClientError(error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = CLIENT_ERROR_STATUS[error.code] ?? 400;
  const body = JSON.stringify(baseError(STATUS_CODES[status] ?? 'Bad Request'));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** The ConnectyCube-compatible REST API over one engine. */
export async function buildServer(engine: Engine): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    rewriteUrl: (req) => stripJsonSuffix(req.url ?? '/'),
    // Lets `close()` finish promptly: idle keep-alive sockets are closed, busy ones finish first.
    forceCloseConnections: 'idle',
    // The router refuses some URLs before any route or error handler runs (a path parameter over
    // 100 characters, a broken %-escape) and would answer in Fastify's shape, not the API's. So
    // long an id names no meeting: the same 404 as any unknown id.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void reply
        .code(tooLong ? 404 : (error.statusCode ?? 400))
        .send(baseError(tooLong ? 'Not found' : 'Malformed URL'));
    },
    clientErrorHandler: answerClientError,
  });

  await app.register(cors, {
    origin: true,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    maxAge: 86_400,
  });

  app.removeContentTypeParser('application/json');
  acceptJsonBodies(app);
  // GET and DELETE arrive form-encoded with no body; older clients post sessions form-encoded.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_req, body, done) => {
      done(null, parseFormBody(typeof body === 'string' ? body : body.toString('utf8')));
    },
  );

  // Fastify instances are thenable (plugin loading); these calls only register handlers.
  void app.setErrorHandler((error: FastifyError | EngineError, request, reply) => {
    // Refused before its body was read (a recording upload): close the connection rather than
    // let Node read and discard what may be gigabytes.
    if (!request.raw.complete) void reply.header('connection', 'close');
    const stored = recordingStoreFailure(error);
    if (stored) {
      if (stored.status >= 500) {
        engine.logger.error('recording not stored', { url: request.url, error: String(error) });
      }
      return reply.code(stored.status).send(baseError(stored.message));
    }
    if (error instanceof EngineError) {
      const { status, body } = wireError(error);
      return reply.code(status).send(body);
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      engine.logger.error('request failed', {
        url: request.url,
        error: error.stack ?? String(error),
      });
      return reply.code(500).send(baseError('Internal server error'));
    }
    const message =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? 'Malformed JSON body'
        : error.message;
    return reply.code(status).send(baseError(message));
  });

  void app.setNotFoundHandler((_request, reply) => reply.code(404).send(baseError('Not found')));

  registerSessionRoutes(app, engine);
  registerMeetingRoutes(app, engine);
  registerDialogRoutes(app, engine);
  registerRecordingIngestRoutes(app, engine);
  registerRecordingFileRoutes(app, engine);
  return app;
}
