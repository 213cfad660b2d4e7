/**
 * The renderer's Content-Security-Policy, one definition for both shells (the Electron window and
 * the web shell). The built renderer needs nothing inline: Vite emits module scripts and CSS files,
 * FullCalendar v7 ships CSS files, and React sets `style` props through the CSSOM, which CSP does
 * not govern. Only Vite's dev server needs more: its React refresh preamble is an inline script,
 * it injects CSS as inline <style>, and HMR talks over a websocket to `devServerHost`.
 */
export function rendererContentSecurityPolicy(devServerHost?: string): string {
  const dev = devServerHost !== undefined;
  return [
    "default-src 'none'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    dev ? `connect-src 'self' ws://${devServerHost}` : "connect-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
