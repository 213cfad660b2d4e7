import type { Clock } from '../../src-main/engine/clock';
import type { TimerHandle, Timers } from '../../src-main/engine/timers';

type PendingTimer = { at: number; seq: number; fn: () => void };

/** A runaway guard: a timer that keeps re-arming itself at 0 ms would otherwise never let go. */
const MAX_FIRINGS_PER_ADVANCE = 100_000;

/** Lets promise chains and I/O callbacks that are already settled run (a few event-loop turns). */
async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A clock that only moves when told to, and the timers that go with it: `advance` fires every timer
 * that falls due on the way, in time order (same instant: in the order they were set), including
 * timers those timers set. Starts at a fixed instant so runs are repeatable.
 */
export class FakeClock implements Clock, Timers {
  private readonly timers = new Map<TimerHandle, PendingTimer>();
  private seq = 0;

  constructor(private ms = Date.UTC(2026, 10, 23, 9, 0, 0)) {}

  now(): number {
    return this.ms;
  }

  /** Moves time forward by `ms`, firing the timers due on the way (synchronously). */
  advance(ms: number): void {
    const target = this.ms + ms;
    for (let fired = 0; ; fired++) {
      if (!this.fireNext(target, fired)) break;
    }
    this.ms = target;
  }

  /**
   * Like `advance`, but lets settled promises and I/O callbacks run before and after each firing,
   * so an async worker woken by one timer can finish its step (and set the next timer) in time.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.ms + ms;
    for (let fired = 0; ; fired++) {
      await settle();
      if (!this.fireNext(target, fired)) break;
    }
    this.ms = target;
  }

  /** Jumps to an instant without firing anything; due timers fire on the next `advance`. */
  set(ms: number): void {
    this.ms = ms;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle: TimerHandle = { __timer: true };
    // Like Node: a negative or non-finite delay means "as soon as possible".
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    this.timers.set(handle, { at: this.ms + delay, seq: this.seq++, fn });
    return handle;
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle !== undefined) this.timers.delete(handle);
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  /** Fires the earliest timer due by `target`, moving time to it; false when there is none. */
  private fireNext(target: number, fired: number): boolean {
    let next: [TimerHandle, PendingTimer] | undefined;
    for (const entry of this.timers) {
      const [, t] = entry;
      if (t.at > target) continue;
      if (!next || t.at < next[1].at || (t.at === next[1].at && t.seq < next[1].seq)) next = entry;
    }
    if (!next) return false;
    if (fired >= MAX_FIRINGS_PER_ADVANCE) {
      throw new Error(
        `FakeClock: more than ${MAX_FIRINGS_PER_ADVANCE} timers fired in one advance`,
      );
    }
    const [handle, timer] = next;
    this.timers.delete(handle);
    this.ms = Math.max(this.ms, timer.at);
    timer.fn();
    return true;
  }
}
