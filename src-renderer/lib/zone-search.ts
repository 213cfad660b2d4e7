import { formatOffset, listTimeZones, zoneOffsetMinutes } from '../../src-main/shared/time-zones';
import { ZONE_NICKNAMES, zoneCountries, zoneNames } from './zone-names';
import { zoneCity } from './zoned-time';

export type ZoneOption = {
  id: string;
  city: string;
  /** Minutes east of UTC at the instant the options were built for (a meeting's start). */
  offset: number;
  offsetLabel: string;
  /** The country the zone is in (Intl's name for it); absent for UTC and the like. */
  country?: string;
  /** Lower-case names that match only whole: country, abbreviations (EST, IST), nicknames (NYC). */
  terms: readonly string[];
  /** Lower-case text the search matches anywhere in: id, city, country, names, offset. */
  haystack: string;
};

let cache: { at: number; options: ZoneOption[] } | undefined;

/**
 * Every selectable zone labelled with its offset at `atSeconds`, so a July meeting in New York reads
 * -04:00 even in November. Cached for the last instant: the picker asks again on every keystroke.
 */
export function zoneOptions(atSeconds: number): readonly ZoneOption[] {
  if (cache?.at === atSeconds) return cache.options;
  const countries = zoneCountries();
  const year = new Date(atSeconds * 1000).getUTCFullYear();
  const options = listTimeZones().map((id): ZoneOption => {
    const offset = zoneOffsetMinutes(id, atSeconds);
    const offsetLabel = formatOffset(offset);
    const city = zoneCity(id);
    const country = countries.get(id);
    const names = zoneNames(id, year, country?.code);
    const terms = [country?.name, ...names, ...(ZONE_NICKNAMES[id] ?? [])]
      .filter((t) => t !== undefined)
      .map((t) => t.toLowerCase());
    return {
      id,
      city,
      offset,
      offsetLabel,
      ...(country ? { country: country.name } : {}),
      terms,
      haystack: `${id} ${city} ${terms.join(' ')} utc${offsetLabel} gmt${offsetLabel}`
        .toLowerCase()
        .replaceAll('_', ' '),
    };
  });
  cache = { at: atSeconds, options };
  return options;
}

/** `+5:30`, `UTC+05:30`, `gmt-4`, `+0530` → minutes; anything else → null. */
export function parseOffsetQuery(query: string): number | null {
  const m = /^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(query.trim());
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Zones matching what was typed: an offset (`+05:30`) matches zones at that offset; other text
 * matches the zone id, city, country or a name anywhere (`Kolkata`, `Asia/`, `new york`,
 * `eastern`). A whole name comes first ("India" is Asia/Kolkata before Indian/Maldives; "EST",
 * "NYC"), then cities that start with the text, so "par" offers Paris before Paraguay's zone.
 * Ties go by id: ICU does not say which of a country's zones is the main one.
 */
export function searchZones(options: readonly ZoneOption[], query: string): ZoneOption[] {
  const q = query.trim().toLowerCase().replaceAll('_', ' ');
  if (q === '') return [...options];
  const offset = parseOffsetQuery(q);
  if (offset !== null) return options.filter((o) => o.offset === offset);
  const matches = options.filter((o) => o.haystack.includes(q));
  const rank = (o: ZoneOption) => {
    if (o.terms.includes(q)) return 0;
    if (o.city.toLowerCase().startsWith(q)) return 1;
    return o.id.toLowerCase().startsWith(q) ? 2 : 3;
  };
  return matches.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}
