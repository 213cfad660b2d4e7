import { useAppStore } from '../../store/AppStoreProvider';

const STATE_TEXT = {
  granted: 'Convene alerts you in this browser when a reminder comes due.',
  denied:
    'This browser blocks notifications from Convene; reminders show in the window only. Allow them in the site settings of the browser.',
  default: 'Convene can alert you before meetings start, also while this tab is in the background.',
} as const;

/**
 * Browser notifications, in the web shell only (the desktop app notifies through the system by
 * itself). The one place to allow them after "Not now" was answered in the window.
 */
export function NotificationSetting() {
  const permission = useAppStore((s) => s.notificationPermission);
  const allow = useAppStore((s) => s.allowNotifications);
  if (permission === 'unsupported') return null;
  return (
    <div className="field" data-testid="settings-notifications">
      <span className="field-label">Notifications</span>
      <p className="field-hint">{STATE_TEXT[permission]}</p>
      {permission === 'default' && (
        <div>
          <button
            type="button"
            className="button"
            data-testid="settings-notifications-allow"
            onClick={() => void allow()}
          >
            Allow notifications
          </button>
        </div>
      )}
    </div>
  );
}
