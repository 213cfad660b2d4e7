import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  contentSecurityPolicy,
  decideNavigation,
  devServerUrlFrom,
  isAppUrl,
  isPermissionAllowed,
  isSafeExternalUrl,
  isTrustedSender,
  resolveAppFile,
} from '../../src-main/electron/security';

const DEV = 'http://localhost:5173/';

describe('navigation', () => {
  it('stays on our own pages', () => {
    expect(decideNavigation(APP_ENTRY_URL)).toBe('allow');
    expect(decideNavigation('app://convene/#/week')).toBe('allow');
  });

  it('sends https and mailto links to the OS and drops everything else', () => {
    expect(decideNavigation('https://meet.example.com/join/1')).toBe('open-external');
    expect(decideNavigation('mailto:pat@example.com')).toBe('open-external');
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://other/index.html',
      'smb://host/share',
      'not a url',
    ]) {
      expect(decideNavigation(url), url).toBe('deny');
    }
  });

  it('allows the dev server only when one is configured', () => {
    expect(isAppUrl('http://localhost:5173/src/main.tsx')).toBe(false);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
  });

  it('takes the dev server URL only unpackaged and on loopback', () => {
    expect(devServerUrlFrom(DEV, false)).toBe(DEV);
    expect(devServerUrlFrom(DEV, true)).toBeUndefined();
    expect(devServerUrlFrom('http://evil.example.com:5173/', false)).toBeUndefined();
    expect(devServerUrlFrom('file:///tmp/index.html', false)).toBeUndefined();
    expect(devServerUrlFrom(undefined, false)).toBeUndefined();
  });
});

describe('openExternal allow-list', () => {
  it('is https: and mailto: only', () => {
    expect(isSafeExternalUrl('https://example.com/')).toBe(true);
    expect(isSafeExternalUrl('mailto:a@example.com')).toBe(true);
    for (const url of ['http://example.com/', 'file:///bin/sh', 'ms-settings:', 'ftp://x', '']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('permissions', () => {
  it('denies every permission by default', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'unknown']) {
      expect(isPermissionAllowed(permission), permission).toBe(false);
    }
  });
});

describe('IPC sender validation', () => {
  const ours = { fromAppWindow: true, isMainFrame: true, frameUrl: APP_ENTRY_URL };

  it('trusts only our window main frame on our origin', () => {
    expect(isTrustedSender(ours)).toBe(true);
    expect(isTrustedSender({ ...ours, fromAppWindow: false })).toBe(false);
    expect(isTrustedSender({ ...ours, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: null })).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'https://example.com/' })).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'file:///app/out/renderer/index.html' })).toBe(
      false,
    );
  });

  it('trusts the dev server page only in dev', () => {
    const dev = { ...ours, frameUrl: DEV };
    expect(isTrustedSender(dev)).toBe(false);
    expect(isTrustedSender(dev, DEV)).toBe(true);
  });
});

describe('app protocol path resolution', () => {
  const root = '/app/out/renderer';

  it('maps our URLs to files under the renderer folder', () => {
    expect(resolveAppFile(root, 'app://convene/')).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://convene/index.html')).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://convene/assets/a%20b.js?v=1#x')).toBe(
      `${root}/assets/a b.js`,
    );
  });

  it('refuses traversal, other hosts and malformed paths', () => {
    for (const url of [
      'app://convene/..%2F..%2Fetc%2Fpasswd',
      'app://convene/assets/..%2F..%2F..%2Fmain%2Findex.js',
      'app://convene/assets/%2e%2e%2f%2e%2e%2fsecret',
      'app://convene/..%5C..%5Cwindows',
      'app://convene/%00.html',
      'app://convene/%E0%A4%A',
      'app://other/index.html',
      'file:///app/out/renderer/index.html',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('keeps dot segments the URL parser already collapsed inside the root', () => {
    expect(resolveAppFile(root, 'app://convene/../../etc/passwd')).toBe(`${root}/etc/passwd`);
    expect(resolveAppFile(root, 'app://convene/%2e%2e/%2e%2e/etc/passwd')).toBe(
      `${root}/etc/passwd`,
    );
  });
});

describe('content security policy', () => {
  it('allows only our own scripts and no plugins, frames or foreign forms', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval/);
  });

  it('loosens only for the dev server (React refresh preamble, HMR socket)', () => {
    const csp = contentSecurityPolicy(DEV);
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self' ws://localhost:5173");
  });
});
