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
  dayMaxEvents: true,
  eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
  slotHeaderFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
  noEventsText: 'Nothing scheduled in this range',
} as const satisfies CalendarOptions;
