import { describe, expect, it } from 'vitest';
import { createWindowOptions } from '../../src-main/electron/window-options';
import { preloadPath } from '../../src-main/electron/paths';

describe('main window options', () => {
  const preload = preloadPath('/app/out/main');
  const { webPreferences } = createWindowOptions({ preloadPath: preload });

  it('isolates and sandboxes the page, with no Node and no webviews', () => {
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('loads the bundled CommonJS preload that sits beside the main bundle', () => {
    expect(preload).toBe('/app/out/preload/index.cjs');
    expect(webPreferences?.preload).toBe(preload);
  });
});
