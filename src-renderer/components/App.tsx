import { useCalendarController } from '@fullcalendar/react';
import { useKeyboardShortcuts } from '../hooks/use-keyboard-shortcuts';
import { useAppStore, useAppStoreApi } from '../store/AppStoreProvider';
import { AccountDialog } from './account/AccountDialog';
import { CalendarPane } from './CalendarPane';
import { ConflictDialog } from './ConflictDialog';
import { DownloadsPanel } from './downloads/DownloadsPanel';
import { EmptyState } from './EmptyState';
import { EngineLostBanner } from './EngineLostBanner';
import { GoToDateDialog } from './goto/GoToDateDialog';
import { HelpOverlay } from './HelpOverlay';
import { MeetingEditor } from './MeetingEditor';
import { ReminderBanner } from './ReminderBanner';
import { SettingsDialog } from './SettingsDialog';
import { Toasts } from './Toasts';
import { Toolbar } from './Toolbar';

export function App() {
  // One controller drives the calendar from our own toolbar and from the keyboard.
  const controller = useCalendarController();
  const store = useAppStoreApi();
  useKeyboardShortcuts(controller, store);
  const editorOpen = useAppStore((s) => s.editor !== null);
  const helpOpen = useAppStore((s) => s.helpOpen);
  const goToOpen = useAppStore((s) => s.goToOpen);
  const accountOpen = useAppStore((s) => s.accountDialog !== null);
  const conflictOpen = useAppStore((s) => s.conflictView !== null);
  const settingsOpen = useAppStore((s) => s.settingsDialog !== null);
  const downloadsOpen = useAppStore((s) => s.downloadsOpen);
  return (
    <div className="app">
      <Toolbar controller={controller} />
      <EngineLostBanner />
      <ReminderBanner />
      <main className="app__main">
        <CalendarPane controller={controller} />
        <EmptyState />
      </main>
      {editorOpen && <MeetingEditor />}
      {accountOpen && <AccountDialog />}
      {settingsOpen && <SettingsDialog controller={controller} />}
      {downloadsOpen && <DownloadsPanel />}
      {/* After the editor: opened from it, it goes on top of it. */}
      {conflictOpen && <ConflictDialog />}
      {goToOpen && <GoToDateDialog />}
      {helpOpen && <HelpOverlay />}
      <Toasts />
    </div>
  );
}
