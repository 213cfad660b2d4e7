import type { CalendarController } from '@fullcalendar/react';
import { useEffect } from 'react';
import type { AppStore } from '../store/app-store';
import { DEFAULT_WORKING_HOURS } from '../lib/settings-form';
import { atHour, nextWholeHour } from '../lib/zoned-time';
import type { CalendarViewName } from '../store/calendar-slice';
import type { AppState } from '../store/store-types';

const VIEW_KEYS: Readonly<Record<string, CalendarViewName>> = {
  d: 'timeGridDay',
  w: 'timeGridWeek',
  m: 'dayGridMonth',
  l: 'listWeek',
};

/**
 * Keys pressed in a dialog or on a form control are the control's: Backspace in a name is not
 * "delete", and neither is Delete on a checkbox or a button in the editor. Any input counts, not
 * only text (a checkbox toggles with Space, a zone box types letters).
 */
function belongsToControl(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('dialog, input, textarea, select, [role="combobox"]') !== null;
}

/**
 * Delete and Backspace remove a meeting: they act only from the calendar itself, never from a
 * focused <button> (a toolbar button is no meeting; a meeting on the calendar is a role="button"
 * element, and that one does count). Letters still work from a toolbar button, which has no use
 * for them, so a click on "Today" does not switch the keyboard off.
 */
function isButton(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button') !== null;
}

/**
 * Where `n` puts a new meeting: the next whole hour when that is on screen; otherwise (after paging
 * or jumping elsewhere) the start of the working day on the first day shown, so the new meeting is
 * where the person is looking rather than in a week they left.
 */
function newMeetingSlot(state: AppState): { start: number; end: number } | undefined {
  const range = state.visibleRange;
  if (!range) return undefined;
  const next = nextWholeHour(Date.now(), state.displayZone);
  if (next >= range.from && next < range.to) return undefined;
  const hour = state.settings?.workingHours.start ?? DEFAULT_WORKING_HOURS.start;
  const start = atHour(range.from, state.displayZone, hour);
  return { start, end: start + 3600 };
}

/** Keys listed in the help overlay (HelpOverlay's SHORTCUTS): one handler on the window. */
export function useKeyboardShortcuts(controller: CalendarController, store: AppStore): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented) return;
      const state = store.getState();
      // Dialogs over the editor and the calendar: keys meant for them must not reach what is behind.
      const overlay =
        state.goToOpen ||
        state.helpOpen ||
        state.accountDialog !== null ||
        state.conflictView !== null ||
        state.settingsDialog !== null ||
        state.downloadsOpen;
      // Ctrl/Cmd+K, the usual "jump to" key, works even from a text field (but not in a dialog).
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        if (overlay || state.editor) return;
        e.preventDefault();
        state.setGoToOpen(true);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        // The topmost first: the conflict view can be open over the editor, help over anything.
        if (state.helpOpen) state.setHelpOpen(false);
        else if (state.goToOpen) state.setGoToOpen(false);
        else if (state.conflictView) state.closeConflict();
        else if (state.accountDialog) state.closeAccountDialog();
        else if (state.settingsDialog) state.closeSettings();
        else if (state.downloadsOpen) state.setDownloadsOpen(false);
        else if (state.editor?.confirmingDiscard) state.keepEditing();
        else if (state.editor) state.requestCloseEditor();
        else {
          state.selectMeeting(null);
          return;
        }
        // Closed here: the browser's own Escape handling would otherwise go on to the dialog that
        // is topmost once this one has gone, and close the editor beneath it as well.
        e.preventDefault();
        return;
      }
      if (belongsToControl(e.target)) return;
      if (e.key === 'Delete' || e.key === 'Backspace') {
        const id = state.selectedId;
        if (id !== null && !overlay && !state.editor && !isButton(e.target)) {
          e.preventDefault();
          void state.deleteMeeting(id);
        }
        return;
      }
      if (e.key === '?') {
        e.preventDefault();
        state.setHelpOpen(!state.helpOpen);
        return;
      }
      // The rest act on the calendar, which is behind any open dialog.
      if (state.editor || overlay) return;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const view = VIEW_KEYS[key];
      if (view) controller.changeView(view);
      else if (key === 'n') state.openNewMeeting(newMeetingSlot(state));
      else if (key === '/') state.setGoToOpen(true);
      else if (key === ',') state.openSettings();
      else if (key === 't') controller.today();
      else if (key === 's')
        void state.syncNow(); // does nothing without an account
      else if (key === 'j' || key === 'ArrowRight') controller.next();
      else if (key === 'k' || key === 'ArrowLeft') controller.prev();
      else return;
      e.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [controller, store]);
}
