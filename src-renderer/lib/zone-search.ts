import { formatOffset, listTimeZones, zoneOffsetMinutes } from '../../src-main/shared/time-zones';
import { zoneCity } from './zoned-time';

export type ZoneOption = {
  id: string;
  city: string;
  /** Minutes east of UTC at the instant the options were built for (a meeting's start). */
  offset: number;
  offsetLabel: string;
  /** Lower-case text the search matches against: id, city and offset. */
  haystack: string;
};

let cache: { at: number; options: ZoneOption[] } | undefined;

/**
 * Every selectable zone labelled with its offset at `atSeconds`, so a July meeting in New York reads
 * -04:00 even in November. Cached for the last instant: the picker asks again on every keystroke.
 */
export function zoneOptions(atSeconds: number): readonly ZoneOption[] {
  if (cache?.at === atSeconds) return cache.options;
  const options = listTimeZones().map((id): ZoneOption => {
    const offset = zoneOffsetMinutes(id, atSeconds);
    const offsetLabel = formatOffset(offset);
    const city = zoneCity(id);
    return {
      id,
      city,
      offset,
      offsetLabel,
      haystack: `${id} ${city} utc${offsetLabel} gmt${offsetLabel}`
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
 * matches the zone id or city anywhere (`Kolkata`, `Asia/`, `new york`). Cities that start with the
 * text come first, so "par" offers Paris before Asuncion's Paraguay neighbours.
 */
export function searchZones(options: readonly ZoneOption[], query: string): ZoneOption[] {
  const q = query.trim().toLowerCase().replaceAll('_', ' ');
  if (q === '') return [...options];
  const offset = parseOffsetQuery(q);
  if (offset !== null) return options.filter((o) => o.offset === offset);
  const matches = options.filter((o) => o.haystack.includes(q));
  const rank = (o: ZoneOption) =>
    o.city.toLowerCase().startsWith(q) ? 0 : o.id.toLowerCase().startsWith(q) ? 1 : 2;
  return matches.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}
