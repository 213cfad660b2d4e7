import type { SettingsDto } from '../../src-main/shared/contract';
import { canonicalTimeZone } from '../../src-main/shared/time-zones';
import { isCalendarView, type CalendarViewName } from '../store/calendar-slice';

/** How the person last looked at their calendar: kept by the engine as settings, for every shell. */
export type Preferences = { view: CalendarViewName; displayZone: string };

/** Where older builds kept them, in the window's own storage; read once, to move them over. */
const LEGACY_KEY = 'convene.preferences.v1';

/** The slice of Web Storage used here (`window.localStorage` in the window, a map in tests). */
export type PreferenceStorage = {
  getItem(key: string): string | null;
  removeItem(key: string): void;
};

/**
 * Keeps only values this window can still use (a zone a newer runtime dropped, a view an older build
 * had): a bad entry falls back rather than breaking the window. The engine checks them too, but it
 * runs on another runtime (Node) whose zone list may differ from the browser's.
 */
function validPreferences(view: unknown, displayZone: unknown): Partial<Preferences> {
  const out: Partial<Preferences> = {};
  if (typeof view === 'string' && isCalendarView(view)) out.view = view;
  const zone = typeof displayZone === 'string' ? canonicalTimeZone(displayZone) : null;
  if (zone) out.displayZone = zone;
  return out;
}

/** What an older build saved in the window's storage. */
export function loadPreferences(
  storage: Pick<PreferenceStorage, 'getItem'> | undefined,
): Partial<Preferences> {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(LEGACY_KEY) ?? 'null');
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const { view, displayZone } = raw as Record<string, unknown>;
  return validPreferences(view, displayZone);
}

/** Once the engine holds them, the old copy goes, so it can never be moved over a second time. */
export function clearPreferences(storage: Pick<PreferenceStorage, 'removeItem'> | undefined): void {
  try {
    storage?.removeItem(LEGACY_KEY);
  } catch {
    // Storage disabled: nothing was kept there either.
  }
}

export type StartupPreferences = {
  preferences: Partial<Preferences>;
  /** Values only the window's storage had: to be sent to the engine (once). */
  migrate: Partial<Preferences> | null;
};

/**
 * What the window opens with: the engine's settings, with a value the engine does not have yet
 * taken from what an older build left in storage (and then moved to the engine). `settings` is
 * null when the engine could not be asked: storage is all there is for this launch.
 */
export function startupPreferences(
  settings: SettingsDto | null,
  legacy: Partial<Preferences>,
): StartupPreferences {
  if (!settings) return { preferences: legacy, migrate: null };
  const engine = validPreferences(settings.view, settings.displayZone);
  const migrate: Partial<Preferences> = {};
  if (!engine.view && legacy.view) migrate.view = legacy.view;
  if (!engine.displayZone && legacy.displayZone) migrate.displayZone = legacy.displayZone;
  return {
    preferences: { ...migrate, ...engine },
    migrate: Object.keys(migrate).length > 0 ? migrate : null,
  };
}

/** The preferences this window shows that the engine's settings do not hold yet. */
export function unsavedPreferences(
  shown: Preferences,
  settings: SettingsDto | null,
): Partial<Preferences> {
  const changes: Partial<Preferences> = {};
  if (shown.view !== settings?.view) changes.view = shown.view;
  if (shown.displayZone !== settings?.displayZone) changes.displayZone = shown.displayZone;
  return changes;
}
