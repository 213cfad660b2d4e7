import type { BrowserWindowConstructorOptions } from 'electron';

export type WindowOptionsInput = {
  /** Absolute path of the bundled preload (`out/preload/index.cjs`). */
  preloadPath: string;
};

/**
 * The main window's options. Pure, so the security-relevant `webPreferences` are asserted by a unit
 * test rather than trusted to a review: the page gets no Node, runs in Chromium's sandbox, and sees
 * only what the preload exposes through the isolated context bridge.
 */
export function createWindowOptions({
  preloadPath,
}: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Convene',
    // Shown on `ready-to-show`, so the user never sees an empty white frame.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // A file dropped on the window would otherwise navigate it to `file://`.
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}
