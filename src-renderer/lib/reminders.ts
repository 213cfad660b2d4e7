import {
  SNOOZE_CHOICES,
  type ReminderDto,
  type SnoozeChoice,
} from '../../src-main/shared/contract';
import { plural } from './sync-labels';

/** What each snooze choice says on its button (the engine decides the exact moment). */
export const SNOOZE_LABELS: Readonly<Record<SnoozeChoice, string>> = {
  '5min': 'For 5 minutes',
  minuteBefore: 'Until 1 minute before',
  atStart: 'Until it starts',
  '5minAfter': 'Until 5 minutes after it starts',
};

/** When each choice would bring the reminder back, in Unix seconds. */
function snoozeTarget(choice: SnoozeChoice, start: number, now: number): number {
  switch (choice) {
    case '5min':
      return now + 300;
    case 'minuteBefore':
      return start - 60;
    case 'atStart':
      return start;
    case '5minAfter':
      return start + 300;
  }
}

/**
 * The snooze choices still worth offering at `now` (Unix seconds): one whose moment has passed would
 * bring the reminder back at once, and the engine refuses one at or after the meeting's end.
 */
export function snoozeChoices(reminder: Pick<ReminderDto, 'start' | 'end'>, now: number) {
  return SNOOZE_CHOICES.filter((choice) => {
    const at = snoozeTarget(choice, reminder.start, now);
    return at > now && at < reminder.end;
  });
}

/** `45 min`, `1 h`, `2 h 5 min`, `1 day 3 h`: how far off, in whole minutes. */
function span(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const days = Math.floor(minutes / (24 * 60));
  const h = Math.floor((minutes % (24 * 60)) / 60);
  return h === 0 ? plural(days, 'day') : `${plural(days, 'day')} ${h} h`;
}

/**
 * "starts in 4 min", "started 2 min ago", "ended 10 min ago": from the meeting's start and end
 * against `now` (all Unix seconds). Minutes to go round up, so "in 1 min" lasts until the start;
 * minutes gone round down, so the first minute after it reads "started just now".
 */
export function startsIn(reminder: Pick<ReminderDto, 'start' | 'end'>, now: number): string {
  const { start, end } = reminder;
  if (now >= end) {
    const ago = Math.floor((now - end) / 60);
    return ago === 0 ? 'ended just now' : `ended ${span(ago)} ago`;
  }
  if (start > now) return `starts in ${span(Math.ceil((start - now) / 60))}`;
  const ago = Math.floor((now - start) / 60);
  return ago === 0 ? 'started just now' : `started ${span(ago)} ago`;
}

/** Only https links are opened: the template is the engine's, but the window checks what it opens. */
export function joinableUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The showing list split as the banner shows it: one card per reminder shown on time, and the ones
 * that came due while the app was closed or asleep (missed ones among them) in one summary.
 */
export function groupReminders(list: readonly ReminderDto[]) {
  const onTime: ReminderDto[] = [];
  const away: ReminderDto[] = [];
  for (const r of list) (r.catchUp || r.missed ? away : onTime).push(r);
  return { onTime, away };
}

/**
 * The summary's headline. "Started" only when every one of them has: a reminder set a day ahead can
 * also come due while the app is closed, for a meeting still to come.
 */
export function awaySummary(items: readonly Pick<ReminderDto, 'start'>[], now: number): string {
  const n = items.length;
  if (items.every((r) => r.start <= now)) {
    return `${plural(n, 'meeting')} started while you were away`;
  }
  return `${plural(n, 'reminder')} came due while you were away`;
}
