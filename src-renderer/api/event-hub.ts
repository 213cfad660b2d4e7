import { EVENT_NAMES, type AppEvents, type EventName } from '../../src-main/shared/contract';

type AnyListener = (payload: unknown) => void;

export type EventHub = {
  on<E extends EventName>(event: E, listener: (payload: AppEvents[E]) => void): () => void;
};

/** Backoff for a stream the browser gave up on (HTTP error): 1 s, 2 s, 4 s ... at most 30 s. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * All of a page's subscriptions share one EventSource, opened on the first `on` and closed when the
 * last listener leaves. The browser itself retries dropped connections (the shell restarting);
 * when it gives up for good (an HTTP error, readyState CLOSED) a fresh source is opened after a
 * backoff, so a window outlives any outage of the shell.
 */
export function createEventHub(
  url: string,
  Source: typeof EventSource,
  onReachability: (up: boolean) => void = () => {},
): EventHub {
  const listeners = new Map<EventName, Set<AnyListener>>();
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let openedBefore = false;

  const subscribed = () => [...listeners.values()].some((set) => set.size > 0);

  function deliver(name: EventName, payload: unknown): void {
    // A copy, so a listener that unsubscribes while being called doesn't skip its neighbour.
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        reportError(error); // one broken listener must not starve the others
      }
    }
  }

  function dispatch(name: EventName, event: MessageEvent<string>): void {
    let payload: unknown;
    try {
      payload = JSON.parse(event.data);
    } catch {
      return; // not ours: the shell only ever sends one JSON line per event
    }
    deliver(name, payload);
  }

  /** Events the transport raises itself rather than receiving from the shell. */
  function dispatchLocal<E extends EventName>(name: E, payload: AppEvents[E]): void {
    deliver(name, payload);
  }

  function connect(): void {
    const current = new Source(url);
    for (const name of EVENT_NAMES) {
      current.addEventListener(name, (event: MessageEvent<string>) => {
        dispatch(name, event);
      });
    }
    current.onopen = () => {
      failures = 0;
      onReachability(true);
      // Every open after the first follows an outage, during which pushes were lost.
      if (openedBefore) dispatchLocal('app:resync', { reason: 'reconnected' });
      openedBefore = true;
    };
    current.onerror = () => {
      if (source !== current) return;
      // Dropped (the shell stopped): the browser is already reconnecting, and onopen says when.
      onReachability(false);
      if (current.readyState !== Source.CLOSED) return;
      source = undefined;
      const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures);
      failures += 1;
      retry = setTimeout(
        () => {
          retry = undefined;
          if (subscribed()) connect();
        },
        delay * (0.75 + Math.random() * 0.5),
      );
    };
    source = current;
  }

  function disconnect(): void {
    source?.close();
    source = undefined;
    clearTimeout(retry);
    retry = undefined;
    failures = 0;
  }

  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      // Stored untyped: the shell pairs each event name with its payload type (the contract).
      const stored = listener as AnyListener;
      set.add(stored);
      if (!source && retry === undefined) connect();
      return () => {
        set.delete(stored);
        if (!subscribed()) disconnect();
      };
    },
  };
}
