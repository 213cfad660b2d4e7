import { Temporal } from 'temporal-polyfill';

/**
 * Time-zone rules shared by the engine and the window (DESIGN.md, "Time"): the normalised IANA
 * list, canonical names, and a zone's offset at a given instant (DST-correct).
 */

/** Legacy ids some runtimes still list, mapped to the ids the IANA database uses today. */
const LEGACY_ZONE_IDS: Readonly<Record<string, string>> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Etc/UTC': 'UTC',
  'Etc/GMT': 'UTC',
  GMT: 'UTC',
};

let zoneList: readonly string[] | undefined;

/** Every selectable zone: the runtime's IANA list with `UTC` added and legacy ids replaced. */
export function listTimeZones(): readonly string[] {
  if (!zoneList) {
    const raw = Intl.supportedValuesOf('timeZone');
    const names = new Set<string>(raw.map((id) => LEGACY_ZONE_IDS[id] ?? id));
    names.add('UTC');
    zoneList = [...names].sort();
  }
  return zoneList;
}

/**
 * The canonical id for a zone name, or null if no runtime knows it. Case is corrected
 * (`europe/berlin` → `Europe/Berlin`) and legacy ids are mapped to current ones.
 */
export function canonicalTimeZone(name: string): string | null {
  // Temporal also reads a zone out of a date-time string (`2020-01-01T00:00Z` is UTC,
  // `2020-01-01[Europe/Berlin]` is Berlin); an IANA id is only letters, digits and `/_+-`.
  if (name.length > 64 || !/^[A-Za-z][\w+/-]*$/.test(name)) return null;
  let id: string;
  try {
    id = Temporal.Now.zonedDateTimeISO(name).timeZoneId;
  } catch {
    return null;
  }
  // Offsets like "+02:00" are valid Temporal zones but not IANA names; the API wants a name.
  if (/^[+-]/.test(id)) return null;
  return LEGACY_ZONE_IDS[id] ?? id;
}

/** Minutes east of UTC in `zone` at `epochSeconds` (so it follows DST). */
export function zoneOffsetMinutes(zone: string, epochSeconds: number): number {
  const instant = Temporal.Instant.fromEpochMilliseconds(epochSeconds * 1000);
  return Math.round(instant.toZonedDateTimeISO(zone).offsetNanoseconds / 60_000_000_000);
}

/** `+05:30`, `-04:00`, `+00:00` */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}
