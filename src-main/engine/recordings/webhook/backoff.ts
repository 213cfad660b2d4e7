/**
 * The wait before retry number `attempt` (1 = the first retry): exponential from `baseMs`, capped
 * at `capMs`, with "equal jitter" — half the step fixed, half random — so events that failed
 * together (the receiver was down) do not all come back at the same instant, yet none comes back
 * sooner than half its step.
 */
export function retryDelayMs(
  attempt: number,
  policy: { baseMs: number; capMs: number },
  random: () => number,
): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
