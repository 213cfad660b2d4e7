import { useEffect, useId } from 'react';
import type { MeetingDto } from '../../../src-main/shared/contract';
import { useNowSeconds } from '../../hooks/use-now';
import { recordingsAvailability, recordingsErrorText } from '../../lib/recordings';
import { useAppStore } from '../../store/AppStoreProvider';
import { RecordingRow } from './RecordingRow';

/** "Ended" is re-checked now and then: a meeting can end while its editor is open. */
const REFRESH_MS = 30_000;

/**
 * The editor's Recordings section for a recorded meeting: its recordings from the server, each with
 * its download. Not shown at all for a meeting that is not recorded; a sentence instead of a list
 * while there can be none yet (not on the server, not ended).
 */
export function RecordingsSection({ meeting }: { meeting: MeetingDto | undefined }) {
  const headingId = useId();
  const now = useNowSeconds(REFRESH_MS);
  const availability = recordingsAvailability(meeting, now);
  const asked = useAppStore((s) => (meeting ? s.recordingsByMeeting[meeting.id] : undefined));
  const zone = useAppStore((s) => s.displayZone);
  const loadRecordings = useAppStore((s) => s.loadRecordings);
  const meetingId = meeting?.id;

  useEffect(() => {
    // Asked each time the section shows: the links the server hands out expire within the hour.
    if (availability === 'listable' && meetingId !== undefined) void loadRecordings(meetingId);
  }, [availability, meetingId, loadRecordings]);

  if (availability === 'none' || !meeting) return null;
  const listing = availability === 'listable' ? asked : undefined;

  return (
    <section className="recordings" aria-labelledby={headingId} data-testid="recordings">
      <div className="recordings__heading">
        <h3 id={headingId}>Recordings</h3>
        {availability === 'listable' && listing?.state !== 'loading' && (
          <button
            type="button"
            className="link-button"
            data-testid="recordings-refresh"
            onClick={() => void loadRecordings(meeting.id)}
          >
            {listing?.state === 'failed' ? 'Try again' : 'Refresh'}
          </button>
        )}
      </div>
      {availability === 'not-synced' && (
        <p className="recordings__message" data-testid="recordings-message">
          Not synced yet: recordings can be listed once this meeting is on the server.
        </p>
      )}
      {availability === 'not-ended' && (
        <p className="recordings__message" data-testid="recordings-message">
          Recordings appear here after the meeting ends.
        </p>
      )}
      {availability === 'listable' && (!listing || listing.state === 'loading') && (
        <p className="recordings__message" role="status" data-testid="recordings-loading">
          Asking the server for recordings…
        </p>
      )}
      {listing?.state === 'failed' && (
        <p
          className="recordings__message"
          data-tone="error"
          role="alert"
          data-testid="recordings-error"
        >
          {recordingsErrorText(listing.error)}
        </p>
      )}
      {listing?.state === 'ready' && listing.recordings.length === 0 && (
        <p className="recordings__message" data-testid="recordings-empty">
          No recordings of this meeting on the server (yet: they can take a while after it ends).
        </p>
      )}
      {listing?.state === 'ready' && listing.recordings.length > 0 && (
        <ul className="recordings__list" data-testid="recordings-list">
          {listing.recordings.map((r) => (
            <RecordingRow key={r.id} recording={r} zone={zone} titleId={`${headingId}-${r.id}`} />
          ))}
        </ul>
      )}
    </section>
  );
}
