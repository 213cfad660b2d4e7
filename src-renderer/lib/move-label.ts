import { formatTime } from './zoned-time';

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

function weekday(epochSeconds: number, zone: string): string {
  let format = weekdayFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { timeZone: zone, weekday: 'short' });
    weekdayFormats.set(zone, format);
  }
  return format.format(epochSeconds * 1000);
}

/**
 * The toast after a drag or resize: `Moved Planning to Tue 10:00`, or `Planning now ends Tue 11:30`
 * when only the end was pulled, so the user can tell which change Undo would take back.
 */
export function moveLabel(
  name: string,
  before: { start: number; end: number },
  after: { start: number; end: number },
  zone: string,
): string {
  if (before.start === after.start) {
    return `${name} now ends ${weekday(after.end, zone)} ${formatTime(after.end, zone)}`;
  }
  return `Moved ${name} to ${weekday(after.start, zone)} ${formatTime(after.start, zone)}`;
}
