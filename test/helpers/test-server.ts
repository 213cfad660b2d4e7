import type { FastifyInstance } from 'fastify';
import type { EngineOptions } from '../../src-main/engine/engine';
import { buildServer } from '../../src-main/server/build-server';
import { openTestEngine, TEST_APP, type TestEngine } from './test-engine';

export type TestServer = TestEngine & {
  app: FastifyInstance;
  url: string;
  stop: () => Promise<void>;
};

/** The real server on 127.0.0.1 with an OS-chosen port, over a temp-file engine and a fake clock. */
export async function startTestServer(
  options: Partial<EngineOptions> = {},
  /** Hooks must be added before the server listens (e.g. to record what reaches it). */
  beforeListen?: (app: FastifyInstance) => void,
): Promise<TestServer> {
  const t = openTestEngine(options);
  const app = await buildServer(t.engine);
  beforeListen?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('server has no address');
  const url = `http://127.0.0.1:${address.port}`;
  t.engine.setPublicUrl(url);
  return {
    ...t,
    app,
    url,
    stop: async () => {
      await app.close();
      t.close();
    },
  };
}

type Json = Record<string, unknown> | unknown[] | null;

/** A small client for the REST API: JSON in, `{status, body}` out, never throws on HTTP errors. */
export function apiClient(url: string) {
  let token: string | undefined;
  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(url + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { 'CB-Token': token } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
    const text = await response.text();
    const json = text === '' ? null : (JSON.parse(text) as Json);
    return { status: response.status, body: json as any, headers: response.headers };
  }
  return {
    call,
    setToken(value: string | undefined) {
      token = value;
    },
    get token() {
      return token;
    },
    /** Creates a user session (signing the login up on the fly) and uses its token from now on. */
    async signIn(login: string, password = 'secret123') {
      const r = await call('POST', '/session.json', {
        application_id: TEST_APP.id,
        auth_key: TEST_APP.authKey,
        user: { login, password },
      });
      if (r.status !== 201)
        throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
      token = r.body.session.token as string;
      return r.body.session as { user_id: number; token: string };
    },
  };
}
