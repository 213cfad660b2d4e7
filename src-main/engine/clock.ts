/** The engine's only source of time, injected so tests can move it. Milliseconds since the epoch. */
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };

/** ISO-8601 UTC with milliseconds, the API's timestamp format. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
