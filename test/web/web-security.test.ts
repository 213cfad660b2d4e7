import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieNameFor } from '../../src-main/web/guard';
import { FAKE_INDEX, FAKE_SCRIPT, raw, startTestShell, type TestShell } from './web-test-shell';

let shell: TestShell;
let cookie: string;
beforeAll(async () => {
  shell = await startTestShell();
  cookie = `${cookieNameFor(shell.port)}=${shell.token}`;
});
afterAll(() => shell.stop());

const json = { 'content-type': 'application/json' };
const post = (headers: Record<string, string>) =>
  raw(shell.port, '/api/profile:get', {
    method: 'POST',
    headers: { ...json, ...headers },
    body: '{}',
  });

describe('the token', () => {
  it('is required: a request without it gets 401, on the API and on the page', async () => {
    const api = await post({});
    expect(api.status).toBe(401);
    expect(api.json).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await raw(shell.port, '/')).status).toBe(401);
    expect((await raw(shell.port, '/assets/app.js')).status).toBe(401);
    expect((await raw(shell.port, '/api/events')).status).toBe(401);
    expect((await raw(shell.port, '/no/such/page')).status).toBe(401);
  });

  it('must be this launch’s: a wrong token gets 401 in the header, the cookie or the URL', async () => {
    const wrong = `${shell.token.slice(0, -1)}${shell.token.endsWith('A') ? 'B' : 'A'}`;
    expect((await post({ 'x-convene-token': wrong })).status).toBe(401);
    expect((await post({ cookie: `${cookieNameFor(shell.port)}=${wrong}` })).status).toBe(401);
    // Another port's cookie is another launch's.
    expect((await post({ cookie: `${cookieNameFor(shell.port + 1)}=${shell.token}` })).status).toBe(
      401,
    );
    const link = await raw(shell.port, `/?token=${wrong}`);
    expect(link.status).toBe(401);
    expect(link.headers['set-cookie']).toBeUndefined();
  });

  it('is accepted in the X-Convene-Token header and in the cookie', async () => {
    expect((await post({ 'x-convene-token': shell.token })).json).toMatchObject({ ok: true });
    expect((await post({ cookie: `other=1; ${cookie}` })).json).toMatchObject({ ok: true });
  });

  it('in the URL is traded for an HttpOnly SameSite=Strict cookie and a redirect without it', async () => {
    const r = await raw(shell.port, `/?token=${shell.token}&view=week`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/?view=week');
    expect(r.headers['set-cookie']).toEqual([
      `${cookieNameFor(shell.port)}=${shell.token}; Path=/; HttpOnly; SameSite=Strict`,
    ]);
    const page = await raw(shell.port, '/?view=week', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toBe(FAKE_INDEX);
  });

  it('never redirects off the site, whatever the path looks like', async () => {
    const r = await raw(shell.port, `/.//evil.example/?token=${shell.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/evil.example/');
  });
});

describe('Host and Origin', () => {
  it('refuses a foreign Host with 403, even with the right token (DNS rebinding)', async () => {
    for (const host of [
      `evil.example:${shell.port}`,
      `127.0.0.1.evil.example:${shell.port}`,
      `127.0.0.1:${shell.port + 1}`,
      '127.0.0.1',
    ]) {
      const r = await post({ host, 'x-convene-token': shell.token });
      expect(r.status, host).toBe(403);
    }
    const page = await raw(shell.port, `/?token=${shell.token}`, {
      headers: { host: `evil.example:${shell.port}` },
    });
    expect(page.status).toBe(403);
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('accepts localhost:PORT as well as 127.0.0.1:PORT', async () => {
    const r = await post({ host: `localhost:${shell.port}`, 'x-convene-token': shell.token });
    expect(r.json).toMatchObject({ ok: true });
  });

  it('refuses a foreign Origin with 403, even with the right token', async () => {
    for (const origin of [
      'https://evil.example',
      `http://127.0.0.1:${shell.port + 1}`,
      `https://127.0.0.1:${shell.port}`,
      'null',
    ]) {
      const r = await post({ origin, 'x-convene-token': shell.token });
      expect(r.status, origin).toBe(403);
    }
    const same = await post({ origin: `http://127.0.0.1:${shell.port}`, cookie });
    expect(same.json).toMatchObject({ ok: true });
  });

  it('refuses API requests a browser marks as cross-site', async () => {
    const r = await post({ 'sec-fetch-site': 'cross-site', cookie });
    expect(r.status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-origin', cookie })).status).toBe(200);
  });

  it('answers a CORS preflight without any Access-Control header', async () => {
    const r = await raw(shell.port, '/api/profile:get', {
      method: 'OPTIONS',
      headers: {
        cookie,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });
});

describe('what the page is served with', () => {
  it('sends a strict CSP, nosniff and no-store on the page', async () => {
    const r = await raw(shell.port, '/', { headers: { cookie } });
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = r.headers['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with their type and keeps every path inside the renderer folder', async () => {
    const asset = await raw(shell.port, '/assets/app.js', { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.body).toBe(FAKE_SCRIPT);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    for (const path of ['/../convene.db', '/assets/..%2f..%2fconvene.db', '/%2e%2e/convene.db']) {
      expect((await raw(shell.port, path, { headers: { cookie } })).status, path).toBe(404);
    }
  });

  it('says how to build the renderer when it is missing', async () => {
    const bare = await startTestShell();
    try {
      rmSync(join(bare.dir, 'renderer'), { recursive: true });
      const r = await raw(bare.port, '/', {
        headers: { cookie: `${cookieNameFor(bare.port)}=${bare.token}` },
      });
      expect(r.status).toBe(503);
      expect(r.body).toContain('run `npm run build` first');
    } finally {
      await bare.stop();
    }
  });
});

describe('the listening socket', () => {
  it('is bound to 127.0.0.1 only', async () => {
    expect(shell.host).toBe('127.0.0.1');
    expect(shell.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${shell.port}/\\?token=`));
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const address of ['::1', ...others]) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: shell.port });
        socket.on('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      expect(reached, address).toBe(false);
    }
  });
});
