import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCalendarSlice } from './calendar-slice';
import { createConflictSlice } from './conflict-slice';
import { createConnectionSlice } from './connection-slice';
import { createDownloadsSlice } from './downloads-slice';
import { createEditorSlice } from './editor-slice';
import { createMeetingsSlice } from './meetings-slice';
import { createRecordingsSlice } from './recordings-slice';
import { createRemindersSlice } from './reminders-slice';
import { createSettingsSlice } from './settings-slice';
import type { AppState, StoreDeps } from './store-types';
import { createSyncSlice } from './sync-slice';
import { createToastsSlice } from './toasts-slice';

export type AppStore = StoreApi<AppState>;

/**
 * The window's one store, made of slices (calendar, meetings, editor, toasts, sync, conflicts,
 * reminders, settings, connection, recordings, downloads). Built by a factory with its effects
 * injected, so each test and each window gets its own.
 */
export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createCalendarSlice(deps)(...a),
    ...createMeetingsSlice(deps)(...a),
    ...createEditorSlice(deps)(...a),
    ...createToastsSlice(deps)(...a),
    ...createSyncSlice(deps)(...a),
    ...createConflictSlice(deps)(...a),
    ...createRemindersSlice(deps)(...a),
    ...createSettingsSlice(deps)(...a),
    ...createConnectionSlice(deps)(...a),
    ...createRecordingsSlice(deps)(...a),
    ...createDownloadsSlice(deps)(...a),
  }));
}

/** Back to the state the store was created with (between tests, or when a window is reused). */
export function resetAppStore(store: AppStore): void {
  store.setState(store.getInitialState(), true);
}

/**
 * Keeps the store in step with changes made elsewhere; after a gap in the pushes (`app:resync`)
 * the loaded range and the reminders are fetched again, so nothing changed during an outage stays
 * hidden. A sync pass that brought changes (`app:resync` with reason `synced`) reloads the same
 * way; the sync status, reminders, settings and downloads arrive as their own pushes. Returns the
 * unsubscribe.
 */
export function subscribeToEngine(store: AppStore, api: StoreDeps['api']): () => void {
  const offChanged = api.on('meetings:changed', (change) => {
    const state = store.getState();
    state.applyChange(change);
    // A reminder shows its meeting's name and join link (which comes with the remote id once the
    // meeting is synced): the engine pushes reminders only when one comes due, so ask again.
    const id = change.kind === 'deleted' ? change.id : change.meeting.id;
    if (state.reminders.some((r) => r.meetingId === id)) void state.loadReminders();
  });
  const offResync = api.on('app:resync', ({ reason }) => {
    const { loadedRange, loadRange, loadSync, loadReminders, loadSettings, loadDownloads } =
      store.getState();
    if (loadedRange) void loadRange(loadedRange);
    void loadReminders();
    // Status, settings and download pushes were lost in the outage too.
    if (reason === 'reconnected') {
      void loadSync();
      void loadSettings();
      void loadDownloads();
    }
  });
  const offSync = api.on('sync:changed', (status) => store.getState().applySyncStatus(status));
  const offDue = api.on('reminders:due', (list) => store.getState().receiveReminders(list));
  const offSettings = api.on('settings:changed', (s) => store.getState().applySettings(s));
  const offDownloads = api.on('downloads:changed', (d) => store.getState().applyDownload(d));
  return () => {
    offChanged();
    offResync();
    offSync();
    offDue();
    offSettings();
    offDownloads();
  };
}
