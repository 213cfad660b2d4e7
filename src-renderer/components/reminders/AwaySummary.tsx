import type { ReminderDto } from '../../../src-main/shared/contract';
import { awaySummary } from '../../lib/reminders';
import { formatDateTime } from '../../lib/zoned-time';
import { useAppStore } from '../../store/AppStoreProvider';
import { DismissButton } from './DismissButton';
import { JoinButton } from './JoinButton';

type Props = { items: ReminderDto[]; now: number; zone: string };

/**
 * Everything that came due while the app was closed or asleep, in one card rather than a card (and
 * a notification) each. A meeting that has ended is marked missed and has nothing to join.
 */
export function AwaySummary({ items, now, zone }: Props) {
  const dismissReminder = useAppStore((s) => s.dismissReminder);
  return (
    <article className="reminder reminder--away" data-testid="reminder-summary">
      <p className="reminder__text">
        <strong>{awaySummary(items, now)}</strong>
      </p>
      <ul className="reminder__list">
        {items.map((r) => (
          <li
            key={r.meetingId}
            className="reminder__item"
            data-testid="reminder-away-item"
            data-meeting-id={r.meetingId}
          >
            <span className="reminder__name">{r.name}</span>
            <span className="reminder__time">{formatDateTime(r.start, zone)}</span>
            {r.missed && (
              <span className="reminder__tag" data-testid="reminder-missed">
                missed
              </span>
            )}
            <span className="spacer" />
            {!r.missed && <JoinButton reminder={r} />}
            <DismissButton reminder={r} />
          </li>
        ))}
      </ul>
      {items.length > 1 && (
        <div className="reminder__actions">
          <button
            type="button"
            className="button"
            data-testid="reminder-dismiss-all"
            onClick={() => {
              for (const r of items) void dismissReminder(r.meetingId);
            }}
          >
            Dismiss all
          </button>
        </div>
      )}
    </article>
  );
}
