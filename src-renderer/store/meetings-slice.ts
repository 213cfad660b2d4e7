import type {
  MeetingChange,
  MeetingDto,
  MeetingId,
  ProfileDto,
} from '../../src-main/shared/contract';
import { moveLabel } from '../lib/move-label';
import { overlaps, type AppState, type SliceCreator, type TimeRange } from './store-types';

export type LoadState = 'idle' | 'loading' | 'loaded' | 'error';

export type MeetingsSlice = {
  /** Only the meetings of the loaded range: the engine is asked for what is on screen, no more. */
  meetings: Record<number, MeetingDto>;
  loadedRange: TimeRange | null;
  loadState: LoadState;
  /** This window's own user: hosts what is made here, and is "You" among attendees. */
  profile: ProfileDto | null;
  loadProfile: () => Promise<void>;
  loadRange: (range: TimeRange) => Promise<void>;
  /** A push from the engine (`meetings:changed`): a change made elsewhere shows without a reload. */
  applyChange: (change: MeetingChange) => void;
  /**
   * Drag or resize: shown at once, rolled back with a message if the engine refuses. Offers Undo
   * unless `undoable` is false (the Undo itself, which must not offer to undo the undo).
   */
  moveMeeting: (id: MeetingId, start: number, end: number, undoable?: boolean) => Promise<boolean>;
  deleteMeeting: (id: MeetingId) => Promise<void>;
  restoreMeeting: (id: MeetingId) => Promise<void>;
};

type Setter = (partial: Partial<AppState>) => void;

/** The loaded meetings with `m` put in, or taken out when it has moved outside the loaded range. */
export function withMeeting(state: AppState, m: MeetingDto): Record<number, MeetingDto> {
  const range = state.loadedRange;
  if (range && !overlaps(m, range)) return withoutMeeting(state, m.id);
  return { ...state.meetings, [m.id]: m };
}

export function withoutMeeting(state: AppState, id: MeetingId): Record<number, MeetingDto> {
  if (!(id in state.meetings)) return state.meetings;
  return Object.fromEntries(Object.entries(state.meetings).filter(([key]) => Number(key) !== id));
}

export const createMeetingsSlice: SliceCreator<MeetingsSlice> =
  ({ api }) =>
  (rawSet, get) => {
    const set: Setter = rawSet;
    // Responses can come back out of order when someone pages quickly; only the last one counts.
    let loadSeq = 0;
    const upsert = (m: MeetingDto) => set({ meetings: withMeeting(get(), m) });
    const remove = (id: MeetingId) => set({ meetings: withoutMeeting(get(), id) });
    // Pushes that arrive while a list is in flight: the list may have been read before them, so
    // they are applied again on top of it (an older copy never replaces a newer one).
    let duringLoad: MeetingChange[] | null = null;
    const replay = (changes: readonly MeetingChange[]) => {
      for (const change of changes) {
        if (change.kind === 'deleted') remove(change.id);
        else {
          const listed = get().meetings[change.meeting.id];
          if (!listed || listed.updatedAt <= change.meeting.updatedAt) upsert(change.meeting);
        }
      }
    };

    return {
      meetings: {},
      loadedRange: null,
      loadState: 'idle',
      profile: null,

      loadProfile: async () => {
        const result = await api['profile:get']({});
        if (result.ok) set({ profile: result.value });
      },

      loadRange: async (range) => {
        const seq = ++loadSeq;
        set({ loadState: 'loading' });
        const pushed: MeetingChange[] = [];
        duringLoad = pushed;
        const result = await api['meetings:list'](range);
        if (seq !== loadSeq) return;
        duringLoad = null;
        if (!result.ok) {
          set({ loadState: 'error' });
          // The banner already says the engine is gone; a toast on top would only repeat it.
          if (get().engineLost) return;
          get().pushToast({
            kind: 'error',
            message: `Couldn't load meetings: ${result.error.message}`,
          });
          return;
        }
        set({
          meetings: Object.fromEntries(result.value.map((m) => [m.id, m])),
          loadedRange: range,
          loadState: 'loaded',
        });
        replay(pushed);
      },

      applyChange: (change) => {
        duringLoad?.push(change);
        if (change.kind === 'deleted') {
          remove(change.id);
          const { editor } = get();
          if (editor?.meetingId === change.id) {
            get().closeEditor();
            get().pushToast({ kind: 'info', message: 'The meeting you had open was deleted.' });
          }
          return;
        }
        upsert(change.meeting);
      },

      moveMeeting: async (id, start, end, undoable = true) => {
        const before = get().meetings[id];
        if (!before || before.readOnly) return false;
        upsert({ ...before, start, end });
        const result = await api['meetings:update']({ id, changes: { start, end } });
        if (result.ok) {
          upsert(result.value);
          if (undoable) {
            const back = { start: before.start, end: before.end };
            get().pushToast({
              kind: 'info',
              message: moveLabel(before.name, back, result.value, get().displayZone),
              action: {
                label: 'Undo',
                run: () => void get().moveMeeting(id, back.start, back.end, false),
              },
              ttlMs: 10_000,
            });
          }
          return true;
        }
        upsert(before);
        get().pushToast({
          kind: 'error',
          message: `Couldn't move "${before.name}": ${result.error.message}`,
        });
        return false;
      },

      deleteMeeting: async (id) => {
        const { meetings, editor } = get();
        // The open editor holds the meeting even when it has scrolled out of the loaded range.
        const opened = editor?.original?.meeting;
        const before = meetings[id] ?? (opened?.id === id ? opened : undefined);
        if (!before) return;
        if (before.readOnly) {
          get().pushToast({ kind: 'error', message: 'Only the host can delete this meeting.' });
          return;
        }
        remove(id);
        if (get().editor?.meetingId === id) get().closeEditor();
        if (get().selectedId === id) get().selectMeeting(null);
        const result = await api['meetings:delete']({ id });
        if (!result.ok) {
          upsert(before);
          get().pushToast({
            kind: 'error',
            message: `Couldn't delete "${before.name}": ${result.error.message}`,
          });
          return;
        }
        get().pushToast({
          kind: 'info',
          message: `Deleted "${before.name}"`,
          action: { label: 'Undo', run: () => void get().restoreMeeting(id) },
          ttlMs: 10_000,
        });
      },

      restoreMeeting: async (id) => {
        const result = await api['meetings:restore']({ id });
        if (!result.ok) {
          get().pushToast({ kind: 'error', message: `Couldn't undo: ${result.error.message}` });
          return;
        }
        upsert(result.value);
        get().pushToast({ kind: 'info', message: `Restored "${result.value.name}"` });
      },
    };
  };
