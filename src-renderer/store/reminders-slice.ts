import type {
  AppError,
  MeetingId,
  ReminderDto,
  Result,
  SnoozeChoice,
} from '../../src-main/shared/contract';
import type { AlertPermission } from '../lib/web-notifications';
import type { SliceCreator } from './store-types';

export type RemindersSlice = {
  /** The reminders showing now, as the engine last told them (it decides; the window shows). */
  reminders: ReminderDto[];
  /** Unix seconds when the list last changed: "starts in" is never older than the list. */
  remindersAt: number;
  /** Whether this window may show Web Notifications ('unsupported' in the desktop app). */
  notificationPermission: AlertPermission;
  /** The person answered "Not now" to the window's own prompt; it is not shown again. */
  notificationPromptDeclined: boolean;
  /** At startup and after a gap in the pushes. */
  loadReminders: () => Promise<void>;
  /** A `reminders:due` push: the new list, and a notification for what just came due. */
  receiveReminders: (list: ReminderDto[]) => void;
  snoozeReminder: (id: MeetingId, until: SnoozeChoice) => Promise<boolean>;
  dismissReminder: (id: MeetingId) => Promise<boolean>;
  /** From a click only: asks the browser for permission to notify. */
  allowNotifications: () => Promise<void>;
  declineNotifications: () => void;
};

/** "until: that time has already passed" reads better as the sentence alone. */
function reason(error: AppError): string {
  const first = Object.values(error.fields ?? {})[0]?.[0];
  return first ?? error.message;
}

export const createRemindersSlice: SliceCreator<RemindersSlice> =
  ({ api, now, alerts }) =>
  (set, get) => {
    // Counts pushes: an answer asked for before the latest push may be older than it.
    let pushSeq = 0;
    const seconds = () => Math.floor(now() / 1000);

    const apply = (seq: number, result: Result<ReminderDto[]>) => {
      if (result.ok && seq === pushSeq) set({ reminders: result.value, remindersAt: seconds() });
    };

    /** Snooze and dismiss answer with the list still showing; the push says the same, or newer. */
    const act = async (
      id: MeetingId,
      verb: string,
      call: () => Promise<Result<ReminderDto[]>>,
    ): Promise<boolean> => {
      const before = get().reminders;
      // Gone at once, so a second click cannot act on it twice.
      set({ reminders: before.filter((r) => r.meetingId !== id) });
      const seq = pushSeq;
      const result = await call();
      if (result.ok) {
        apply(seq, result);
        return true;
      }
      // Already dismissed or snoozed in another window: it is gone there too, nothing to say.
      if (result.error.code !== 'not_found') {
        get().pushToast({ kind: 'error', message: `Couldn't ${verb}: ${reason(result.error)}` });
      }
      void get().loadReminders();
      return false;
    };

    return {
      reminders: [],
      remindersAt: seconds(),
      notificationPermission: alerts?.permission() ?? 'unsupported',
      notificationPromptDeclined: alerts?.declined() ?? false,

      loadReminders: async () => {
        const seq = pushSeq;
        apply(seq, await api['reminders:list']({}));
      },

      receiveReminders: (list) => {
        pushSeq += 1;
        set({ reminders: list, remindersAt: seconds() });
        alerts?.notify(list, get().displayZone, seconds());
      },

      snoozeReminder: (id, until) =>
        act(id, 'snooze the reminder', () => api['reminders:snooze']({ meetingId: id, until })),

      dismissReminder: (id) =>
        act(id, 'dismiss the reminder', () => api['reminders:dismiss']({ meetingId: id })),

      allowNotifications: async () => {
        if (!alerts) return;
        set({ notificationPermission: await alerts.requestPermission() });
      },

      declineNotifications: () => {
        alerts?.decline();
        set({ notificationPromptDeclined: true });
      },
    };
  };
