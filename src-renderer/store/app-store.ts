import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCalendarSlice } from './calendar-slice';
import { createConflictSlice } from './conflict-slice';
import { createEditorSlice } from './editor-slice';
import { createMeetingsSlice } from './meetings-slice';
import type { AppState, StoreDeps } from './store-types';
import { createSyncSlice } from './sync-slice';
import { createToastsSlice } from './toasts-slice';

export type AppStore = StoreApi<AppState>;

/**
 * The window's one store, made of slices (calendar, meetings, editor, toasts, sync, conflicts). Built by a factory
 * with its effects injected, so each test and each window gets its own.
 */
export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createCalendarSlice(deps)(...a),
    ...createMeetingsSlice(deps)(...a),
    ...createEditorSlice(deps)(...a),
    ...createToastsSlice(deps)(...a),
    ...createSyncSlice(deps)(...a),
    ...createConflictSlice(deps)(...a),
  }));
}

/** Back to the state the store was created with (between tests, or when a window is reused). */
export function resetAppStore(store: AppStore): void {
  store.setState(store.getInitialState(), true);
}

/**
 * Keeps the store in step with changes made elsewhere; after a gap in the pushes (`app:resync`)
 * the loaded range is fetched again, so nothing changed during an outage stays hidden. A sync pass
 * that brought changes (`app:resync` with reason `synced`) reloads the same way; the sync status
 * itself arrives as `sync:changed`. Returns the unsubscribe.
 */
export function subscribeToEngine(store: AppStore, api: StoreDeps['api']): () => void {
  const offChanged = api.on('meetings:changed', (change) => store.getState().applyChange(change));
  const offResync = api.on('app:resync', ({ reason }) => {
    const { loadedRange, loadRange, loadSync } = store.getState();
    if (loadedRange) void loadRange(loadedRange);
    // Status pushes were lost in the outage too.
    if (reason === 'reconnected') void loadSync();
  });
  const offSync = api.on('sync:changed', (status) => store.getState().applySyncStatus(status));
  return () => {
    offChanged();
    offResync();
    offSync();
  };
}
