/** The calendar's views (FullCalendar's names); kept as a setting, so the engine knows them too. */
export const CALENDAR_VIEWS = ['timeGridDay', 'timeGridWeek', 'dayGridMonth', 'listWeek'] as const;
export type CalendarViewName = (typeof CALENDAR_VIEWS)[number];

export function isCalendarView(value: string): value is CalendarViewName {
  return (CALENDAR_VIEWS as readonly string[]).includes(value);
}
