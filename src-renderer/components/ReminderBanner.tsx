import { useShallow } from 'zustand/react/shallow';
import { useNowSeconds } from '../hooks/use-now';
import { groupReminders } from '../lib/reminders';
import { useAppStore } from '../store/AppStoreProvider';
import { AwaySummary } from './reminders/AwaySummary';
import { NotificationPrompt } from './reminders/NotificationPrompt';
import { ReminderCard } from './reminders/ReminderCard';

/** "starts in 4 min" moves on by itself; a quarter-minute is close enough for whole minutes. */
const REFRESH_MS = 15_000;

/**
 * The reminders showing now, above the calendar. A polite live region: a reminder coming due is
 * read out when the reader is idle, and nothing here ever takes focus from what the person is doing.
 */
export function ReminderBanner() {
  const { reminders, listedAt, zone } = useAppStore(
    useShallow((s) => ({ reminders: s.reminders, listedAt: s.remindersAt, zone: s.displayZone })),
  );
  // Never older than the list itself: a reminder that just arrived reads right at once.
  const now = Math.max(useNowSeconds(REFRESH_MS), listedAt);
  const { onTime, away } = groupReminders(reminders);
  return (
    <section
      className="reminders"
      role="region"
      aria-label="Reminders"
      aria-live="polite"
      data-testid="reminders"
    >
      <NotificationPrompt />
      {onTime.map((r) => (
        <ReminderCard key={r.meetingId} reminder={r} now={now} zone={zone} />
      ))}
      {away.length > 0 && <AwaySummary items={away} now={now} zone={zone} />}
    </section>
  );
}
