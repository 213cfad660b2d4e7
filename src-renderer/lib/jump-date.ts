import { Temporal } from 'temporal-polyfill';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * What a person types into "Go to date", as a calendar day (`YYYY-MM-DD`), or null if it is not
 * understood: an ISO date, `today` / `tomorrow` / `yesterday`, or a weekday (`friday`: the next
 * one after today; `next monday`: the same, said the long way). Day names may be cut to three
 * letters. `today` is the day in the calendar's zone, not necessarily the computer's.
 */
export function parseJumpDate(text: string, today: string): string | null {
  const input = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(input)) {
    const [y, m, d] = input.split('-').map(Number) as [number, number, number];
    try {
      return Temporal.PlainDate.from(
        { year: y, month: m, day: d },
        { overflow: 'reject' },
      ).toString();
    } catch {
      return null;
    }
  }
  const base = Temporal.PlainDate.from(today);
  if (input === 'today') return base.toString();
  if (input === 'tomorrow') return base.add({ days: 1 }).toString();
  if (input === 'yesterday') return base.subtract({ days: 1 }).toString();
  const name = input.replace(/^next /, '');
  if (name.length < 3) return null;
  const index = WEEKDAYS.findIndex((w) => w.startsWith(name));
  if (index < 0) return null;
  // Temporal numbers Monday 1 … Sunday 7; always strictly after today, so "monday" on a Monday is
  // a week on.
  const ahead = ((index + 1 - base.dayOfWeek + 6) % 7) + 1;
  return base.add({ days: ahead }).toString();
}

/** The 6×7 days of the month grid holding `month` (`YYYY-MM`), weeks starting on `firstDay`. */
export function monthGrid(month: string, firstDay: number): string[] {
  const first = Temporal.PlainDate.from(`${month}-01`);
  // Temporal's Sunday is 7; FullCalendar's (and `firstDay`'s) is 0.
  const back = (first.dayOfWeek % 7) - firstDay;
  const start = first.subtract({ days: (back + 7) % 7 });
  return Array.from({ length: 42 }, (_, i) => start.add({ days: i }).toString());
}

/** `date` moved by `days` (arrow keys in the month grid). */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}
