import type { ConveneApi } from '../../src-main/shared/contract';
import { createReachability } from './reachability';
import { createWebTransport } from './web-transport';

export { createWebTransport, type WebTransportOptions } from './web-transport';

/** Set by the desktop preload; read once: the preload runs before any page script. */
const preload = typeof window === 'undefined' ? undefined : window.convene;

/**
 * True in a browser tab served by the web shell, false in the desktop app. What differs is what
 * the engine's shell can do for the page: the desktop's main process shows OS notifications
 * itself, while in a tab only the page can (Web Notifications).
 */
export const isWebShell: boolean = preload === undefined;

/**
 * The renderer's one way to the engine (DESIGN.md: one UI, two transports): the desktop preload's
 * `window.convene` when present, otherwise the web shell over HTTP.
 */
/** Whether the web shell answers; always up in the desktop app, whose engine is in-process. */
export const engineReachability = createReachability();

export const api: ConveneApi =
  preload ?? createWebTransport({ onReachability: (up) => engineReachability.report(up) });
