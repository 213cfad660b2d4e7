import type { ReminderDto } from '../../../src-main/shared/contract';
import { startsIn } from '../../lib/reminders';
import { formatTimeRange } from '../../lib/zoned-time';
import { DismissButton } from './DismissButton';
import { JoinButton } from './JoinButton';
import { SnoozeMenu } from './SnoozeMenu';

type Props = { reminder: ReminderDto; now: number; zone: string };

/** One reminder shown on time: "Planning starts in 4 min", with Join, Snooze and Dismiss. */
export function ReminderCard({ reminder, now, zone }: Props) {
  return (
    <article
      className="reminder"
      data-testid="reminder"
      data-meeting-id={reminder.meetingId}
      aria-label={`Reminder: ${reminder.name}`}
    >
      <p className="reminder__text">
        <strong className="reminder__name">{reminder.name}</strong>{' '}
        <span data-testid="reminder-when">{startsIn(reminder, now)}</span>
        <span className="reminder__time">
          {formatTimeRange(reminder.start, reminder.end, zone)}
        </span>
      </p>
      <div className="reminder__actions">
        <JoinButton reminder={reminder} />
        <SnoozeMenu reminder={reminder} now={now} />
        <DismissButton reminder={reminder} />
      </div>
    </article>
  );
}
