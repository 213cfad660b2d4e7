import type { CalendarOptions } from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import interactionPlugin from '@fullcalendar/react/interaction';
import listPlugin from '@fullcalendar/react/list';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import formaThemePlugin from '@fullcalendar/react/themes/forma';

/**
 * FullCalendar's fixed options for the window, in one place so that the calendar-paint benchmark
 * draws its FullCalendar-only baseline with exactly what the app uses.
 */
export const CALENDAR_OPTIONS = {
  plugins: [formaThemePlugin, dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin],
  initialView: 'timeGridWeek',
  // Our own toolbar (and keyboard shortcuts) drive the calendar through its controller.
  headerToolbar: false,
  height: '100%',
  editable: true,
  selectable: true,
  selectMirror: true,
  nowIndicator: true,
  // Meetings always have times; an all-day row would only take room.
  allDaySlot: false,
  scrollTime: '08:00',
  slotDuration: '00:30',
  snapDuration: '00:15',
  // Month: as many meetings per day as the cell holds, then "+N more"; no empty sixth week.
  dayMaxEvents: true,
  fixedWeekCount: false,
  // A busy week (ten meetings at once): overlaps sit side by side rather than on top of each
  // other, at most three across so each stays wide enough to read; the rest go behind "+N more".
  slotEventOverlap: false,
  eventMaxStack: 3,
  // A quarter-hour meeting still gets one line of title; below this height the time is dropped.
  eventMinHeight: 18,
  eventShortHeight: 34,
  eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
  slotHeaderFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
  noEventsText: 'Nothing scheduled in this range',
} as const satisfies CalendarOptions;
