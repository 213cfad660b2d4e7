import { canonicalTimeZone } from '../../src-main/shared/time-zones';
import { isCalendarView, type CalendarViewName } from '../store/calendar-slice';

/** What the window remembers between launches: how the person last looked at their calendar. */
export type Preferences = { view: CalendarViewName; displayZone: string };

const KEY = 'convene.preferences.v1';

/** The slice of Web Storage used here (`window.localStorage` in the window, a map in tests). */
export type PreferenceStorage = {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
};

/**
 * Reads saved preferences, keeping only values that are still valid (a zone a newer runtime
 * dropped, a view an older build had): a bad entry falls back rather than breaking the window.
 */
export function loadPreferences(
  storage: Pick<PreferenceStorage, 'getItem'> | undefined,
): Partial<Preferences> {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(KEY) ?? 'null');
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const { view, displayZone } = raw as Record<string, unknown>;
  const out: Partial<Preferences> = {};
  if (typeof view === 'string' && isCalendarView(view)) out.view = view;
  const zone = typeof displayZone === 'string' ? canonicalTimeZone(displayZone) : null;
  if (zone) out.displayZone = zone;
  return out;
}

export function savePreferences(
  storage: Pick<PreferenceStorage, 'setItem'> | undefined,
  prefs: Preferences,
): void {
  try {
    storage?.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Storage full or disabled (private mode): preferences are a convenience, not data.
  }
}
