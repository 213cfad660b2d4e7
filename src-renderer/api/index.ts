import type { ConveneApi } from '../../src-main/shared/contract';
import { createWebTransport } from './web-transport';

export { createWebTransport, type WebTransportOptions } from './web-transport';

/**
 * The renderer's one way to the engine (DESIGN.md: one UI, two transports): the desktop preload's
 * `window.convene` when present, otherwise the web shell over HTTP. Checked once, at import: the
 * preload runs before any page script, so the answer never changes during a page's life.
 */
export const api: ConveneApi =
  (typeof window === 'undefined' ? undefined : window.convene) ?? createWebTransport();
