import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { isApiPath, refuse } from './guard';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export const NOT_BUILT_MESSAGE =
  'the renderer is not built (out/renderer/index.html is missing): run `npm run build` first, then reload';

/** A request path to a file strictly inside `root`, or undefined for anything that escapes it. */
export function fileInside(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  return file.startsWith(root + sep) ? file : undefined;
}

/**
 * Serves the built renderer (electron-vite's `out/renderer`). Checked per request, not at start, so
 * `npm run build` while the shell runs is picked up by a reload. Vite names assets by content hash,
 * so those may be cached; everything else keeps the guard's `no-store`.
 */
export function registerStaticFiles(app: FastifyInstance, rendererDir: string): void {
  const root = resolve(rendererDir);

  app.get('/*', async (request, reply) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    if (isApiPath(pathname)) {
      return refuse(request, reply, 404, 'not_found', `no route for GET ${pathname}`);
    }
    if (!existsSync(join(root, 'index.html'))) {
      return refuse(request, reply, 503, 'unavailable', NOT_BUILT_MESSAGE);
    }
    const file = fileInside(root, pathname);
    const info = file === undefined ? undefined : await stat(file).catch(() => undefined);
    // Browsers ask for /favicon.ico unprompted; the renderer has none, and a 404 would be logged.
    if (pathname === '/favicon.ico' && !info?.isFile()) return reply.code(204).send();
    if (file === undefined || !info?.isFile()) {
      return refuse(request, reply, 404, 'not_found', `no such file: ${pathname}`);
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (pathname.startsWith('/assets/')) {
      void reply.header('cache-control', 'private, max-age=31536000, immutable');
    }
    return reply.type(type).send(await readFile(file));
  });
}
