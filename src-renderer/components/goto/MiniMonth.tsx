import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { addDays, monthGrid } from '../../lib/jump-date';

const STEP: Readonly<Record<string, number>> = {
  ArrowLeft: -1,
  ArrowRight: 1,
  ArrowUp: -7,
  ArrowDown: 7,
};

const monthTitle = new Intl.DateTimeFormat(undefined, {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const weekdayName = new Intl.DateTimeFormat(undefined, { weekday: 'narrow', timeZone: 'UTC' });
const dayLabel = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: 'UTC' });
const utc = (date: string) => Date.parse(`${date}T12:00:00Z`);

type Props = {
  /** The day first focused (`YYYY-MM-DD`): today in the calendar's zone. */
  today: string;
  /** 0 Sunday … 6 Saturday, as FullCalendar's `firstDay`. */
  firstDay: number;
  onPick: (date: string) => void;
  /** The day focused first when it is not today (a date field's current value). */
  selected?: string;
  /** Focus that day at once (a picker opened from the keyboard), not only after a key moved it. */
  focusOnOpen?: boolean;
};

/**
 * A small month to pick a day from. One tab stop (a roving tabindex on the focused day); arrows
 * move by a day or a week, crossing into the next month; PageUp/PageDown by a month.
 */
export function MiniMonth({ today, firstDay, onPick, selected, focusOnOpen }: Props) {
  const [focused, setFocused] = useState(selected ?? today);
  const [moved, setMoved] = useState(focusOnOpen ?? false);
  const grid = useRef<HTMLDivElement>(null);
  const month = focused.slice(0, 7);
  const days = monthGrid(month, firstDay);

  useEffect(() => {
    // Only after a key moved it: on opening, the typed-date field keeps the focus.
    if (moved) grid.current?.querySelector<HTMLElement>(`[data-date="${focused}"]`)?.focus();
  }, [focused, moved]);

  const move = (date: string) => {
    setMoved(true);
    setFocused(date);
  };
  const byMonths = (n: number) => {
    const [y = 0, m = 1] = month.split('-').map(Number);
    const target = new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
    move(`${target}-01`);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = STEP[e.key];
    if (step !== undefined) move(addDays(focused, step));
    else if (e.key === 'PageUp') byMonths(-1);
    else if (e.key === 'PageDown') byMonths(1);
    else return;
    e.preventDefault();
  };

  return (
    <div className="mini-month" data-testid="mini-month">
      <div className="mini-month__header">
        <button type="button" aria-label="Previous month" onClick={() => byMonths(-1)}>
          ‹
        </button>
        <span data-testid="mini-month-title">{monthTitle.format(utc(`${month}-01`))}</span>
        <button type="button" aria-label="Next month" onClick={() => byMonths(1)}>
          ›
        </button>
      </div>
      <div className="mini-month__grid" role="grid" ref={grid} onKeyDown={onKeyDown}>
        {days.slice(0, 7).map((d) => (
          <span key={`h${d}`} className="mini-month__weekday" aria-hidden="true">
            {weekdayName.format(utc(d))}
          </span>
        ))}
        {days.map((d) => (
          <button
            key={d}
            type="button"
            role="gridcell"
            data-date={d}
            aria-label={dayLabel.format(utc(d))}
            aria-current={d === today ? 'date' : undefined}
            aria-selected={selected === undefined ? undefined : d === selected}
            tabIndex={d === focused ? 0 : -1}
            className={[
              'mini-month__day',
              d.slice(0, 7) !== month && 'mini-month__day--outside',
              d === today && 'mini-month__day--today',
              d === selected && 'mini-month__day--selected',
            ]
              .filter(Boolean)
              .join(' ')}
            onClick={() => onPick(d)}
          >
            {Number(d.slice(8))}
          </button>
        ))}
      </div>
    </div>
  );
}
