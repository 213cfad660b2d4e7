import type { Clock } from '../clock';
import type { TimerHandle, Timers } from '../timers';

/** How often the wall clock is looked at, to catch clock jumps and sleep the timer cannot see. */
export const WALL_CLOCK_CHECK_MS = 30_000;
/** Node timers cannot wait longer than ~24.8 days; a far reminder is re-armed by the check. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * One timer for the next due reminder (never one per meeting, never polling every second),
 * re-armed when reminders change, plus a check of the wall clock every 30 s: a timer set before
 * the machine slept, or before the clock was moved, fires late or never, and the check (or the
 * shell's resume signal) fires what is due then.
 */
export function createReminderScheduler(deps: {
  clock: Clock;
  timers: Timers;
  nextDueMs: () => number | null;
  /** Shows what is due now. */
  fire: () => void;
}) {
  const { clock, timers } = deps;
  let timer: TimerHandle | undefined;
  let armedFor: number | null = null;
  let watchdog: TimerHandle | undefined;
  let running = false;
  /** Stopped for good (the engine closed): a start queued before that does nothing. */
  let stopped = false;

  function fireNow(): void {
    clearTimer();
    deps.fire();
    arm();
  }

  function clearTimer(): void {
    timers.clearTimeout(timer);
    timer = undefined;
    armedFor = null;
  }

  /** Points the one timer at the next due reminder (a no-op when it already is). */
  function arm(): void {
    if (!running) return;
    const next = deps.nextDueMs();
    if (next === armedFor && (next === null || timer !== undefined)) return;
    clearTimer();
    if (next === null) return;
    armedFor = next;
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        armedFor = null;
        fireNow();
      },
      Math.min(MAX_DELAY_MS, Math.max(0, next - clock.now())),
    );
  }

  /** Fires what is due by the wall clock now; otherwise re-aims the timer. */
  function check(): void {
    if (!running) return;
    const next = deps.nextDueMs();
    if (next !== null && next <= clock.now()) fireNow();
    else arm();
  }

  function tick(): void {
    watchdog = timers.setTimeout(() => {
      check();
      if (running) tick();
    }, WALL_CLOCK_CHECK_MS);
  }

  return {
    /** Starts the timers and shows what came due while the app was closed. */
    start(): void {
      if (running || stopped) return;
      running = true;
      check();
      tick();
    },
    arm,
    /** The machine woke up or the screen was unlocked: catch up now. */
    resume: check,
    /** When the one timer is set to go off, or null. */
    armedFor: () => armedFor,
    stop(): void {
      running = false;
      stopped = true;
      clearTimer();
      timers.clearTimeout(watchdog);
      watchdog = undefined;
    },
  };
}

export type ReminderScheduler = ReturnType<typeof createReminderScheduler>;
