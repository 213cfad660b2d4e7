import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { createAppHandlers } from '../engine/app/app-handlers';
import { ensureLocalProfile } from '../engine/app/local-profile';
import type { Clock } from '../engine/clock';
import { createEngine, silentLogger, type Engine, type Logger } from '../engine/engine';
import { createKeyFileSecretStore } from '../engine/sync/secret-store';
import { acceptJsonBodies } from '../server/json-body';
import { isHandlerName, type AppError, type Handlers } from '../shared/contract';
import { createEventStream, type EventStream } from './event-stream';
import { refuse, registerGuard } from './guard';
import { RENDERER_DIR } from './renderer-build';
import { registerStaticFiles } from './static-files';

/** Loopback only, by design (DESIGN.md): there is deliberately no option to bind anything else. */
export const WEB_HOST = '127.0.0.1';
/** The desktop app's application id; the web shell is the same app in a browser. */
const APPLICATION_ID = 1;
const BODY_LIMIT_BYTES = 1024 * 1024;

export type WebShellOptions = {
  /** SQLite file (created and migrated if needed). */
  dataPath: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /**
   * Only for tests that restart the shell under an open page (same port, same token, so its cookie
   * stays valid). Every launch from the CLI draws a fresh one.
   */
  token?: string;
  /** Defaults to the repository's out/renderer. */
  rendererDir?: string;
  /** Name of the local profile when the database has none yet. */
  displayName?: string;
  logger?: Logger;
  clock?: Clock;
  /** Tests shorten the sync worker's pace; the CLI keeps the defaults. */
  sync?: { intervalMs?: number; debounceMs?: number; requestTimeoutMs?: number };
  /** Where recordings download while the setting is unset (default: ~/Downloads). */
  downloadsFolder?: string;
};

export type WebShell = {
  /** What to open: `http://127.0.0.1:PORT/?token=...`. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  host: typeof WEB_HOST;
  port: number;
  token: string;
  /** Ends event streams, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
};

function defaultDisplayName(): string {
  try {
    return userInfo().username || 'Me';
  } catch {
    return 'Me'; // userInfo() throws for uids without a passwd entry (some containers)
  }
}

const failure = (code: AppError['code'], message: string) => ({
  ok: false as const,
  error: { code, message },
});

function buildApp(
  handlers: Handlers,
  stream: EventStream,
  options: { token: string; port: () => number; rendererDir: string; logger: Logger },
): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Idle keep-alive sockets close at once on close(); event streams are ended by preClose.
    forceCloseConnections: 'idle',
  });
  registerGuard(app, { token: options.token, port: options.port });

  // JSON only: text/plain is what a cross-site form can send without a preflight. An empty body is
  // the empty argument (`profile:get` from curl).
  app.removeAllContentTypeParsers();
  acceptJsonBodies(app);

  void app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      options.logger.error('web request failed', { url: request.url, error: error.stack });
      return reply
        .code(500)
        .send(failure('internal', 'Something went wrong; nothing was changed.'));
    }
    const message =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? 'Malformed JSON body'
        : error.message;
    return reply.code(status).send(failure('bad_request', message));
  });
  void app.setNotFoundHandler((request, reply) =>
    refuse(request, reply, 404, 'not_found', `no route for ${request.method} ${request.url}`),
  );
  app.addHook('preClose', (done) => {
    stream.close();
    done();
  });

  app.get('/api/events', (_request, reply) => {
    stream.open(reply);
  });

  // Every handler validates its own argument and answers with a Result, so the body goes straight in.
  app.post<{ Params: { name: string } }>('/api/:name', async (request, reply) => {
    const { name } = request.params;
    if (!isHandlerName(name)) {
      return reply.code(404).send(failure('not_found', `no such channel: ${name}`));
    }
    const handler = handlers[name] as (arg: unknown) => Promise<unknown>;
    return handler(request.body ?? {});
  });

  registerStaticFiles(app, options.rendererDir);
  return app;
}

/** The OS's usual Downloads folder (created on the first download if missing). */
function defaultDownloadsFolder(): string {
  return join(homedir(), 'Downloads');
}

/**
 * The web shell (DESIGN.md, "three shells"): the engine and the contract's handlers in a plain Node
 * process, the built renderer and the contract over HTTP on 127.0.0.1, events over Server-Sent Events.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const logger = options.logger ?? silentLogger;
  const engine: Engine = createEngine({
    databasePath: options.dataPath,
    application: { id: APPLICATION_ID },
    logger,
    role: 'client',
    client: {
      // The account's secrets are sealed under a key only this user can read (SYNC.md).
      secrets: createKeyFileSecretStore(`${options.dataPath}.key`),
      // No "Show in folder" here: a page must not make this process open a file manager.
      downloads: { defaultFolder: () => options.downloadsFolder ?? defaultDownloadsFolder() },
      ...(options.sync?.intervalMs !== undefined
        ? { syncIntervalMs: options.sync.intervalMs }
        : {}),
      ...(options.sync?.debounceMs !== undefined ? { debounceMs: options.sync.debounceMs } : {}),
      ...(options.sync?.requestTimeoutMs !== undefined
        ? { requestTimeoutMs: options.sync.requestTimeoutMs }
        : {}),
    },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  let app: FastifyInstance | undefined;
  try {
    const profile = ensureLocalProfile(engine, options.displayName ?? defaultDisplayName());
    const { handlers, events } = createAppHandlers(engine, profile);
    const token = options.token ?? randomBytes(32).toString('base64url');
    let port = 0;
    app = buildApp(handlers, createEventStream(events), {
      token,
      port: () => port,
      rendererDir: options.rendererDir ?? RENDERER_DIR,
      logger,
    });
    await app.listen({ host: WEB_HOST, port: options.port ?? 0 });
    port = (app.server.address() as AddressInfo).port;
    const origin = `http://${WEB_HOST}:${port}`;
    const server = app;
    let closed: Promise<void> | undefined;
    return {
      url: `${origin}/?token=${token}`,
      origin,
      host: WEB_HOST,
      port,
      token,
      close: () => (closed ??= server.close().then(() => engine.close())),
    };
  } catch (error) {
    await app?.close();
    await engine.close();
    throw error;
  }
}
