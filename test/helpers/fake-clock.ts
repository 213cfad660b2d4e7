import type { Clock } from '../../src-main/engine/clock';

/** A clock that only moves when told to. Starts at a fixed instant so runs are repeatable. */
export class FakeClock implements Clock {
  constructor(private ms = Date.UTC(2026, 10, 23, 9, 0, 0)) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}
