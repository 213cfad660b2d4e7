import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCalendarSlice } from './calendar-slice';
import { createEditorSlice } from './editor-slice';
import { createMeetingsSlice } from './meetings-slice';
import type { AppState, StoreDeps } from './store-types';
import { createToastsSlice } from './toasts-slice';

export type AppStore = StoreApi<AppState>;

/**
 * The window's one store, made of slices (calendar, meetings, editor, toasts). Built by a factory
 * with its effects injected, so each test and each window gets its own.
 */
export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createCalendarSlice(deps)(...a),
    ...createMeetingsSlice(deps)(...a),
    ...createEditorSlice(deps)(...a),
    ...createToastsSlice(deps)(...a),
  }));
}

/** Back to the state the store was created with (between tests, or when a window is reused). */
export function resetAppStore(store: AppStore): void {
  store.setState(store.getInitialState(), true);
}

/**
 * Keeps the store in step with changes made elsewhere; after a gap in the pushes (`app:resync`)
 * the loaded range is fetched again, so nothing changed during an outage stays hidden. Returns the
 * unsubscribe.
 */
export function subscribeToEngine(store: AppStore, api: StoreDeps['api']): () => void {
  const offChanged = api.on('meetings:changed', (change) => store.getState().applyChange(change));
  const offResync = api.on('app:resync', () => {
    const { loadedRange, loadRange } = store.getState();
    if (loadedRange) void loadRange(loadedRange);
  });
  return () => {
    offChanged();
    offResync();
  };
}
