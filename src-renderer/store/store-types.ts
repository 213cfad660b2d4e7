import type { StateCreator } from 'zustand';
import type { ConveneApi } from '../../src-main/shared/contract';
import type { WebAlerts } from '../lib/web-notifications';
import type { CalendarSlice } from './calendar-slice';
import type { ConflictSlice } from './conflict-slice';
import type { ConnectionSlice } from './connection-slice';
import type { DownloadsSlice } from './downloads-slice';
import type { EditorSlice } from './editor-slice';
import type { MeetingsSlice } from './meetings-slice';
import type { RecordingsSlice } from './recordings-slice';
import type { RemindersSlice } from './reminders-slice';
import type { SettingsSlice } from './settings-slice';
import type { SyncSlice } from './sync-slice';
import type { ToastsSlice } from './toasts-slice';

export type AppState = CalendarSlice &
  MeetingsSlice &
  EditorSlice &
  ToastsSlice &
  SyncSlice &
  ConflictSlice &
  RemindersSlice &
  SettingsSlice &
  ConnectionSlice &
  RecordingsSlice &
  DownloadsSlice;

/** What the store needs from outside: the contract, the clock and the machine's zone (injected). */
export type StoreDeps = {
  api: ConveneApi;
  now: () => number;
  systemZone: string;
  /** Remembered from the last launch (view, display zone); absent on a first launch. */
  preferences?: Partial<Pick<CalendarSlice, 'view' | 'displayZone'>>;
  /** Web Notifications, in the web shell only: the desktop's main process notifies by itself. */
  alerts?: WebAlerts;
  /** The shell can show a file in its folder (the desktop app; a browser tab cannot). */
  canRevealFiles?: boolean;
};

export type SliceCreator<Slice> = (deps: StoreDeps) => StateCreator<AppState, [], [], Slice>;

/** Unix seconds, half-open: what `meetings:list` takes. */
export type TimeRange = { from: number; to: number };

export function overlaps(m: { start: number; end: number }, range: TimeRange): boolean {
  return m.start < range.to && m.end > range.from;
}
