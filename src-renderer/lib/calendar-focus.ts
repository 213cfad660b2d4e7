/** The calendar's element id: the toolbar hands the keyboard back to it (see focusCalendar). */
export const CALENDAR_ELEMENT_ID = 'calendar';

/** Moves focus to the calendar, so that shortcut keys reach it again. */
export function focusCalendar(): void {
  document.getElementById(CALENDAR_ELEMENT_ID)?.focus({ preventScroll: true });
}
