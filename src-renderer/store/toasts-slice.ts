import type { SliceCreator } from './store-types';

export type Toast = {
  id: number;
  kind: 'info' | 'error';
  message: string;
  /** e.g. Undo after a delete or a move. */
  action?: { label: string; run: () => void };
  /** How long it stays before it dismisses itself. */
  ttlMs: number;
};

export type ToastInput = Omit<Toast, 'id' | 'ttlMs'> & { ttlMs?: number };

export type ToastsSlice = {
  toasts: Toast[];
  pushToast: (toast: ToastInput) => number;
  dismissToast: (id: number) => void;
};

const MAX_TOASTS = 3;

/**
 * `toasts` trimmed to MAX_TOASTS, oldest first, but a toast with an action (Undo) is only ever
 * pushed out by a newer toast with an action: the user may still want it, while a plain message
 * costs nothing to lose. With nothing plain left to drop, the list may run over the cap for the few
 * seconds until an Undo expires.
 */
export function capToasts(toasts: Toast[]): Toast[] {
  const list = [...toasts];
  const newest = list.at(-1);
  while (list.length > MAX_TOASTS) {
    const plain = list.findIndex((t) => !t.action && t !== newest);
    if (plain >= 0) list.splice(plain, 1);
    else if (newest?.action) list.splice(0, 1);
    else break;
  }
  return list;
}

export const createToastsSlice: SliceCreator<ToastsSlice> = () => (set, get) => {
  let nextId = 1;
  return {
    toasts: [],
    pushToast: (input) => {
      const id = nextId++;
      const ttlMs = input.ttlMs ?? (input.kind === 'error' ? 8000 : 4000);
      set({ toasts: capToasts([...get().toasts, { ...input, id, ttlMs }]) });
      return id;
    },
    dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  };
};
