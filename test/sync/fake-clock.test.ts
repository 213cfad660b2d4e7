import { describe, expect, it } from 'vitest';
import type { Timers } from '../../src-main/engine/timers';
import { FakeClock } from '../helpers/fake-clock';

const T = Date.UTC(2026, 0, 1);

describe('FakeClock as a clock', () => {
  it('starts where told and moves only when told', () => {
    const clock = new FakeClock(T);
    expect(clock.now()).toBe(T);
    clock.advance(1500);
    expect(clock.now()).toBe(T + 1500);
    clock.set(T - 10);
    expect(clock.now()).toBe(T - 10);
    expect(new FakeClock().now()).toBe(Date.UTC(2026, 10, 23, 9, 0, 0));
  });
});

describe('FakeClock as timers', () => {
  it('fires due timers in time order, at their own instant, and no others', () => {
    const clock = new FakeClock(T);
    const fired: [string, number][] = [];
    const timers: Timers = clock;
    timers.setTimeout(() => fired.push(['c', clock.now() - T]), 300);
    timers.setTimeout(() => fired.push(['a', clock.now() - T]), 100);
    timers.setTimeout(() => fired.push(['b', clock.now() - T]), 200);
    timers.setTimeout(() => fired.push(['late', clock.now() - T]), 1000);

    clock.advance(300);
    expect(fired).toEqual([
      ['a', 100],
      ['b', 200],
      ['c', 300],
    ]);
    expect(clock.now()).toBe(T + 300);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(699);
    expect(fired).toHaveLength(3);
    clock.advance(1);
    expect(fired.at(-1)).toEqual(['late', 1000]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('fires timers set for the same instant in the order they were set', () => {
    const clock = new FakeClock(T);
    const fired: number[] = [];
    for (let i = 0; i < 5; i++) clock.setTimeout(() => fired.push(i), 50);
    clock.advance(50);
    expect(fired).toEqual([0, 1, 2, 3, 4]);
  });

  it('fires timers set by a firing timer when they fall within the same advance', () => {
    const clock = new FakeClock(T);
    const fired: number[] = [];
    const tick = () => {
      fired.push(clock.now() - T);
      clock.setTimeout(tick, 1000);
    };
    clock.setTimeout(tick, 1000);
    clock.advance(3500);
    expect(fired).toEqual([1000, 2000, 3000]);
    expect(clock.now()).toBe(T + 3500);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(500);
    expect(fired).toEqual([1000, 2000, 3000, 4000]);
  });

  it('treats a zero or negative delay as "now": it fires on the next advance, even by 0', () => {
    const clock = new FakeClock(T);
    let fired = 0;
    clock.setTimeout(() => fired++, 0);
    clock.setTimeout(() => fired++, -5);
    expect(fired).toBe(0);
    clock.advance(0);
    expect(fired).toBe(2);
  });

  it('clears timers, ignores clearing twice or undefined', () => {
    const clock = new FakeClock(T);
    let fired = 0;
    const handle = clock.setTimeout(() => fired++, 10);
    const other = clock.setTimeout(() => fired++, 20);
    clock.clearTimeout(handle);
    clock.clearTimeout(handle);
    clock.clearTimeout(undefined);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(100);
    expect(fired).toBe(1);
    clock.clearTimeout(other);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('lets a timer cancel another one due in the same advance', () => {
    const clock = new FakeClock(T);
    const fired: string[] = [];
    const second = clock.setTimeout(() => fired.push('second'), 20);
    clock.setTimeout(() => {
      fired.push('first');
      clock.clearTimeout(second);
    }, 10);
    clock.advance(100);
    expect(fired).toEqual(['first']);
  });

  it('set() jumps without firing; the overdue timer fires on the next advance', () => {
    const clock = new FakeClock(T);
    let firedAt: number | null = null;
    clock.setTimeout(() => (firedAt = clock.now()), 1000);
    clock.set(T + 5000);
    expect(firedAt).toBeNull();
    clock.advance(0);
    expect(firedAt).toBe(T + 5000);
  });

  it('stops a timer that re-arms itself at 0 ms instead of hanging', () => {
    const clock = new FakeClock(T);
    const spin = () => clock.setTimeout(spin, 0);
    spin();
    expect(() => clock.advance(1)).toThrow(/more than/);
  });
});

describe('FakeClock.advanceAsync', () => {
  /** A worker in the style of the sync and reminder workers: each step awaits, then re-arms. */
  function startWorker(clock: FakeClock, everyMs: number) {
    const steps: number[] = [];
    const step = async () => {
      await Promise.resolve();
      await new Promise<void>((resolve) => setImmediate(resolve));
      steps.push(clock.now() - T);
      clock.setTimeout(() => void step(), everyMs);
    };
    clock.setTimeout(() => void step(), everyMs);
    return steps;
  }

  it('lets an async worker re-arm between firings, so every step within the span runs', async () => {
    const clock = new FakeClock(T);
    const steps = startWorker(clock, 1000);
    await clock.advanceAsync(3000);
    expect(steps).toEqual([1000, 2000, 3000]);
    expect(clock.pendingTimers()).toBe(1);
    expect(clock.now()).toBe(T + 3000);
  });

  it('where the synchronous advance only gets the first step going', async () => {
    const clock = new FakeClock(T);
    const steps = startWorker(clock, 1000);
    clock.advance(3000);
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    // The step re-armed after the advance was over, relative to the clock's new time.
    expect(steps).toEqual([3000]);
  });

  it('runs settled promise chains before firing the first timer', async () => {
    const clock = new FakeClock(T);
    const order: string[] = [];
    void Promise.resolve()
      .then(() => Promise.resolve())
      .then(() => {
        order.push('chain');
        clock.setTimeout(() => order.push('timer set by the chain'), 10);
      });
    await clock.advanceAsync(10);
    expect(order).toEqual(['chain', 'timer set by the chain']);
  });
});
