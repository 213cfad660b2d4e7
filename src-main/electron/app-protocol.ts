import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { APP_SCHEME, contentSecurityPolicy, resolveAppFile } from './security';

/**
 * `app://convene/` serves the built renderer in production instead of `file://`, which would give
 * the page file-system reach and a shared opaque origin. `standard` gives it a real origin (so
 * relative URLs, `'self'` in the CSP and storage work); `secure` makes it a secure context.
 * Registered before `app` is ready.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

export type AppProtocolHandler = (request: Request) => Promise<Response>;

/** The handler itself, separate from registration so it is tested with plain `Request`s. */
export function createAppProtocolHandler(rendererDir: string): AppProtocolHandler {
  const headers = (file: string) => ({
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
  });
  const notFound = () => new Response('Not found', { status: 404 });

  return async (request) => {
    if (request.method !== 'GET') return new Response('Method not allowed', { status: 405 });
    const file = resolveAppFile(rendererDir, request.url);
    if (file === null) return notFound();
    try {
      return new Response(await readFile(file), { status: 200, headers: headers(file) });
    } catch {
      return notFound();
    }
  };
}

export function registerAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
