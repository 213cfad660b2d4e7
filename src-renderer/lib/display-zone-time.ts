import { cachedFormat, formatTime, toWallClock } from './zoned-time';

function formatDay(epochSeconds: number, zone: string): string {
  const format = cachedFormat('day', zone, { weekday: 'short', day: 'numeric', month: 'short' });
  return format.format(epochSeconds * 1000);
}

/**
 * A meeting set in another zone, restated in the calendar's: `= 10:00–11:30 your time`. The day is
 * named when it is not the day the editor's fields show, so "your Tuesday" is never mistaken.
 */
export function inDisplayZone(
  start: number,
  end: number,
  displayZone: string,
  fieldsDate: string,
): string {
  const startDay = toWallClock(start, displayZone).date;
  const endDay = toWallClock(end, displayZone).date;
  const from = formatTime(start, displayZone);
  const to = formatTime(end, displayZone);
  if (startDay === fieldsDate && endDay === startDay) return `= ${from}–${to} your time`;
  const toText = endDay === startDay ? to : `${formatDay(end, displayZone)} ${to}`;
  return `= ${formatDay(start, displayZone)} ${from}–${toText} your time`;
}
