import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api, isWebShell } from './api';
import { App } from './components/App';
import { loadPreferences, startupPreferences } from './lib/preferences';
import { createWebAlerts } from './lib/web-notifications';
import { systemTimeZone } from './lib/zoned-time';
import { createAppStore, subscribeToEngine } from './store/app-store';
import { AppStoreProvider } from './store/AppStoreProvider';
import {
  fetchSettings,
  migrateLegacyPreferences,
  persistPreferences,
} from './store/preferences-sync';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/forma/theme.css';
import '@fullcalendar/react/themes/forma/palettes/blue.css';
import './styles/app.css';
import './styles/calendar.css';
import './styles/editor.css';
import './styles/tz-picker.css';
import './styles/overlays.css';
import './styles/sync.css';
import './styles/reminders.css';

async function start(): Promise<void> {
  // The calendar opens in the view and zone it was last shown in, so the engine is asked before
  // the first render (one local round trip) rather than the calendar jumping once it answers.
  const storage = window.localStorage;
  const settings = await fetchSettings(api);
  const { preferences, migrate } = startupPreferences(settings, loadPreferences(storage));

  const store = createAppStore({
    api,
    now: () => Date.now(),
    systemZone: systemTimeZone(),
    preferences,
    ...(isWebShell
      ? {
          alerts: createWebAlerts({
            Notification: 'Notification' in window ? window.Notification : undefined,
            focus: () => window.focus(),
            storage,
          }),
        }
      : {}),
  });
  if (settings) {
    store.getState().applySettings(settings);
    void migrateLegacyPreferences(store, api, migrate, storage);
  } else {
    // Too slow to wait for: the window opened without them, but the dialog and editor need them.
    void store.getState().loadSettings();
  }
  // Remember how the calendar was last looked at, for the next launch (in any shell).
  persistPreferences(store, api, { page: window });
  // For the window's lifetime: changes made elsewhere (another window, sync) land in the store.
  subscribeToEngine(store, api);
  void store.getState().loadProfile();
  void store.getState().loadSync();
  void store.getState().loadReminders();
  // The network coming back is when queued changes can go: no need to wait for the next interval.
  window.addEventListener('online', () => {
    if (store.getState().account) void store.getState().syncNow();
  });

  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <AppStoreProvider store={store}>
          <App />
        </AppStoreProvider>
      </StrictMode>,
    );
  }
}

void start();
