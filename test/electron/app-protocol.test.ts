import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../src-main/electron/app-protocol';
import { makeTempDir } from '../helpers/temp-dir';

const { dir, cleanup } = makeTempDir();
const renderer = join(dir, 'renderer');
mkdirSync(join(renderer, 'assets'), { recursive: true });
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Convene</title>');
writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(dir, 'secret.txt'), 'not for the page');
afterAll(cleanup);

const handle = createAppProtocolHandler(renderer);
const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// protocol handler', () => {
  it('serves the renderer with its type and the CSP', async () => {
    const page = await get('app://convene/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Convene</title>');

    const script = await get('app://convene/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of [
      'app://convene/..%2Fsecret.txt',
      'app://convene/assets/..%2F..%2Fsecret.txt',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('not for the page');
    }
  });

  it('answers missing files with 404 and other methods with 405', async () => {
    expect((await get('app://convene/nope.js')).status).toBe(404);
    expect((await get('app://convene/assets/')).status).toBe(404);
    expect((await get('app://convene/index.html', 'POST')).status).toBe(405);
  });
});
