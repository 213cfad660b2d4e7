import { Temporal } from 'temporal-polyfill';
import { canonicalTimeZone } from '../../src-main/shared/time-zones';
import { clockPrefs } from './clock-prefs';

/**
 * Wall-clock time in a named zone, as the editor's native date and time inputs hold it. The editor
 * keeps what was typed (not instants) so an incomplete or invalid entry is never lost; switching a
 * meeting's zone converts it, so the meeting stays at the instant the person picked.
 */
export type WallClock = { date: string; time: string };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^\d{2}:\d{2}(:\d{2})?$/;

export function toWallClock(epochSeconds: number, zone: string): WallClock {
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochSeconds * 1000).toZonedDateTimeISO(
    zone,
  );
  return {
    date: zoned.toPlainDate().toString(),
    time: zoned.toPlainTime().toString({ smallestUnit: 'minute' }),
  };
}

/**
 * Unix seconds for a wall-clock time in `zone`, or null when the inputs are incomplete. A time that
 * does not exist (skipped by a DST change) resolves forward, as calendars conventionally do.
 */
export function fromWallClock(wall: WallClock, zone: string): number | null {
  if (!DATE_RE.test(wall.date) || !TIME_RE.test(wall.time)) return null;
  try {
    const zoned = Temporal.PlainDateTime.from(`${wall.date}T${wall.time}`).toZonedDateTime(zone, {
      disambiguation: 'compatible',
    });
    return Math.floor(zoned.epochMilliseconds / 1000);
  } catch {
    return null;
  }
}

/** The zone this computer is set to, canonicalised (`Asia/Calcutta` → `Asia/Kolkata`). */
export function systemTimeZone(): string {
  const raw = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return canonicalTimeZone(raw) ?? 'UTC';
}

/** `America/Argentina/Buenos_Aires` → `Buenos Aires`; `UTC` stays `UTC`. */
export function zoneCity(zone: string): string {
  const last = zone.split('/').pop() ?? zone;
  return last.replaceAll('_', ' ');
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * One `Intl.DateTimeFormat` per zone and purpose: building one is slow, and the calendar formats
 * hundreds of times per paint.
 */
export function cachedFormat(
  purpose: string,
  zone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${purpose} ${zone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
    formats.set(key, format);
  }
  return format;
}

/** The clock options for the preferences in force: `14:05`, or `2:05 PM`. */
export function clockOptions(): Intl.DateTimeFormatOptions {
  return clockPrefs().hour12
    ? { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' }
    : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
}

const clockKey = () => (clockPrefs().hour12 ? '12h' : '24h');

function timeFormat(zone: string): Intl.DateTimeFormat {
  // The same clock as the calendar's own time labels beside it.
  return cachedFormat(`time ${clockKey()}`, zone, clockOptions());
}

/** `14:05` (or `2:05 PM`) in `zone`, on the clock the calendar uses. */
export function formatTime(epochSeconds: number, zone: string): string {
  return timeFormat(zone).format(epochSeconds * 1000);
}

/** `Mon, 23 Nov 2026, 14:05` in `zone` (the order follows the locale, the clock the setting). */
export function formatDateTime(epochSeconds: number, zone: string): string {
  const format = cachedFormat(`date-time ${clockKey()}`, zone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...clockOptions(),
  });
  return format.format(epochSeconds * 1000);
}

/** Unix seconds for an ISO time from the engine, or null when it is missing or unreadable. */
export function isoToSeconds(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** `09:00 – 10:30` in `zone`. */
export function formatTimeRange(start: number, end: number, zone: string): string {
  const format = timeFormat(zone);
  return `${format.format(start * 1000)} – ${format.format(end * 1000)}`;
}

/**
 * Start of the next whole hour after `nowMs` on the clocks of `zone`, in Unix seconds: where a new
 * meeting begins. Rounded there, not in UTC, or a +05:30 zone would get meetings at half past.
 */
export function nextWholeHour(nowMs: number, zone: string): number {
  const next = Temporal.Instant.fromEpochMilliseconds(nowMs)
    .toZonedDateTimeISO(zone)
    .round({ smallestUnit: 'hour', roundingMode: 'floor' })
    .add({ hours: 1 });
  return Math.floor(next.epochMilliseconds / 1000);
}

/** The same calendar day as `epochSeconds` in `zone`, at `hour`:00 there. */
export function atHour(epochSeconds: number, zone: string, hour: number): number {
  const day = Temporal.Instant.fromEpochMilliseconds(epochSeconds * 1000)
    .toZonedDateTimeISO(zone)
    .toPlainDate();
  const zoned = day.toZonedDateTime({ timeZone: zone, plainTime: new Temporal.PlainTime(hour) });
  return Math.floor(zoned.epochMilliseconds / 1000);
}
