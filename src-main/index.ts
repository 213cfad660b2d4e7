import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppHandlers } from './engine/app/app-handlers';
import { ensureLocalProfile } from './engine/app/local-profile';
import { createEngine, type Engine, type Logger } from './engine/engine';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './electron/app-protocol';
import { forwardEvents, registerIpcHandlers, senderInfo } from './electron/ipc';
import { databasePath, preloadPath, rendererDir, sqliteBindingPath } from './electron/paths';
import {
  APP_ENTRY_URL,
  devServerUrlFrom,
  hardenSession,
  hardenWebContents,
  isTrustedSender,
} from './electron/security';
import { createReminderNotifications } from './electron/reminder-notifications';
import { createSafeStorageSecrets } from './electron/safe-storage-secrets';
import { createTray } from './electron/tray';
import { createWindowOptions } from './electron/window-options';

// The Electron main process: opens the engine, carries the contract over IPC, and applies the
// security rules. Behaviour lives in the engine; this file only wires Electron to it.

const mainDir = dirname(fileURLToPath(import.meta.url));
const devServerUrl = devServerUrlFrom(process.env['ELECTRON_RENDERER_URL'], app.isPackaged);

const logger: Logger = {
  info: (message, fields) => {
    console.info(message, fields ?? '');
  },
  warn: (message, fields) => {
    console.warn(message, fields ?? '');
  },
  error: (message, fields) => {
    console.error(message, fields ?? '');
  },
};

// Both must happen before `ready`: privileged schemes cannot be registered later, and the sandbox
// switch applies to every renderer the app will ever create.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();
// Windows shows an app's notifications only under its AppUserModelID (electron-builder's appId).
if (process.platform === 'win32') app.setAppUserModelId('app.convene.desktop');

function fail(title: string, error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  logger.error(title, { error: error instanceof Error ? error.stack : detail });
  dialog.showErrorBox(title, detail);
  app.exit(1);
}

function localDisplayName(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): the profile falls back to a neutral name.
    return 'Me';
  }
}

function openEngine(): Engine {
  const nativeBinding = sqliteBindingPath({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
  });
  if (!existsSync(nativeBinding)) {
    throw new Error(
      `SQLite for Electron is missing (${nativeBinding}). Run "npm run rebuild:electron" and start again.`,
    );
  }
  return createEngine({
    databasePath: databasePath(app.getPath('userData')),
    application: { id: 1 },
    logger,
    nativeBinding,
    role: 'client',
    client: {
      secrets: createSafeStorageSecrets(safeStorage),
      downloads: {
        defaultFolder: () => app.getPath('downloads'),
        // The engine hands over only the final path of one of its own finished jobs.
        reveal: (path) => shell.showItemInFolder(path),
      },
    },
  });
}

/**
 * Power and network coming back are the moments a sync is most likely to succeed, and the moment
 * reminders that came due while the machine slept are shown (as one summary).
 */
function wakeOnResume(engine: Engine): void {
  const wake = () => {
    engine.reminders?.resume();
    engine.sync?.worker.wake();
  };
  powerMonitor.on('resume', wake);
  powerMonitor.on('unlock-screen', wake);
  let online = net.isOnline();
  setInterval(() => {
    const now = net.isOnline();
    if (now && !online) engine.sync?.worker.wake();
    online = now;
  }, 15_000).unref();
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(createWindowOptions({ preloadPath: preloadPath(mainDir) }));
  window.once('ready-to-show', () => {
    window.show();
  });
  window.loadURL(devServerUrl ?? APP_ENTRY_URL).catch((error: unknown) => {
    fail('Convene could not load its window', error);
  });
  return window;
}

function start(): void {
  let window: BrowserWindow | null = null;

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      devServerUrl,
      openExternal: (url) => shell.openExternal(url),
      onError: (message, error) => {
        logger.warn(message, { error: String(error) });
      },
    });
  });

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  const ready = () => {
    const engine = openEngine();
    const profile = ensureLocalProfile(engine, localDisplayName());
    const { handlers, events } = createAppHandlers(engine, profile);
    wakeOnResume(engine);

    hardenSession(session.defaultSession, devServerUrl);
    registerAppProtocol(protocol, rendererDir(mainDir));
    registerIpcHandlers(
      ipcMain,
      handlers,
      (event) => {
        const appContentsId = window && !window.isDestroyed() ? window.webContents.id : null;
        return isTrustedSender(senderInfo(event, appContentsId), devServerUrl);
      },
      (message, error) => {
        logger.error(message, { error: error instanceof Error ? error.stack : String(error) });
      },
    );
    forwardEvents(events, (name, payload) => {
      if (window && !window.isDestroyed()) window.webContents.send(name, payload);
    });

    const showWindow = () => {
      if (!window || window.isDestroyed()) window = createMainWindow();
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    };
    const notifications = createReminderNotifications({
      handlers,
      focus: showWindow,
      onError: (message, error) => {
        logger.warn(message, { error: String(error) });
      },
    });
    events.on('reminders:due', (list) => {
      notifications.show(list);
    });
    if (engine.reminders) {
      const tray = createTray({ reminders: engine.reminders, showWindow });
      events.on('reminders:due', tray.refresh);
      events.on('meetings:changed', tray.refresh);
      app.on('will-quit', () => {
        tray.destroy();
      });
    }

    window = createMainWindow();
    app.on('activate', () => {
      // macOS: clicking the dock icon with no window open brings one back.
      if (!window || window.isDestroyed()) window = createMainWindow();
    });
    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit();
    });
    app.on('will-quit', (event) => {
      // Let the sync pass in flight end (its requests are aborted) before the database closes.
      if (!engine.sync?.worker.busy()) {
        void engine.close();
        return;
      }
      event.preventDefault();
      void engine.close().finally(() => app.quit());
    });
  };

  app
    .whenReady()
    .then(ready)
    .catch((error: unknown) => {
      fail('Convene could not start', error);
    });
}

// One process owns the database and the window; a second launch focuses the first one instead.
if (app.requestSingleInstanceLock()) start();
else app.quit();
