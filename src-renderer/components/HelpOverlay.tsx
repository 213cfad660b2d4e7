import { useId } from 'react';
import { useAppStore } from '../store/AppStoreProvider';
import { Dialog } from './Dialog';

export const SHORTCUTS: readonly { keys: string[]; action: string }[] = [
  { keys: ['N'], action: 'New meeting (next hour, or the first day shown)' },
  { keys: ['Ctrl+K', '/'], action: 'Go to a date (type it, or pick in the month)' },
  { keys: ['D'], action: 'Day view' },
  { keys: ['W'], action: 'Week view' },
  { keys: ['M'], action: 'Month view' },
  { keys: ['L'], action: 'List view' },
  { keys: ['T'], action: 'Go to today' },
  { keys: ['S'], action: 'Sync now (with an account connected)' },
  { keys: [','], action: 'Settings' },
  { keys: ['K', '←'], action: 'Previous day, week or month' },
  { keys: ['J', '→'], action: 'Next day, week or month' },
  { keys: ['Enter'], action: 'Open the focused meeting' },
  { keys: ['Delete', 'Backspace'], action: 'Delete the selected meeting' },
  { keys: ['← → ↑ ↓'], action: 'Move between days in the Go to date month' },
  { keys: ['Esc'], action: 'Close the editor, a dialog or this help' },
  { keys: ['?'], action: 'Show these shortcuts' },
];

export function HelpOverlay() {
  const titleId = useId();
  const setHelpOpen = useAppStore((s) => s.setHelpOpen);
  const close = () => setHelpOpen(false);
  return (
    <Dialog
      labelledBy={titleId}
      onClose={close}
      className="help"
      testId="help-overlay"
      closeOnBackdrop
    >
      <header className="dialog__header">
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={close}>
          ×
        </button>
      </header>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="shortcuts__or"> or </span>}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="help__tip">
        Drag across empty time to schedule a meeting there. Drag a meeting to move it, or its bottom
        edge to change how long it is.
      </p>
    </Dialog>
  );
}
