import { Notification, shell } from 'electron';
import type { Handlers, MeetingId, ReminderDto } from '../shared/contract';
import { planNotifications, type PlannedNotification } from '../engine/reminders/notification-plan';

/** Action buttons exist on macOS and Windows only (LIBRARIES.md, "Notifications"). */
const HAS_ACTIONS = process.platform === 'darwin' || process.platform === 'win32';

/**
 * Shows the engine's reminders as OS notifications: Join and Snooze buttons where the OS has
 * them, a click that brings the window to the meeting everywhere. What to show is decided by
 * `planNotifications` (tested in Node); this only hands it to Electron.
 */
export function createReminderNotifications(deps: {
  handlers: Pick<Handlers, 'reminders:snooze'>;
  /** Brings the window forward (and to the meeting). */
  focus: (meetingIds: MeetingId[]) => void;
  onError: (message: string, error: unknown) => void;
}) {
  // Electron drops a notification's handlers when the object is collected: keep them alive.
  const live = new Map<string, Notification>();

  function show(p: PlannedNotification): void {
    live.get(p.tag)?.close();
    const actions = HAS_ACTIONS
      ? [
          ...(p.joinUrl ? [{ type: 'button' as const, text: 'Join' }] : []),
          ...(p.snooze ? [{ type: 'button' as const, text: 'Snooze 5 min' }] : []),
        ]
      : [];
    const n = new Notification({ title: p.title, body: p.body, actions, silent: false });
    n.on('action', (_event, index) => {
      const text = actions[index]?.text;
      if (text === 'Join' && p.joinUrl) {
        shell.openExternal(p.joinUrl).catch((error: unknown) => deps.onError('join failed', error));
      } else if (text === 'Snooze 5 min' && p.meetingIds[0] !== undefined) {
        void deps.handlers['reminders:snooze']({ meetingId: p.meetingIds[0], until: '5min' });
      }
    });
    n.on('click', () => deps.focus(p.meetingIds));
    n.on('close', () => live.delete(p.tag));
    n.on('failed', (_event, error) => deps.onError('notification failed', error));
    live.set(p.tag, n);
    n.show();
  }

  return {
    show(list: readonly ReminderDto[]): void {
      if (!Notification.isSupported()) return;
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      for (const p of planNotifications(list, Date.now(), zone)) show(p);
    },
  };
}
