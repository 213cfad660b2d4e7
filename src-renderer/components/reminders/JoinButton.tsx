import type { ReminderDto } from '../../../src-main/shared/contract';
import { joinableUrl } from '../../lib/reminders';

/**
 * Opens the meeting's link in a new tab (`noopener`: the call page gets no handle on this window).
 * Absent without an https link: a local meeting has no remote id to put in it yet.
 */
export function JoinButton({ reminder }: { reminder: ReminderDto }) {
  const url = joinableUrl(reminder.joinUrl);
  if (!url) return null;
  return (
    <button
      type="button"
      className="button button--primary"
      data-testid="reminder-join"
      aria-label={`Join ${reminder.name}`}
      onClick={() => window.open(url, '_blank', 'noopener')}
    >
      Join
    </button>
  );
}
