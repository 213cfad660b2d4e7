import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/AppStoreProvider';

/**
 * Shown over the calendar when the visible range has no meetings: says what to do first. It lets
 * pointer events through (except its button), so dragging across the slots beneath still works.
 */
export function EmptyState() {
  const { empty, view, connected } = useAppStore(
    useShallow((s) => ({
      empty: s.loadState === 'loaded' && Object.keys(s.meetings).length === 0,
      view: s.view,
      connected: s.account !== null,
    })),
  );
  const openNewMeeting = useAppStore((s) => s.openNewMeeting);
  if (!empty) return null;
  const span =
    view === 'timeGridDay' ? 'this day' : view === 'dayGridMonth' ? 'this month' : 'this week';
  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-state__card" role="note">
        <h2>Nothing scheduled {span}</h2>
        <p>
          Drag across the calendar to schedule a meeting at that time, or press <kbd>N</kbd>.
          {!connected && ' Everything stays on this computer; no account needed.'}
        </p>
        <button type="button" className="button button--primary" onClick={() => openNewMeeting()}>
          Schedule a meeting
        </button>
      </div>
    </div>
  );
}
