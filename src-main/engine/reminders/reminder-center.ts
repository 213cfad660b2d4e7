import type { ReminderDto, SnoozeChoice } from '../../shared/contract';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { Timers } from '../timers';
import { createReminderScheduler } from './reminder-scheduler';
import { createReminders, type RemindersDeps } from './reminders-service';

type Listener = (showing: ReminderDto[]) => void;

/**
 * The window's reminders: derived before every commit that touches a meeting, fired by one timer,
 * and told to the shells as the list now showing. Started by whoever listens (a catch-up shown
 * before anyone listens would be lost); stopped by the engine's `close()`.
 */
export function createReminderCenter(
  deps: RemindersDeps & { db: Database; clock: Clock; timers: Timers },
) {
  const reminders = createReminders(deps);
  const listeners = new Set<Listener>();
  const emit = (list: ReminderDto[]) => {
    for (const listener of listeners) listener(list);
  };
  const scheduler = createReminderScheduler({
    clock: deps.clock,
    timers: deps.timers,
    nextDueMs: reminders.nextDueMs,
    fire: () => {
      const list = reminders.fire();
      if (list) emit(list);
    },
  });
  // A change to a meeting moves its reminder in the same transaction; the timer follows after it
  // commits (a rolled-back change must not leave the timer pointing at nothing).
  // A meeting whose reminder is showing may have been renamed, moved or given its link (sync):
  // the list is pushed again so the window never shows a stale reminder.
  let stopped = false;
  deps.db.beforeCommit(() => {
    if (!reminders.derive()) return;
    queueMicrotask(() => {
      if (stopped) return; // the engine closed right after this commit
      scheduler.arm();
      const list = reminders.showing();
      if (list.length > 0) emit(list);
    });
  });

  return {
    start: () => scheduler.start(),
    stop: () => {
      stopped = true;
      scheduler.stop();
    },
    /** The machine woke or the screen was unlocked. */
    resume: () => scheduler.resume(),
    showing: () => reminders.showing(),
    snooze(meetingId: number, until: SnoozeChoice | number): ReminderDto[] {
      reminders.snooze(meetingId, until);
      scheduler.arm();
      const list = reminders.showing();
      emit(list);
      return list;
    },
    dismiss(meetingId: number): ReminderDto[] {
      reminders.dismiss(meetingId);
      scheduler.arm();
      const list = reminders.showing();
      emit(list);
      return list;
    },
    next: () => reminders.next(),
    armedFor: () => scheduler.armedFor(),
    onChange(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    service: reminders,
  };
}

export type ReminderCenter = ReturnType<typeof createReminderCenter>;
