import {
  Calendar,
  type CalendarController,
  type DateSelectInfo,
  type DatesSetInfo,
  type EventChangeInfo,
  type EventClickInfo,
  type EventDisplayInfo,
  type EventInput,
  type MountInfo,
} from '@fullcalendar/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MeetingDto, MeetingId } from '../../src-main/shared/contract';
import { CALENDAR_ELEMENT_ID } from '../lib/calendar-focus';
import { DEFAULT_WORKING_HOURS } from '../lib/settings-form';
import { atHour } from '../lib/zoned-time';
import { useAppStore, useAppStoreApi } from '../store/AppStoreProvider';
import { isCalendarView } from '../store/calendar-slice';
import { CALENDAR_OPTIONS } from './calendar-options';
import { EventBody } from './EventBody';

const toSeconds = (d: Date) => Math.floor(d.getTime() / 1000);
const hhmm = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
/** Monday to Friday, in FullCalendar's numbering (0 is Sunday). */
const WORKDAYS = [1, 2, 3, 4, 5];

/** The grid's and the meetings' time labels on the clock in force: `14:00`, or `2 PM`/`2:30 PM`. */
function clockFormat(hour12: boolean) {
  if (!hour12) {
    const h23 = { hour: '2-digit', minute: '2-digit', hour12: false } as const;
    return { event: h23, slot: h23 };
  }
  return {
    event: { hour: 'numeric', minute: '2-digit', hour12: true },
    slot: { hour: 'numeric', minute: '2-digit', omitZeroMinute: true, hour12: true },
  } as const;
}

function toEvent(m: MeetingDto): EventInput {
  return {
    id: String(m.id),
    title: m.name,
    // Epoch milliseconds are instants, so FullCalendar places them right in any display zone.
    start: m.start * 1000,
    end: m.end * 1000,
    editable: !m.readOnly,
  };
}

/** The calendar: FullCalendar v7 over the store's meetings, in the chosen display zone. */
export function CalendarPane({ controller }: { controller: CalendarController }) {
  const store = useAppStoreApi();
  const meetings = useAppStore((s) => s.meetings);
  const displayZone = useAppStore((s) => s.displayZone);
  const selectedId = useAppStore((s) => s.selectedId);
  const gotoRequest = useAppStore((s) => s.gotoRequest);
  const hours = useAppStore((s) => s.settings?.workingHours ?? DEFAULT_WORKING_HOURS);
  const { start: workStart, end: workEnd } = hours;
  // Shaded outside Monday–Friday's working hours; the grid opens scrolled to their start.
  const businessHours = useMemo(
    () => ({ daysOfWeek: WORKDAYS, startTime: hhmm(workStart), endTime: hhmm(workEnd) }),
    [workStart, workEnd],
  );
  const events = useMemo(() => Object.values(meetings).map(toEvent), [meetings]);
  // Week start and clock: the OS locale's unless the settings say otherwise.
  const { firstDay, hour12 } = useAppStore((s) => s.clock);
  const timeFormat = useMemo(() => clockFormat(hour12), [hour12]);
  // The view the window last used; afterwards FullCalendar owns it and reports it via datesSet.
  const [initialView] = useState(() => store.getState().view);

  useEffect(() => {
    if (gotoRequest === null) return;
    controller.gotoDate(gotoRequest * 1000);
    store.getState().requestGoto(null);
  }, [gotoRequest, controller, store]);

  const onDatesSet = useCallback(
    (info: DatesSetInfo) => {
      const view = info.view.type;
      if (!isCalendarView(view)) return;
      const range = { from: toSeconds(info.start), to: Math.ceil(info.end.getTime() / 1000) };
      const state = store.getState();
      const same =
        state.visibleRange?.from === range.from &&
        state.visibleRange.to === range.to &&
        state.loadState !== 'error';
      state.setVisible(view, range, info.view.title);
      if (!same) void state.loadRange(range);
    },
    [store],
  );

  const onSelect = useCallback(
    (info: DateSelectInfo) => {
      const state = store.getState();
      let start = toSeconds(info.start);
      let end = toSeconds(info.end);
      if (info.allDay) {
        // A day picked in the month view: a meeting that day at 09:00, an hour long.
        start = atHour(start, state.displayZone, 9);
        end = start + 3600;
      }
      info.view.calendar.unselect();
      state.openNewMeeting({ start, end });
    },
    [store],
  );

  const onEventClick = useCallback(
    (info: EventClickInfo) => {
      info.jsEvent.preventDefault();
      store.getState().openMeeting(Number(info.event.id) as MeetingId);
    },
    [store],
  );

  const onEventChange = useCallback(
    (info: EventChangeInfo) => {
      const { start, end } = info.event;
      if (!start || !end) return;
      // The store applies the move at once and puts it back if the engine refuses; the events
      // prop then redraws FullCalendar from the store, so no revert() is needed here.
      void store
        .getState()
        .moveMeeting(Number(info.event.id) as MeetingId, toSeconds(start), toSeconds(end));
    },
    [store],
  );

  const onEventDidMount = useCallback((info: MountInfo<EventDisplayInfo>) => {
    info.el.dataset.meetingId = info.event.id;
    info.el.dataset.testid = 'meeting-event';
  }, []);

  const eventContent = useCallback(
    (info: EventDisplayInfo) => {
      const meeting = meetings[Number(info.event.id)];
      if (!meeting) return true;
      return (
        <EventBody
          meeting={meeting}
          timeText={info.timeText}
          displayZone={displayZone}
          listView={info.view.type.startsWith('list')}
          short={info.isShort}
        />
      );
    },
    [meetings, displayZone],
  );

  const eventClass = useCallback(
    (info: EventDisplayInfo) => {
      const meeting = meetings[Number(info.event.id)];
      return [
        'cv-event',
        info.view.type.startsWith('list') && 'cv-event--list',
        info.view.type.startsWith('dayGrid') && 'cv-event--row',
        // Hosted here or invited (read-only): told apart by colour in calendar.css.
        meeting && (meeting.readOnly ? 'cv-event--readonly' : 'cv-event--hosted'),
        // Not (yet) on the server, or needing a decision: styled in sync.css.
        meeting && `cv-event--${meeting.sync}`,
        meeting?.draft && 'cv-event--draft',
        meeting?.id === selectedId && 'cv-event--selected',
      ]
        .filter(Boolean)
        .join(' ');
    },
    [meetings, selectedId],
  );

  return (
    <div
      id={CALENDAR_ELEMENT_ID}
      className="calendar"
      // Focusable from script only: where the keyboard goes back to after a toolbar pick.
      tabIndex={-1}
      data-testid="calendar"
      onFocus={(e) => {
        // Keyboard users pick a meeting by focusing it; Delete then acts on it.
        const el = (e.target as HTMLElement).closest<HTMLElement>('[data-meeting-id]');
        if (el) store.getState().selectMeeting(Number(el.dataset.meetingId) as MeetingId);
      }}
    >
      <Calendar
        {...CALENDAR_OPTIONS}
        initialView={initialView}
        controller={controller}
        timeZone={displayZone}
        businessHours={businessHours}
        nonBusinessHoursClass="cv-non-business"
        scrollTime={hhmm(workStart)}
        firstDay={firstDay}
        eventTimeFormat={timeFormat.event}
        slotHeaderFormat={timeFormat.slot}
        events={events}
        datesSet={onDatesSet}
        select={onSelect}
        eventClick={onEventClick}
        eventDrop={onEventChange}
        eventResize={onEventChange}
        eventDidMount={onEventDidMount}
        eventContent={eventContent}
        eventClass={eventClass}
      />
    </div>
  );
}
