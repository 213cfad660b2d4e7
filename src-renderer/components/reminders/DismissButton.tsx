import type { ReminderDto } from '../../../src-main/shared/contract';
import { useAppStore } from '../../store/AppStoreProvider';

export function DismissButton({ reminder }: { reminder: ReminderDto }) {
  const dismissReminder = useAppStore((s) => s.dismissReminder);
  return (
    <button
      type="button"
      className="button"
      data-testid="reminder-dismiss"
      aria-label={`Dismiss the reminder for ${reminder.name}`}
      onClick={() => void dismissReminder(reminder.meetingId)}
    >
      Dismiss
    </button>
  );
}
