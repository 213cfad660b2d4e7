import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rendererContentSecurityPolicy } from '../shared/content-security-policy';
import type { ErrorCode } from '../shared/contract';

/** Scripted clients (tests, curl) send the launch token in this header instead of the cookie. */
export const TOKEN_HEADER = 'x-convene-token';

export const CONTENT_SECURITY_POLICY = rendererContentSecurityPolicy();

/** On every answer, refusals included. `no-store` keeps the tokened page out of caches. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  // Stops other local pages from embedding our responses with <script>/<img> (no-cors requests).
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

export type GuardOptions = {
  token: string;
  /** Known only once the server listens; every check reads it then. */
  port: () => number;
};

export const isApiPath = (url: string) => url === '/api' || url.startsWith('/api/');

/** Browsers share cookies across ports of one host: the name carries the port so launches don't clash. */
export const cookieNameFor = (port: number) => `convene_token_${port}`;

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant-time on equal-length digests, so neither the token nor its length leaks through timing. */
function sameToken(candidate: string | undefined, token: string): boolean {
  return candidate !== undefined && timingSafeEqual(digest(candidate), digest(token));
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** API callers get the contract's error shape; a person at the address bar gets a sentence. */
export function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
): FastifyReply {
  reply.code(status);
  if (isApiPath(request.url)) return reply.send({ ok: false, error: { code, message } });
  return reply.type('text/plain; charset=utf-8').send(`Convene web shell: ${message}\n`);
}

/**
 * The web shell's door (DESIGN.md, web shell): loopback-only `Host` (DNS rebinding), same-origin
 * `Origin` (other local pages), and the per-launch token from the printed URL (other local users and
 * processes). The URL token is traded once for an HttpOnly SameSite=Strict cookie, then stripped.
 */
export function registerGuard(app: FastifyInstance, options: GuardOptions): void {
  const { token } = options;

  // Callback-style hook: replying without calling done() ends the request here.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(SECURITY_HEADERS);
    const port = options.port();
    const local = [`127.0.0.1:${port}`, `localhost:${port}`];

    const host = request.headers.host?.toLowerCase();
    if (host === undefined || !local.includes(host)) {
      refuse(request, reply, 403, 'forbidden', 'this address is served to 127.0.0.1 only');
      return;
    }
    const origin = request.headers.origin?.toLowerCase();
    if (origin !== undefined && !local.some((h) => origin === `http://${h}`)) {
      refuse(request, reply, 403, 'forbidden', 'requests from other origins are refused');
      return;
    }
    // Origin is absent on same-origin GETs; Sec-Fetch-Site still tells a cross-site one apart.
    const site = single(request.headers['sec-fetch-site']);
    if (isApiPath(request.url) && (site === 'cross-site' || site === 'same-site')) {
      refuse(request, reply, 403, 'forbidden', 'requests from other sites are refused');
      return;
    }

    const cookie = cookieNameFor(port);
    const url = new URL(request.url, `http://${host}`);
    const fromUrl = url.searchParams.get('token');
    if (fromUrl !== null && !isApiPath(url.pathname) && request.method === 'GET') {
      if (!sameToken(fromUrl, token)) {
        refuse(request, reply, 401, 'forbidden', 'this link is from another launch');
        return;
      }
      url.searchParams.delete('token');
      // Session cookie (no Max-Age): the token dies with the launch anyway.
      void reply.header('set-cookie', `${cookie}=${token}; Path=/; HttpOnly; SameSite=Strict`);
      // One leading slash only: `//host` in Location would leave for another site.
      void reply.redirect(`/${url.pathname.replace(/^\/+/, '')}${url.search}`, 303);
      return;
    }

    const presented =
      single(request.headers[TOKEN_HEADER]) ?? cookieValue(request.headers.cookie, cookie);
    if (!sameToken(presented, token)) {
      refuse(
        request,
        reply,
        401,
        'forbidden',
        'open the URL that `npm run web` printed; it carries this launch’s token',
      );
      return;
    }
    done();
  });
}
