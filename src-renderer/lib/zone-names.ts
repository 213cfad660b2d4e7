import { canonicalTimeZone } from '../../src-main/shared/time-zones';

/**
 * What people call a zone besides its id, all from the platform's ICU data (Intl) rather than a
 * table of our own: its country (Intl.Locale's time zones per region, named by Intl.DisplayNames)
 * and its names and abbreviations (Intl.DateTimeFormat's `timeZoneName`).
 */

export type ZoneCountry = { code: string; name: string };

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `getTimeZones()` (current spec, Chromium 130+) or the older `timeZones` getter (Node 20). */
type LocaleWithZones = Intl.Locale & {
  getTimeZones?: () => string[] | undefined;
  timeZones?: string[];
};

function zonesOfRegion(code: string): readonly string[] {
  const locale = new Intl.Locale(`und-${code}`) as LocaleWithZones;
  return locale.getTimeZones?.() ?? locale.timeZones ?? [];
}

let countries: ReadonlyMap<string, ZoneCountry> | undefined;

/**
 * Zone id → its country. Intl has no zone→country call, but it lists the zones of each region:
 * every two-letter code the platform can name is asked once (about 250 regions) and the lists are
 * turned around. Zones of no country (UTC, Etc/*) are simply absent.
 */
export function zoneCountries(displayLocale?: string): ReadonlyMap<string, ZoneCountry> {
  if (countries) return countries;
  const names = new Intl.DisplayNames(displayLocale ?? [], { type: 'region', fallback: 'none' });
  const map = new Map<string, ZoneCountry>();
  for (const a of LETTERS) {
    for (const b of LETTERS) {
      const code = a + b;
      const name = code === 'ZZ' ? undefined : names.of(code); // ZZ is "Unknown Region"
      if (!name) continue;
      for (const raw of zonesOfRegion(code)) {
        const id = canonicalTimeZone(raw) ?? raw;
        if (!map.has(id)) map.set(id, { code, name });
      }
    }
  }
  countries = map;
  return map;
}

const STYLES = ['short', 'long', 'shortGeneric', 'longGeneric'] as const;

function formatter(locale: string, zone: string, style: (typeof STYLES)[number]) {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style });
  } catch {
    return undefined; // a locale the platform does not know (en-XX for an odd region)
  }
}

/**
 * Per zone, whatever the year asked first: a few hundred zones times eight formatters takes a few
 * hundred milliseconds, too slow to redo for each meeting's date, and a zone's names change far
 * less often than that (a country dropping summer time keeps its old name findable, which is fine).
 */
const namesCache = new Map<string, string[]>();

/**
 * A zone's names at its standard and its summer time of `year`: "EST", "EDT", "ET", "Eastern
 * Standard Time", "Eastern Time". Asked in the user's locale and in English as spoken in the zone's
 * own country, since ICU knows abbreviations only where they are used: "IST" for Asia/Kolkata
 * comes from en-IN (en-US says "GMT+5:30"), "CET" for Berlin from en-DE. "GMT+5:30"-style
 * fallbacks are dropped; the offset search covers those.
 */
export function zoneNames(zone: string, year: number, country?: string): string[] {
  const cached = namesCache.get(zone);
  if (cached) return cached;
  const own = Intl.DateTimeFormat().resolvedOptions().locale;
  const locales = new Set([own, country ? `en-${country}` : 'en']);
  const instants = [new Date(Date.UTC(year, 0, 15)), new Date(Date.UTC(year, 6, 15))];
  const names = new Set<string>();
  for (const locale of locales) {
    for (const style of STYLES) {
      const format = formatter(locale, zone, style);
      for (const at of instants) {
        const name = format?.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
        if (name && !/^(GMT|UTC)[+-−]/.test(name)) names.add(name);
      }
    }
  }
  const list = [...names];
  namesCache.set(zone, list);
  return list;
}

/** Does the slow part (country map, names for `year`) ahead of the picker's first opening. */
export function warmZoneNames(zones: readonly string[], year: number): void {
  const countries = zoneCountries();
  for (const zone of zones) zoneNames(zone, year, countries.get(zone)?.code);
}

/**
 * Nicknames ICU has no data for: city shorthands. Kept tiny on purpose; anything Intl can name
 * (countries, abbreviations, long names) is not listed here.
 */
export const ZONE_NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  'America/New_York': ['NYC'],
  'America/Los_Angeles': ['LA', 'SF', 'San Francisco'],
  'America/Sao_Paulo': ['Rio'],
  'Asia/Kolkata': ['Bombay', 'Mumbai', 'Delhi', 'Bangalore'],
  'Asia/Shanghai': ['Beijing'],
  'Europe/London': ['UK'],
  'America/Chicago': ['CHI'],
};
