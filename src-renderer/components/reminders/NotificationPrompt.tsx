import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/AppStoreProvider';

/**
 * Asks once, in words, before the browser does: the browser's own prompt only ever comes from the
 * Allow click here (never on load), and "Not now" is remembered so it does not come back. Shown
 * only when an alert could matter: a reminder is showing, or a default reminder is set.
 */
export function NotificationPrompt() {
  const { permission, declined, relevant } = useAppStore(
    useShallow((s) => ({
      permission: s.notificationPermission,
      declined: s.notificationPromptDeclined,
      relevant: s.reminders.length > 0 || (s.settings?.defaultReminder ?? null) !== null,
    })),
  );
  const allow = useAppStore((s) => s.allowNotifications);
  const decline = useAppStore((s) => s.declineNotifications);
  if (permission !== 'default' || declined || !relevant) return null;
  return (
    <div className="reminder reminder--prompt" data-testid="notification-prompt">
      <p className="reminder__text">
        Convene can alert you before meetings start. Allow notifications?
      </p>
      <div className="reminder__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="notifications-allow"
          onClick={() => void allow()}
        >
          Allow
        </button>
        <button
          type="button"
          className="button"
          data-testid="notifications-not-now"
          onClick={decline}
        >
          Not now
        </button>
      </div>
    </div>
  );
}
