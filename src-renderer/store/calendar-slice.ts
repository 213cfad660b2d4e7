import type { MeetingId } from '../../src-main/shared/contract';
import type { SliceCreator, TimeRange } from './store-types';

import type { CalendarViewName } from '../../src-main/shared/calendar-views';

export {
  CALENDAR_VIEWS,
  isCalendarView,
  type CalendarViewName,
} from '../../src-main/shared/calendar-views';

export type CalendarSlice = {
  view: CalendarViewName;
  /** What the calendar shows right now; meetings are loaded for exactly this range. */
  visibleRange: TimeRange | null;
  title: string;
  /** The zone the calendar is drawn in (FullCalendar `timeZone`). */
  displayZone: string;
  /** The meeting Delete acts on when no editor is open (last clicked or focused). */
  selectedId: MeetingId | null;
  helpOpen: boolean;
  /** The "Go to date" box (Ctrl/Cmd+K or /): a typed date or a pick in its month grid. */
  goToOpen: boolean;
  /** A date the calendar should show next (a meeting just saved outside the visible range). */
  gotoRequest: number | null;
  /** Unix seconds when the window opened: the instant zone offsets fall back to. */
  startedAt: number;
  setVisible: (view: CalendarViewName, range: TimeRange, title: string) => void;
  setDisplayZone: (zone: string) => void;
  requestGoto: (at: number | null) => void;
  selectMeeting: (id: MeetingId | null) => void;
  setHelpOpen: (open: boolean) => void;
  setGoToOpen: (open: boolean) => void;
};

export const createCalendarSlice: SliceCreator<CalendarSlice> = (deps) => (set) => ({
  view: deps.preferences?.view ?? 'timeGridWeek',
  visibleRange: null,
  title: '',
  displayZone: deps.preferences?.displayZone ?? deps.systemZone,
  selectedId: null,
  helpOpen: false,
  goToOpen: false,
  gotoRequest: null,
  startedAt: Math.floor(deps.now() / 1000),
  setVisible: (view, visibleRange, title) => set({ view, visibleRange, title }),
  setDisplayZone: (displayZone) => set({ displayZone }),
  requestGoto: (gotoRequest) => set({ gotoRequest }),
  selectMeeting: (selectedId) => set({ selectedId }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setGoToOpen: (goToOpen) => set({ goToOpen }),
});
