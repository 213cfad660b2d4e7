import { resolve, sep } from 'node:path';
import type { Session, WebContents } from 'electron';
import { rendererContentSecurityPolicy } from '../shared/content-security-policy';

/**
 * The desktop security rules (DESIGN.md, "Security rules (desktop)") in one place. The decisions are
 * pure functions over strings so they are tested in plain Node; the two `harden*` functions at the
 * bottom only wire them to Electron objects (type imports only: this file never loads electron).
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'convene';
/** The renderer's entry in production, served by our protocol handler (never `file://`). */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The electron-vite dev server URL, only in an unpackaged app and only on loopback: a packaged app
 * must never load its UI from an address that an environment variable can point elsewhere.
 */
export function devServerUrlFrom(
  value: string | undefined,
  isPackaged: boolean,
): string | undefined {
  if (isPackaged || value === undefined) return undefined;
  const url = parseUrl(value);
  if (!url || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return url.href;
}

/**
 * True for our own pages: `app://convene/...`, or the dev server in dev. Compared by scheme and host
 * because WHATWG `URL.origin` is `"null"` for a custom scheme.
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  const dev = devServerUrl === undefined ? null : parseUrl(devServerUrl);
  return dev !== null && parsed.protocol === dev.protocol && parsed.host === dev.host;
}

/** Only web links and mail addresses leave the app; `file:`, `javascript:`, custom schemes never do. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.protocol === 'https:' || parsed.protocol === 'mailto:');
}

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** The window stays on our pages; a clicked https:/mailto: link opens in the OS, anything else is dropped. */
export function decideNavigation(url: string, devServerUrl?: string): NavigationDecision {
  if (isAppUrl(url, devServerUrl)) return 'allow';
  return isSafeExternalUrl(url) ? 'open-external' : 'deny';
}

/**
 * Permissions the renderer may use: none. Meeting reminders are shown by the main process through
 * Electron's `Notification`, which needs no web permission, so `notifications` stays denied too.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

export type SenderInfo = {
  /** The message came from the web contents of our one window. */
  fromAppWindow: boolean;
  /** ...and from its top frame, not an iframe (VS Code's rule). */
  isMainFrame: boolean;
  /** The sending frame's URL; null when the frame is already gone. */
  frameUrl: string | null;
};

/** Every IPC request must come from our window's main frame showing our own page. */
export function isTrustedSender(sender: SenderInfo, devServerUrl?: string): boolean {
  return (
    sender.fromAppWindow &&
    sender.isMainFrame &&
    sender.frameUrl !== null &&
    isAppUrl(sender.frameUrl, devServerUrl)
  );
}

/**
 * Maps an `app://convene/...` request to a file under `rootDir`, or null. `..` segments, including
 * percent-encoded ones that only appear after decoding, are refused by checking the resolved path is
 * still inside the root.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  const url = parseUrl(requestUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // NUL and backslashes are never in our asset names; refusing them keeps Windows paths honest.
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '' || path.endsWith('/')) path += 'index.html';
  const root = resolve(rootDir);
  const file = resolve(root, `.${path.startsWith('/') ? path : `/${path}`}`);
  return file.startsWith(root + sep) ? file : null;
}

/** The renderer's CSP (shared with the web shell); the dev server's host loosens it for HMR only. */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const dev = devServerUrl === undefined ? null : parseUrl(devServerUrl);
  return rendererContentSecurityPolicy(dev?.host);
}

export type HardenOptions = {
  devServerUrl?: string;
  /** `shell.openExternal`; only ever called with a URL `isSafeExternalUrl` accepted. */
  openExternal: (url: string) => Promise<void>;
  onError?: (message: string, error: unknown) => void;
};

/** Applied to every web contents the app creates (`app.on('web-contents-created')`). */
export function hardenWebContents(contents: WebContents, options: HardenOptions): void {
  const openOutside = (url: string) => {
    if (!isSafeExternalUrl(url)) return;
    options.openExternal(url).catch((error: unknown) => options.onError?.('openExternal', error));
  };

  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, options.devServerUrl);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') openOutside(event.url);
  });
  // The CSP allows no frames; should one appear anyway, it may not go anywhere.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, options.devServerUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** Permissions denied by default and the CSP set as a response header on our pages. */
export function hardenSession(session: Session, devServerUrl?: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(isPermissionAllowed(permission));
  });
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  session.setDevicePermissionHandler(() => false);

  const csp = contentSecurityPolicy(devServerUrl);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, devServerUrl)) {
      callback({});
      return;
    }
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
    });
  });
}
