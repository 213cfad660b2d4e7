/**
 * Timers, injected like the clock (STYLE.md, "Injected effects"): workers never call the global
 * setTimeout, so a fake clock in tests can fire them by moving time.
 */
export type TimerHandle = { readonly __timer: true };

export type Timers = {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
};

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending retry must never keep a CLI or test process alive on its own.
    handle.unref();
    return handle as unknown as TimerHandle;
  },
  clearTimeout: (handle) => {
    if (handle !== undefined) clearTimeout(handle as unknown as NodeJS.Timeout);
  },
};
