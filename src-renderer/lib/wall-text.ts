import { Temporal } from 'temporal-polyfill';
import { parseJumpDate } from './jump-date';
import { cachedFormat } from './zoned-time';

/**
 * The editor's date and time fields are plain text boxes (one tab stop each, unlike the browser's
 * segmented date and time inputs): they show the locale's way of writing a day and the clock the
 * settings ask for, and read back what people type — `14:30`, `2:30pm`, `1430`, `9`; `2027-03-16`,
 * `Mar 16`, `16 March 2027`, `3/16/2027` in the locale's order, `tomorrow`, `fri`.
 */

const TIME_24 = /^(\d{1,2})(?::?(\d{2}))?$/;
const ENGLISH_PERIODS = { am: ['am', 'a'], pm: ['pm', 'p'] };

const squash = (s: string) => s.toLowerCase().replace(/[\s.]/g, '');

/** Building Intl formats is slow and these run on every keystroke: one answer per locale. */
function perLocale<T>(build: (locale?: string) => T): (locale?: string) => T {
  const cache = new Map<string, T>();
  return (locale) => {
    const key = locale ?? '';
    let value = cache.get(key);
    if (value === undefined) {
      value = build(locale);
      cache.set(key, value);
    }
    return value;
  };
}

/** AM and PM as the locale writes them (`am`/`pm`, `a.m.`, `vorm.`), squashed for matching. */
const dayPeriods = perLocale((locale?: string): { am: string[]; pm: string[] } => {
  const format = new Intl.DateTimeFormat(locale, {
    hour: 'numeric',
    hourCycle: 'h12',
    timeZone: 'UTC',
  });
  const period = (hour: number) =>
    squash(
      format.formatToParts(Date.UTC(2000, 0, 1, hour)).find((p) => p.type === 'dayPeriod')?.value ??
        '',
    );
  const am = period(1);
  const pm = period(13);
  return {
    am: am ? [...ENGLISH_PERIODS.am, am] : ENGLISH_PERIODS.am,
    pm: pm ? [...ENGLISH_PERIODS.pm, pm] : ENGLISH_PERIODS.pm,
  };
});

/** `HH:MM` for what was typed into a time field, or null when it is not a time of day. */
export function parseTimeText(text: string, locale?: string): string | null {
  // `14.30` and `14h30` are how some locales write times; an inner dot is a separator, not AM/PM.
  let input = squash(text.trim().replace(/(\d)[.h](\d)/g, '$1:$2'));
  if (input === '') return null;
  const periods = dayPeriods(locale);
  let period: 'am' | 'pm' | null = null;
  for (const key of ['am', 'pm'] as const) {
    const suffix = periods[key]
      .filter((p) => input.endsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    if (suffix && /\d$/.test(input.slice(0, -suffix.length))) {
      period = key;
      input = input.slice(0, -suffix.length);
      break;
    }
  }
  const match = TIME_24.exec(input);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  if (minute > 59) return null;
  if (period !== null) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (period === 'pm' ? 12 : 0);
  } else if (hour > 23) {
    return null;
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const isTime = (time: string) => /^\d{2}:\d{2}$/.test(time);

/** `14:30` as the field shows it: `14:30`, or `2:30 PM` on a 12-hour clock. */
export function formatTimeText(time: string, hour12: boolean): string {
  if (!isTime(time)) return time;
  const [h = 0, m = 0] = time.split(':').map(Number);
  const format = cachedFormat(`field-time ${hour12 ? '12h' : '24h'}`, 'UTC', {
    hour: hour12 ? 'numeric' : '2-digit',
    minute: '2-digit',
    hourCycle: hour12 ? 'h12' : 'h23',
  });
  return format.format(Date.UTC(2000, 0, 1, h, m));
}

/** `time` moved by `minutes`, first snapped to the step so 10:07 goes to 10:15, round the clock. */
export function stepTime(time: string, minutes: number): string {
  const [h = 0, m = 0] = isTime(time) ? time.split(':').map(Number) : [9, 0];
  const step = Math.abs(minutes);
  const now = h * 60 + m;
  const snapped = minutes > 0 ? Math.floor(now / step) * step : Math.ceil(now / step) * step;
  const next = (((snapped + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(next / 60)).padStart(2, '0')}:${String(next % 60).padStart(2, '0')}`;
}

const isDate = (date: string) => /^\d{4}-\d{2}-\d{2}$/.test(date);

/** `2026-11-25` as the field shows it: `Wed, Nov 25, 2026` (the locale's words and order). */
export function formatDateText(date: string): string {
  if (!isDate(date)) return date;
  return cachedFormat('field-date', 'UTC', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(Date.parse(`${date}T12:00:00Z`));
}

type NameTable = { months: string[][]; weekdays: string[] };

/** Month names (long and short, the locale's and English) and weekday names, squashed. */
const nameTable = perLocale((locale?: string): NameTable => {
  const names = (options: Intl.DateTimeFormatOptions, dates: number[]) =>
    [locale, 'en'].flatMap((l) =>
      dates.map((d) =>
        squash(new Intl.DateTimeFormat(l, { ...options, timeZone: 'UTC' }).format(d)),
      ),
    );
  const monthDates = Array.from({ length: 12 }, (_, i) => Date.UTC(2000, i, 15));
  const months = monthDates.map((d) => [
    ...new Set(names({ month: 'long' }, [d]).concat(names({ month: 'short' }, [d]))),
  ]);
  // 2000-01-02 was a Sunday.
  const dayDates = Array.from({ length: 7 }, (_, i) => Date.UTC(2000, 0, 2 + i));
  const weekdays = names({ weekday: 'long' }, dayDates).concat(
    names({ weekday: 'short' }, dayDates),
  );
  return { months, weekdays };
});

/** The locale's order of day, month and year in a numeric date (`3/16/2027` or `16/03/2027`). */
const numericOrder = perLocale((locale?: string): ('day' | 'month' | 'year')[] =>
  new Intl.DateTimeFormat(locale, { timeZone: 'UTC' })
    .formatToParts(Date.UTC(2027, 2, 16))
    .map((p) => p.type)
    .filter((t): t is 'day' | 'month' | 'year' => t === 'day' || t === 'month' || t === 'year'),
);

function plainDate(year: number, month: number, day: number): string | null {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' }).toString();
  } catch {
    return null;
  }
}

const fullYear = (y: number, digits: number) => (digits <= 2 ? 2000 + y : y);

/**
 * `YYYY-MM-DD` for what was typed into a date field, or null when it is not understood. A date
 * without a year is in `today`'s year; numbers alone are read in the locale's order.
 */
export function parseDateText(text: string, today: string, locale?: string): string | null {
  const jump = parseJumpDate(text, today);
  if (jump) return jump;
  const { months, weekdays } = nameTable(locale);
  const tokens = text
    .toLowerCase()
    .split(/[\s,/.-]+/)
    .map(squash)
    .filter((t) => t !== '' && !weekdays.includes(t));
  const year = Temporal.PlainDate.from(today).year;
  const words = tokens.filter((t) => !/^\d+$/.test(t));
  const numbers = tokens.filter((t) => /^\d+$/.test(t));
  if (words.length === 1) {
    const word = words[0] ?? '';
    if (word.length < 3) return null;
    const month = months.findIndex((names) => names.some((n) => n.startsWith(word)));
    if (month < 0 || numbers.length === 0 || numbers.length > 2) return null;
    const [a = '', b] = numbers;
    // `16 March 2027`, `March 16, 2027`, `2027 March 16`: the year is the long number.
    const [dayText, yearText] = a.length > 2 ? [b ?? '', a] : [a, b];
    return plainDate(
      yearText === undefined ? year : fullYear(Number(yearText), yearText.length),
      month + 1,
      Number(dayText),
    );
  }
  if (words.length > 0 || numbers.length < 2 || numbers.length > 3) return null;
  if ((numbers[0] ?? '').length === 4) {
    const [y, m, d] = numbers.map(Number);
    return plainDate(y ?? 0, m ?? 0, d ?? 1);
  }
  const order = numericOrder(locale).filter((part) => numbers.length === 3 || part !== 'year');
  const parts: Record<string, number> = { year };
  order.forEach((part, i) => {
    const token = numbers[i] ?? '';
    parts[part] = part === 'year' ? fullYear(Number(token), token.length) : Number(token);
  });
  return plainDate(parts.year ?? year, parts.month ?? 0, parts.day ?? 0);
}
