import type { CalendarController } from '@fullcalendar/react';
import { useShallow } from 'zustand/react/shallow';
import { focusCalendar } from '../lib/calendar-focus';
import { useAppStore } from '../store/AppStoreProvider';
import type { CalendarViewName } from '../store/calendar-slice';
import { DownloadsButton } from './downloads/DownloadsButton';
import { SyncControls } from './SyncControls';
import { TimeZonePicker } from './TimeZonePicker';

const VIEWS: readonly { view: CalendarViewName; label: string; key: string; testId: string }[] = [
  { view: 'timeGridDay', label: 'Day', key: 'D', testId: 'view-day' },
  { view: 'timeGridWeek', label: 'Week', key: 'W', testId: 'view-week' },
  { view: 'dayGridMonth', label: 'Month', key: 'M', testId: 'view-month' },
  { view: 'listWeek', label: 'List', key: 'L', testId: 'view-list' },
];

/**
 * Navigation, view switch, the display zone, "New meeting", the sync status, downloads and
 * settings.
 */
export function Toolbar({ controller }: { controller: CalendarController }) {
  const { view, title, displayZone, loading, offsetsAt } = useAppStore(
    useShallow((s) => ({
      view: s.view,
      title: s.title,
      displayZone: s.displayZone,
      loading: s.loadState === 'loading',
      offsetsAt: s.visibleRange?.from ?? s.startedAt,
    })),
  );
  const setDisplayZone = useAppStore((s) => s.setDisplayZone);
  const openNewMeeting = useAppStore((s) => s.openNewMeeting);
  const setHelpOpen = useAppStore((s) => s.setHelpOpen);
  const openSettings = useAppStore((s) => s.openSettings);

  return (
    <header className="toolbar" role="toolbar" aria-label="Calendar">
      <div className="toolbar__group">
        <span className="brand" aria-hidden="true">
          Convene
        </span>
        <button
          type="button"
          className="button button--primary"
          data-testid="new-meeting"
          aria-keyshortcuts="N"
          onClick={() => openNewMeeting()}
        >
          New meeting
        </button>
        <button
          type="button"
          className="button"
          data-testid="today"
          aria-keyshortcuts="T"
          onClick={() => controller.today()}
        >
          Today
        </button>
        <div className="button-group">
          <button
            type="button"
            className="button button--icon"
            data-testid="prev"
            aria-label="Previous"
            aria-keyshortcuts="K ArrowLeft"
            onClick={() => controller.prev()}
          >
            ‹
          </button>
          <button
            type="button"
            className="button button--icon"
            data-testid="next"
            aria-label="Next"
            aria-keyshortcuts="J ArrowRight"
            onClick={() => controller.next()}
          >
            ›
          </button>
        </div>
        <h1 className="toolbar__title" data-testid="calendar-title" aria-live="polite">
          {title}
        </h1>
        {loading && (
          <span className="toolbar__status" role="status">
            Loading…
          </span>
        )}
      </div>
      <div className="toolbar__group">
        <div className="button-group" role="group" aria-label="View">
          {VIEWS.map((v) => (
            <button
              key={v.view}
              type="button"
              className="button"
              data-testid={v.testId}
              aria-pressed={view === v.view}
              aria-keyshortcuts={v.key}
              onClick={() => controller.changeView(v.view)}
            >
              {v.label}
            </button>
          ))}
        </div>
        <TimeZonePicker
          label="Times in"
          value={displayZone}
          at={offsetsAt}
          testId="display-zone"
          compact
          onChange={(zone) => {
            setDisplayZone(zone);
            // Picked: the next key is a shortcut for the calendar again, not a letter in this box.
            focusCalendar();
          }}
        />
        <SyncControls />
        <DownloadsButton />
        <button
          type="button"
          className="button button--icon"
          data-testid="settings-button"
          aria-label="Settings"
          title="Settings (,)"
          aria-keyshortcuts=","
          onClick={openSettings}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path
              fill="currentColor"
              d="M6.9 1h2.2l.4 1.9 1.3.6 1.7-1 1.5 1.5-1 1.7.6 1.3 1.9.4v2.2l-1.9.4-.6 1.3 1 1.7-1.5 1.5-1.7-1-1.3.6-.4 1.9H6.9l-.4-1.9-1.3-.6-1.7 1-1.5-1.5 1-1.7-.6-1.3L1 9.1V6.9l1.9-.4.6-1.3-1-1.7 1.5-1.5 1.7 1 1.3-.6zM8 5.6a2.4 2.4 0 1 0 0 4.8 2.4 2.4 0 0 0 0-4.8z"
            />
          </svg>
        </button>
        <button
          type="button"
          className="button button--icon"
          data-testid="help"
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts="Shift+?"
          onClick={() => setHelpOpen(true)}
        >
          ?
        </button>
      </div>
    </header>
  );
}
