import type { ConveneApi, SettingsDto } from '../../src-main/shared/contract';
import {
  clearPreferences,
  unsavedPreferences,
  type PreferenceStorage,
  type Preferences,
} from '../lib/preferences';
import type { AppStore } from './app-store';

/** Long enough for any engine that is up; a window never waits longer than this to open. */
const SETTINGS_TIMEOUT_MS = 2_000;

/** The engine's settings, or null when it cannot say in time (the window then opens regardless). */
export async function fetchSettings(
  api: ConveneApi,
  timeoutMs = SETTINGS_TIMEOUT_MS,
): Promise<SettingsDto | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const answer = api['settings:get']({}).then((r) => (r.ok ? r.value : null));
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Moves what an older build kept in the window's storage to the engine (startupPreferences says
 * what), then drops the old copy. Kept when the engine could not take it, to try next launch.
 */
export async function migrateLegacyPreferences(
  store: AppStore,
  api: ConveneApi,
  migrate: Partial<Preferences> | null,
  storage: PreferenceStorage | undefined,
): Promise<void> {
  if (migrate) {
    const result = await api['settings:update'](migrate);
    if (!result.ok) return;
    store.getState().applySettings(result.value);
  }
  clearPreferences(storage);
}

export type PersistOptions = {
  /** Changes closer together than this go as one (a few view keys pressed in a row). */
  delayMs?: number;
  /**
   * Where `pagehide` is heard (the window), to send what is still waiting before the page goes.
   * Typed by shape: the store is also compiled for Node, in the unit tests.
   */
  page?: {
    addEventListener(type: 'pagehide', listener: () => void): void;
    removeEventListener(type: 'pagehide', listener: () => void): void;
  };
};

/**
 * Saves the view and the display zone to the engine's settings whenever this window changes them,
 * debounced. Nothing is lost to the delay: what waits is sent at `pagehide`, and a save that found
 * the shell gone is sent again when its event stream is back (`app:resync`). A value the engine
 * refuses (a zone Node does not know) is not sent again, so it cannot block the other one.
 */
export function persistPreferences(
  store: AppStore,
  api: ConveneApi,
  options: PersistOptions = {},
): () => void {
  const delayMs = options.delayMs ?? 300;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Counts this window's changes: `saved` is the one the engine holds, so a change made while a
  // save is on its way is not mistaken for saved when that save answers.
  let version = 0;
  let saved = 0;
  let inFlight = false;
  const refused: Partial<Preferences> = {};
  // A function, not `timer === undefined` inline: the subscription may set it while a save waits.
  const debouncing = () => timer !== undefined;

  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    // One save at a time; the one on its way sends what came meanwhile when it answers.
    if (inFlight || saved === version) return;
    const sending = version;
    const { view, displayZone, settings } = store.getState();
    const changes = unsavedPreferences({ view, displayZone }, settings);
    if (changes.view !== undefined && changes.view === refused.view) delete changes.view;
    if (changes.displayZone !== undefined && changes.displayZone === refused.displayZone) {
      delete changes.displayZone;
    }
    if (Object.keys(changes).length === 0) {
      saved = sending;
      return;
    }
    inFlight = true;
    const result = await api['settings:update'](changes);
    inFlight = false;
    if (result.ok) {
      saved = sending;
      store.getState().applySettings(result.value);
    } else if (result.error.code === 'validation' || result.error.code === 'bad_request') {
      // The engine saves all or nothing: only the value it named is given up, the other goes again.
      // Each round gives up at least one value, so this ends.
      const named = Object.keys(result.error.fields ?? {}).filter(
        (key) => key === 'view' || key === 'displayZone',
      );
      const blame = (key: keyof Preferences) => named.length === 0 || named.includes(key);
      if (changes.view !== undefined && blame('view')) refused.view = changes.view;
      if (changes.displayZone !== undefined && blame('displayZone')) {
        refused.displayZone = changes.displayZone;
      }
      if (!debouncing()) await flush();
      return;
    } else {
      // Unreachable: it stays unsaved, for the next change or the stream coming back.
      return;
    }
    if (saved !== version && !debouncing()) await flush();
  }

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.view === previous.view && state.displayZone === previous.displayZone) return;
    version += 1;
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), delayMs);
  });
  const offResync = api.on('app:resync', () => void flush());
  const onPageHide = () => void flush();
  options.page?.addEventListener('pagehide', onPageHide);

  return () => {
    clearTimeout(timer);
    unsubscribe();
    offResync();
    options.page?.removeEventListener('pagehide', onPageHide);
  };
}
