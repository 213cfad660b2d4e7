import type { ReminderDto } from '../../src-main/shared/contract';
import { awaySummary } from './reminders';
import { formatTime } from './zoned-time';

/**
 * Web Notifications for the web shell (DESIGN.md: the engine decides, the shell only shows). In the
 * desktop app the main process shows OS notifications itself, so main.tsx only creates these in a
 * browser tab; without `window.Notification` (an old or locked-down browser) everything is a no-op.
 */

/**
 * The part of the DOM's `Notification` used here, written out because the store (and so this
 * module) is also compiled for Node in the unit tests, where the DOM types do not exist.
 */
type Permission = 'default' | 'granted' | 'denied';
export type AlertPermission = Permission | 'unsupported';
export type NotificationLike = {
  addEventListener(type: 'click', listener: () => void): void;
  close(): void;
};
export type NotificationConstructor = {
  readonly permission: Permission;
  requestPermission(): Promise<Permission>;
  new (title: string, options: { body: string; tag: string }): NotificationLike;
};

export type PlannedNotification = { title: string; body: string; tag: string };

/** The same tag for the same meeting: a repeat (after a snooze) replaces the old one. */
export const reminderTag = (r: Pick<ReminderDto, 'meetingId'>) => `convene-reminder-${r.meetingId}`;
export const CATCH_UP_TAG = 'convene-catch-up';

const MAX_NAMES = 5;

/**
 * What to show for one `reminders:due` push (`now` in Unix seconds): one notification per reminder
 * that just came due on time, one for everything that came due while the app was away, and nothing
 * for missed meetings (they ended already: listed in the window, never announced) or for reminders
 * notified before (`fresh` is false: the engine notifies each once).
 */
export function planNotifications(
  list: readonly ReminderDto[],
  zone: string,
  now: number,
): PlannedNotification[] {
  const fresh = list.filter((r) => r.fresh && !r.missed);
  const planned: PlannedNotification[] = fresh
    .filter((r) => !r.catchUp)
    .map((r) => ({
      title: r.name,
      body: `${r.start > now ? 'starts' : 'started'} at ${formatTime(r.start, zone)}`,
      tag: reminderTag(r),
    }));
  const away = fresh.filter((r) => r.catchUp);
  if (away.length > 0) {
    const names = away.slice(0, MAX_NAMES).map((r) => r.name);
    if (away.length > MAX_NAMES) names.push(`and ${away.length - MAX_NAMES} more`);
    planned.push({ title: awaySummary(away, now), body: names.join(', '), tag: CATCH_UP_TAG });
  }
  return planned;
}

/** What the alerts need from the browser, injected so tests can pass fakes. */
export type WebAlertsEnv = {
  Notification: NotificationConstructor | undefined;
  /** Brings the window forward when a notification is clicked. */
  focus: () => void;
  /** Where "Not now" is remembered; absent or throwing (private mode): asked again next launch. */
  storage:
    { getItem(key: string): string | null; setItem(key: string, value: string): void } | undefined;
};

export type WebAlerts = {
  permission(): AlertPermission;
  /** Asks the browser; call only from a click (browsers ignore or penalise asking unprompted). */
  requestPermission(): Promise<AlertPermission>;
  /** The person answered "Not now" to our own prompt (the browser was never asked). */
  declined(): boolean;
  decline(): void;
  /** Shows what `planNotifications` plans, when permission is granted; returns how many. */
  notify(list: readonly ReminderDto[], zone: string, now: number): number;
};

const DECLINED_KEY = 'convene.notifications.declined.v1';

export function createWebAlerts(env: WebAlertsEnv): WebAlerts {
  const { Notification: N, storage } = env;
  return {
    permission: () => (N ? N.permission : 'unsupported'),
    requestPermission: async () => {
      if (!N) return 'unsupported';
      try {
        return await N.requestPermission();
      } catch {
        return N.permission; // a browser that refuses to ask (e.g. in an insecure context)
      }
    },
    declined: () => {
      try {
        return storage?.getItem(DECLINED_KEY) === '1';
      } catch {
        return false;
      }
    },
    decline: () => {
      try {
        storage?.setItem(DECLINED_KEY, '1');
      } catch {
        // Storage disabled: the prompt comes back next launch, which is the lesser evil.
      }
    },
    notify: (list, zone, now) => {
      if (N?.permission !== 'granted') return 0;
      const planned = planNotifications(list, zone, now);
      for (const p of planned) {
        try {
          const n = new N(p.title, { body: p.body, tag: p.tag });
          n.addEventListener('click', () => {
            env.focus();
            n.close();
          });
        } catch {
          // Some browsers allow notifications only from a service worker: the banner still shows.
        }
      }
      return planned.length;
    },
  };
}
