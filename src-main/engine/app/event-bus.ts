import type { AppEvents, EventName } from '../../shared/contract';

type Listener<E extends EventName> = (payload: AppEvents[E]) => void;

/** Typed pushes from the engine to whichever shells are listening (IPC, the web push channel). */
export function createEventBus() {
  const listeners = new Map<EventName, Set<Listener<EventName>>>();
  return {
    on<E extends EventName>(event: E, listener: Listener<E>): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as Listener<EventName>);
      return () => set.delete(listener as Listener<EventName>);
    },
    emit<E extends EventName>(event: E, payload: AppEvents[E]): void {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

export type EventBus = ReturnType<typeof createEventBus>;
