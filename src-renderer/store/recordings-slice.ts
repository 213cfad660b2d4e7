import type { AppError, MeetingId, RecordingDto } from '../../src-main/shared/contract';
import type { SliceCreator } from './store-types';

/** A meeting's recordings as last asked of the remote (through the engine). */
export type RecordingsListing =
  | { state: 'loading' }
  | { state: 'ready'; recordings: RecordingDto[] }
  | { state: 'failed'; error: AppError };

export type RecordingsSlice = {
  /** Only meetings whose Recordings section was shown; the remote is asked each time it opens. */
  recordingsByMeeting: Partial<Record<MeetingId, RecordingsListing>>;
  loadRecordings: (meetingId: MeetingId) => Promise<void>;
};

export const createRecordingsSlice: SliceCreator<RecordingsSlice> =
  ({ api }) =>
  (set, get) => {
    // Counts requests per meeting: a slow answer must not replace a newer one (Retry clicked).
    const latest = new Map<MeetingId, number>();
    let seq = 0;

    const put = (meetingId: MeetingId, listing: RecordingsListing) =>
      set({ recordingsByMeeting: { ...get().recordingsByMeeting, [meetingId]: listing } });

    return {
      recordingsByMeeting: {},

      loadRecordings: async (meetingId) => {
        const mine = ++seq;
        latest.set(meetingId, mine);
        // What was listed before stays up while it is asked again; only a first ask shows loading.
        if (get().recordingsByMeeting[meetingId]?.state !== 'ready') {
          put(meetingId, { state: 'loading' });
        }
        const result = await api['recordings:list']({ meetingId });
        if (latest.get(meetingId) !== mine) return;
        if (!result.ok) {
          put(meetingId, { state: 'failed', error: result.error });
          return;
        }
        // Each recording carries this device's latest job for it: the downloads list learns of
        // any it missed (a job made before this window opened and no longer pushed).
        for (const r of result.value) if (r.download) get().applyDownload(r.download);
        put(meetingId, { state: 'ready', recordings: result.value });
      },
    };
  };
