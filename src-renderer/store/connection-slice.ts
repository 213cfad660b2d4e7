import type { SliceCreator } from './store-types';

export type ConnectionSlice = {
  /** The web shell stopped answering: a banner says so, and what is on screen stays as it was. */
  engineLost: boolean;
  /** From the transport (api/reachability.ts); back up means everything shown is loaded again. */
  setEngineReachable: (up: boolean) => void;
  /** The banner's Retry: one cheap call; if it answers, setEngineReachable(true) reloads. */
  retryEngine: () => Promise<void>;
};

export const createConnectionSlice: SliceCreator<ConnectionSlice> =
  ({ api }) =>
  (set, get) => ({
    engineLost: false,

    setEngineReachable: (up) => {
      const wasLost = get().engineLost;
      if (!up) {
        if (!wasLost) set({ engineLost: true });
        return;
      }
      if (!wasLost) return;
      set({ engineLost: false });
      // Changes made while the page could not hear were missed; the open editor is left alone.
      const state = get();
      const range = state.loadedRange ?? state.visibleRange;
      if (range) void state.loadRange(range);
      if (!state.profile) void state.loadProfile();
      void state.loadSync();
      void state.loadReminders();
      void state.loadSettings();
    },

    retryEngine: async () => {
      // The transport reports the answer (or its absence) to setEngineReachable.
      await api['profile:get']({});
    },
  });
