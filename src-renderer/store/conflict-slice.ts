import type { ConflictDto, MeetingField, MeetingId } from '../../src-main/shared/contract';
import { withMeeting, withoutMeeting } from './meetings-slice';
import type { SliceCreator } from './store-types';

export type ConflictSide = 'mine' | 'theirs';

/** How the person settles it: one side for every field, or the choice made on each row. */
export type Resolution = 'mine' | 'theirs' | 'choices';

export type ConflictView = {
  id: MeetingId;
  /** null while `meetings:conflict` is on its way. */
  conflict: ConflictDto | null;
  /** One side per clashing field; yours until the person picks otherwise. */
  choices: Partial<Record<MeetingField, ConflictSide>>;
  resolving: boolean;
  error: string | null;
};

export type ConflictSlice = {
  conflictView: ConflictView | null;
  openConflict: (id: MeetingId) => Promise<void>;
  /** The toolbar's conflict count: the earliest conflicting meeting among those loaded. */
  openFirstConflict: () => void;
  chooseConflictSide: (field: MeetingField, side: ConflictSide) => void;
  closeConflict: () => void;
  resolveConflict: (how: Resolution) => Promise<boolean>;
};

export const createConflictSlice: SliceCreator<ConflictSlice> =
  ({ api }) =>
  (set, get) => {
    const update = (patch: Partial<ConflictView>) => {
      const current = get().conflictView;
      if (current) set({ conflictView: { ...current, ...patch } });
    };

    return {
      conflictView: null,

      openConflict: async (id) => {
        set({ conflictView: { id, conflict: null, choices: {}, resolving: false, error: null } });
        const result = await api['meetings:conflict']({ id });
        // Closed, or another conflict opened, while this one loaded.
        if (get().conflictView?.id !== id) return;
        if (!result.ok) {
          set({ conflictView: null });
          get().pushToast({
            kind: 'error',
            message: `Couldn't load the conflict: ${result.error.message}`,
          });
          return;
        }
        const conflict = result.value;
        const choices = Object.fromEntries(conflict.fields.map((f) => [f, 'mine' as const]));
        update({ conflict, choices });
      },

      openFirstConflict: () => {
        const first = Object.values(get().meetings)
          .filter((m) => m.sync === 'conflict')
          .sort((a, b) => a.start - b.start || a.id - b.id)[0];
        if (first) {
          void get().openConflict(first.id);
          return;
        }
        get().pushToast({
          kind: 'info',
          message: 'No meeting in the dates shown is in conflict; look in other weeks.',
        });
      },

      chooseConflictSide: (field, side) => {
        const view = get().conflictView;
        if (view) update({ choices: { ...view.choices, [field]: side } });
      },

      closeConflict: () => set({ conflictView: null }),

      resolveConflict: async (how) => {
        const view = get().conflictView;
        const conflict = view?.conflict;
        if (!view || !conflict || view.resolving) return false;
        update({ resolving: true, error: null });
        const result = await api['meetings:resolve'](
          how === 'choices'
            ? { id: view.id, keep: 'mine', fields: view.choices }
            : { id: view.id, keep: how },
        );
        if (!result.ok) {
          update({ resolving: false, error: result.error.message });
          return false;
        }
        set({ conflictView: null });
        const name = `"${conflict.mine.name}"`;
        const resolved = result.value;
        if (resolved === null) {
          // Discarded: the meeting is gone, so is an editor that had it open.
          set({ meetings: withoutMeeting(get(), view.id) });
          if (get().editor?.meetingId === view.id) get().closeEditor();
          if (get().selectedId === view.id) get().selectMeeting(null);
          get().pushToast({ kind: 'info', message: `Discarded your copy of ${name}` });
          return true;
        }
        set({ meetings: withMeeting(get(), resolved) });
        get().replaceEditorMeeting(resolved);
        const message =
          conflict.kind === 'deleted_remotely'
            ? `Re-created ${name}`
            : how === 'mine'
              ? `Kept your version of ${name}`
              : how === 'theirs'
                ? `Took the server's version of ${name}`
                : `Saved your choices for ${name}`;
        get().pushToast({ kind: 'info', message });
        return true;
      },
    };
  };
