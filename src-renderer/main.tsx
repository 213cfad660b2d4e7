import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api';
import { App } from './components/App';
import { loadPreferences, savePreferences } from './lib/preferences';
import { systemTimeZone } from './lib/zoned-time';
import { createAppStore, subscribeToEngine } from './store/app-store';
import { AppStoreProvider } from './store/AppStoreProvider';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/forma/theme.css';
import '@fullcalendar/react/themes/forma/palettes/blue.css';
import './styles/app.css';
import './styles/calendar.css';
import './styles/editor.css';
import './styles/tz-picker.css';
import './styles/overlays.css';
import './styles/sync.css';

const store = createAppStore({
  api,
  now: () => Date.now(),
  systemZone: systemTimeZone(),
  preferences: loadPreferences(window.localStorage),
});
// Remember how the calendar was last looked at, for the next launch.
store.subscribe((state, previous) => {
  if (state.view !== previous.view || state.displayZone !== previous.displayZone) {
    savePreferences(window.localStorage, { view: state.view, displayZone: state.displayZone });
  }
});
// For the window's lifetime: changes made elsewhere (another window, sync) land in the store.
subscribeToEngine(store, api);
void store.getState().loadProfile();
void store.getState().loadSync();
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
