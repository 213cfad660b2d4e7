import type { MeetingDto } from '../../src-main/shared/contract';
import { formatTimeRange, zoneCity } from '../lib/zoned-time';
import { EventSyncChip } from './SyncChip';

type Props = {
  meeting: MeetingDto;
  timeText: string;
  displayZone: string;
  /** The list view: rows with room for the sync state in words. */
  listView: boolean;
  /** Too short for a time and a title: the title alone, on one line. */
  short?: boolean;
};

/**
 * One meeting on the calendar. A meeting set in another zone also shows its own local time
 * ("09:00 – 10:00 New York"), which is the time the invitation was written in.
 */
export function EventBody({ meeting, timeText, displayZone, listView, short = false }: Props) {
  const zone = meeting.timeZone?.name;
  const foreign = zone !== undefined && zone !== displayZone;
  return (
    <div
      className={short ? 'cv-event__body cv-event__body--short' : 'cv-event__body'}
      data-testid="meeting-event-body"
      data-meeting-id={meeting.id}
      // Crowded days cut titles short (ellipsis); the whole of it is a hover away.
      title={timeText ? `${timeText} ${meeting.name}` : meeting.name}
    >
      {timeText && <span className="cv-event__time">{timeText}</span>}
      <span className="cv-event__title">{meeting.name}</span>
      {foreign && (
        <span className="cv-event__own-time" data-testid="meeting-own-time" title={zone}>
          {formatTimeRange(meeting.start, meeting.end, zone)} {zoneCity(zone)}
        </span>
      )}
      <span className="cv-event__badges">
        <EventSyncChip meeting={meeting} withText={listView} />
        {meeting.readOnly && (
          <span
            className="cv-event__badge"
            role="img"
            aria-label="Read-only: hosted by someone else"
          >
            <svg viewBox="0 0 16 16" width="10" height="10" aria-hidden="true">
              <path
                fill="currentColor"
                d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z"
              />
            </svg>
          </span>
        )}
      </span>
    </div>
  );
}
