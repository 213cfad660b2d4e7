import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api, engineReachability, isWebShell } from './api';
import { App } from './components/App';
import { listTimeZones } from '../src-main/shared/time-zones';
import { loadPreferences, startupPreferences } from './lib/preferences';
import { warmZoneNames } from './lib/zone-names';
import { DARK_QUERY, followColorScheme } from './lib/theme';
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
// After FullCalendar's palette: its variables are set again there, on our colours.
import './styles/theme.css';
import './styles/app.css';
import './styles/calendar.css';
import './styles/editor.css';
import './styles/tz-picker.css';
import './styles/overlays.css';
import './styles/sync.css';
import './styles/reminders.css';
import './styles/goto.css';
import './styles/downloads.css';

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
    canRevealFiles: !isWebShell,
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
  // Light or dark as the setting says, or as the OS does; a change from any window applies here.
  const scheme = followColorScheme(
    { root: document.documentElement, media: window.matchMedia(DARK_QUERY) },
    settings?.theme ?? 'system',
  );
  store.subscribe((s) => scheme.apply(s.settings?.theme ?? 'system'));
  // Remember how the calendar was last looked at, for the next launch (in any shell).
  persistPreferences(store, api, { page: window });
  // The shell stopping shows a banner (and the store reloads once it answers again).
  engineReachability.subscribe((up) => store.getState().setEngineReachable(up));
  if (!engineReachability.up) store.getState().setEngineReachable(false);
  // For the window's lifetime: changes made elsewhere (another window, sync) land in the store.
  subscribeToEngine(store, api);
  void store.getState().loadProfile();
  void store.getState().loadSync();
  void store.getState().loadReminders();
  void store.getState().loadDownloads();
  // The network coming back is when queued changes can go: no need to wait for the next interval.
  window.addEventListener('online', () => {
    if (store.getState().account) void store.getState().syncNow();
  });

  // The zone search's names take a few hundred milliseconds to gather: done while the window idles.
  requestIdleCallback(() => warmZoneNames(listTimeZones(), new Date().getFullYear()));

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
