import type { TimeFormatSetting, WeekStartSetting } from '../../src-main/shared/contract';

/** How the window writes times and lays out weeks: the settings, with `auto` resolved. */
export type ClockPrefs = {
  /** A 12-hour clock with AM/PM (`2:30 PM`), else 24-hour (`14:30`). */
  hour12: boolean;
  /** The first column of a week, FullCalendar's numbering: 0 Sunday … 6 Saturday. */
  firstDay: number;
};

type WeekInfo = { firstDay?: number };
type LocaleWithWeek = Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };

/** The OS locale's clock, as the browser (or Electron) reports it through Intl. */
export function localeHour12(locale?: string): boolean {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h11' || cycle === 'h12';
}

/**
 * The OS locale's first day of the week. Intl numbers it 1 Monday … 7 Sunday (`getWeekInfo`, or the
 * older `weekInfo` getter); a runtime with neither falls back to Sunday, FullCalendar's default.
 */
export function localeFirstDay(locale?: string): number {
  const tag = locale ?? new Intl.DateTimeFormat().resolvedOptions().locale;
  try {
    const loc = new Intl.Locale(tag) as LocaleWithWeek;
    const info = loc.getWeekInfo?.() ?? loc.weekInfo;
    return info?.firstDay === undefined ? 0 : info.firstDay % 7;
  } catch {
    return 0;
  }
}

export function resolveClockPrefs(
  settings: { weekStart: WeekStartSetting; timeFormat: TimeFormatSetting } | null,
  locale?: string,
): ClockPrefs {
  const timeFormat = settings?.timeFormat ?? 'auto';
  const weekStart = settings?.weekStart ?? 'auto';
  return {
    hour12: timeFormat === 'auto' ? localeHour12(locale) : timeFormat === '12h',
    firstDay: weekStart === 'auto' ? localeFirstDay(locale) : weekStart,
  };
}

let current: ClockPrefs | null = null;
/** The locale `auto` means: the OS's (undefined), unless a test pins one. */
let systemLocale: string | undefined;

/**
 * The preferences in force. Kept here as well as in the store because time formatting happens in
 * plain functions all over the window (labels, toasts, notifications); the settings slice sets it
 * before the store changes, so every render after a change formats the new way.
 */
export function clockPrefs(): ClockPrefs {
  current ??= resolveClockPrefs(null);
  return current;
}

export function setClockPrefs(prefs: ClockPrefs, locale?: string): void {
  current = prefs;
  if (locale !== undefined) systemLocale = locale;
}

/** The settings' preferences with `auto` resolved in the locale in force. */
export function clockPrefsFor(
  settings: { weekStart: WeekStartSetting; timeFormat: TimeFormatSetting } | null,
): ClockPrefs {
  return resolveClockPrefs(settings, systemLocale);
}
