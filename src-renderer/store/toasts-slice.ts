import type { SliceCreator } from './store-types';

export type Toast = {
  id: number;
  kind: 'info' | 'error';
  message: string;
  /** e.g. Undo after a delete. */
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

export const createToastsSlice: SliceCreator<ToastsSlice> = () => (set, get) => {
  let nextId = 1;
  return {
    toasts: [],
    pushToast: (input) => {
      const id = nextId++;
      const ttlMs = input.ttlMs ?? (input.kind === 'error' ? 8000 : 4000);
      set({ toasts: [...get().toasts, { ...input, id, ttlMs }].slice(-MAX_TOASTS) });
      return id;
    },
    dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  };
};
