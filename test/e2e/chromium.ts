import { chromium, type Browser } from 'playwright';

/** Debian's Chromium (DESIGN.md): Playwright's own browser download does not work here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * `--no-sandbox` because tests run as root; the rest keep the browser from calling home, which
 * would only add noise and delays on a machine without that network.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
