import type { DownloadDto, DownloadId, MeetingId, Result } from '../../src-main/shared/contract';
import type { SliceCreator } from './store-types';

export type DownloadsSlice = {
  /**
   * Every download this window has heard of, by id, as the engine last told it (the engine runs
   * them; the window shows them). Cancelled ones stay here so a late push cannot bring them back.
   */
  downloads: Partial<Record<DownloadId, DownloadDto>>;
  /** Recordings whose Download was clicked and not answered yet: the button cannot start two. */
  downloadsStarting: string[];
  downloadsOpen: boolean;
  /** Whether "Show in folder" is offered: only where the shell can do it. */
  canRevealDownloads: boolean;
  /** At startup and after a gap in the pushes. */
  loadDownloads: () => Promise<void>;
  /** A `downloads:changed` push, an answer, or a recording's latest job from `recordings:list`. */
  applyDownload: (download: DownloadDto) => void;
  startDownload: (meetingId: MeetingId, recordingId: string) => Promise<void>;
  pauseDownload: (id: DownloadId) => Promise<void>;
  resumeDownload: (id: DownloadId) => Promise<void>;
  cancelDownload: (id: DownloadId) => Promise<void>;
  /** Desktop only: shows the finished file in its folder. */
  revealDownload: (id: DownloadId) => Promise<void>;
  setDownloadsOpen: (open: boolean) => void;
};

/**
 * Whether `next` is news compared with what the window shows. Pushes come every 200 ms while a file
 * streams, and an answer (to Pause, say) can arrive after a push sent before it: the later
 * `updatedAt` wins, and at the same instant the one further along.
 */
function isNewer(next: DownloadDto, shown: DownloadDto | undefined): boolean {
  if (!shown) return true;
  const diff = (Date.parse(next.updatedAt) || 0) - (Date.parse(shown.updatedAt) || 0);
  if (diff !== 0) return diff > 0;
  return next.state !== shown.state || next.bytesDone >= shown.bytesDone;
}

export const createDownloadsSlice: SliceCreator<DownloadsSlice> =
  ({ api, canRevealFiles }) =>
  (set, get) => {
    // Counts what was applied, per download: one heard of while the list was in flight is newer
    // than the list, so its absence there does not mean it was cancelled.
    let applied = 0;
    const appliedAt = new Map<DownloadId, number>();

    /** An action's answer is applied like a push; a refusal is said in a toast, in words. */
    const act = async (verb: string, call: () => Promise<Result<DownloadDto>>) => {
      const result = await call();
      if (result.ok) get().applyDownload(result.value);
      else get().pushToast({ kind: 'error', message: `Couldn't ${verb}: ${result.error.message}` });
    };

    return {
      downloads: {},
      downloadsStarting: [],
      downloadsOpen: false,
      canRevealDownloads: canRevealFiles ?? false,

      loadDownloads: async () => {
        const asked = applied;
        const result = await api['downloads:list']({});
        if (!result.ok) return;
        const listed = new Set<DownloadId>(result.value.map((d) => d.id));
        const downloads = { ...get().downloads };
        for (const d of result.value) if (isNewer(d, downloads[d.id])) downloads[d.id] = d;
        // The list leaves cancelled ones out: one cancelled in another window is gone here too.
        for (const d of Object.values(downloads)) {
          if (!d || listed.has(d.id) || d.state === 'cancelled') continue;
          if ((appliedAt.get(d.id) ?? 0) > asked) continue;
          downloads[d.id] = { ...d, state: 'cancelled' };
        }
        set({ downloads });
      },

      applyDownload: (download) => {
        const shown = get().downloads[download.id];
        if (!isNewer(download, shown)) return;
        appliedAt.set(download.id, ++applied);
        set({ downloads: { ...get().downloads, [download.id]: download } });
      },

      startDownload: async (meetingId, recordingId) => {
        if (get().downloadsStarting.includes(recordingId)) return;
        set({ downloadsStarting: [...get().downloadsStarting, recordingId] });
        try {
          await act('start the download', () => api['downloads:start']({ meetingId, recordingId }));
        } finally {
          set({ downloadsStarting: get().downloadsStarting.filter((r) => r !== recordingId) });
        }
      },

      pauseDownload: (id) =>
        act('pause the download', () => api['downloads:pause']({ downloadId: id })),
      resumeDownload: (id) =>
        act('resume the download', () => api['downloads:resume']({ downloadId: id })),
      cancelDownload: (id) =>
        act('cancel the download', () => api['downloads:cancel']({ downloadId: id })),

      revealDownload: async (id) => {
        const result = await api['downloads:reveal']({ downloadId: id });
        if (!result.ok) {
          get().pushToast({
            kind: 'error',
            message: `Couldn't show the file: ${result.error.message}`,
          });
        }
      },

      setDownloadsOpen: (open) => set({ downloadsOpen: open }),
    };
  };

/** The latest download of a recording that is not cancelled: the one its row shows. */
export function downloadOfRecording(
  downloads: DownloadsSlice['downloads'],
  recordingId: string,
): DownloadDto | undefined {
  let latest: DownloadDto | undefined;
  for (const d of Object.values(downloads)) {
    if (!d || d.recordingId !== recordingId || d.state === 'cancelled') continue;
    if (!latest || d.id > latest.id) latest = d;
  }
  return latest;
}
