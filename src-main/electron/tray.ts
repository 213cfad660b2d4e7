import { Menu, nativeImage, shell, Tray, type NativeImage } from 'electron';
import { safeJoinUrl, trayText } from '../engine/reminders/notification-plan';
import type { ReminderCenter } from '../engine/reminders/reminder-center';

/** A 16×16 calendar glyph drawn in code (BGRA), so the app ships no icon file for it. */
function trayIcon(): NativeImage {
  const size = 16;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const border = x === 1 || x === 14 || y === 2 || y === 14;
      const header = y >= 2 && y <= 5 && x >= 1 && x <= 14;
      const dot = y >= 8 && y <= 11 && x >= 4 && x <= 7;
      if (!(border || header || dot) || x < 1 || x > 14 || y < 2 || y > 14) continue;
      const i = (y * size + x) * 4;
      pixels[i] = 0xd0; // B
      pixels[i + 1] = 0x60; // G
      pixels[i + 2] = 0x30; // R
      pixels[i + 3] = 0xff; // A
    }
  }
  return nativeImage.createFromBitmap(pixels, { width: size, height: size });
}

/**
 * The tray icon: its tooltip and menu show the next meeting, with Join when it has a link. The
 * engine answers what "next" is; this only redraws it when reminders or meetings change.
 */
export function createTray(deps: { reminders: ReminderCenter; showWindow: () => void }) {
  const tray = new Tray(trayIcon());
  tray.on('click', deps.showWindow);

  function refresh(): void {
    const next = deps.reminders.next();
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const label = trayText(next, Date.now(), zone);
    const join = safeJoinUrl(next?.joinUrl ?? null);
    tray.setToolTip(label);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label, enabled: false },
        {
          label: 'Join',
          enabled: join !== null,
          click: () => {
            if (join) void shell.openExternal(join);
          },
        },
        { type: 'separator' },
        { label: 'Open Convene', click: deps.showWindow },
        { role: 'quit' },
      ]),
    );
  }

  refresh();
  // "Starts in N min" goes stale; a minute is as fine as the tooltip shows.
  const timer = setInterval(refresh, 60_000);
  timer.unref();
  return {
    refresh,
    destroy(): void {
      clearInterval(timer);
      tray.destroy();
    },
  };
}
