import { useEffect } from 'react';
import { useAppStore } from '../store/AppStoreProvider';
import type { Toast } from '../store/toasts-slice';

function ToastItem({ toast }: { toast: Toast }) {
  const dismissToast = useAppStore((s) => s.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(toast.id), toast.ttlMs);
    return () => clearTimeout(timer);
  }, [toast.id, toast.ttlMs, dismissToast]);
  return (
    <li
      className={`toast toast--${toast.kind}`}
      data-testid="toast"
      // Errors interrupt (alert); confirmations wait their turn (status).
      role={toast.kind === 'error' ? 'alert' : 'status'}
    >
      {/* One line at most (a long meeting name is cut with an ellipsis); the whole in its title. */}
      <span className="toast__message" title={toast.message}>
        {toast.message}
      </span>
      {toast.action && (
        <button
          type="button"
          className="toast__action"
          data-testid="toast-action"
          onClick={() => {
            toast.action?.run();
            dismissToast(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        className="toast__close"
        aria-label="Dismiss"
        onClick={() => dismissToast(toast.id)}
      >
        ×
      </button>
    </li>
  );
}

export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  return (
    <ul className="toasts" aria-label="Notifications" data-testid="toasts">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </ul>
  );
}
