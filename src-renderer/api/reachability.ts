/**
 * Whether the web shell answers: the transport reports each call's fate and the event stream's,
 * the store shows the "lost its connection" banner from it. Only changes are passed on, so a burst
 * of failing calls raises the banner once.
 */
export type Reachability = {
  readonly up: boolean;
  report(up: boolean): void;
  subscribe(listener: (up: boolean) => void): () => void;
};

export function createReachability(): Reachability {
  let up = true;
  const listeners = new Set<(up: boolean) => void>();
  return {
    get up() {
      return up;
    },
    report(next) {
      if (next === up) return;
      up = next;
      for (const listener of [...listeners]) listener(up);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
