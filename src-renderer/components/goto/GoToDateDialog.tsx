import { useId, useState } from 'react';
import { parseDateText } from '../../lib/wall-text';
import { fromWallClock, toWallClock } from '../../lib/zoned-time';
import { useAppStore } from '../../store/AppStoreProvider';
import { Dialog } from '../Dialog';
import { MiniMonth } from './MiniMonth';

/** "Go to date" (Ctrl/Cmd+K or /): type a date and press Enter, or pick one in the month. */
export function GoToDateDialog() {
  const titleId = useId();
  const zone = useAppStore((s) => s.displayZone);
  const setGoToOpen = useAppStore((s) => s.setGoToOpen);
  // Weeks start where the calendar's do.
  const firstDay = useAppStore((s) => s.clock.firstDay);
  const requestGoto = useAppStore((s) => s.requestGoto);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [today] = useState(() => toWallClock(Math.floor(Date.now() / 1000), zone).date);
  const close = () => setGoToOpen(false);
  const go = (date: string) => {
    // Midday, so the day is the same one whatever the zone's offset or a DST change that night.
    const at = fromWallClock({ date, time: '12:00' }, zone);
    if (at === null) return;
    requestGoto(at);
    close();
  };

  return (
    <Dialog
      labelledBy={titleId}
      onClose={close}
      className="goto"
      testId="goto-dialog"
      closeOnBackdrop
    >
      <header className="dialog__header">
        <h2 id={titleId}>Go to date</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={close}>
          ×
        </button>
      </header>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const date = parseDateText(text, today);
          if (date) go(date);
          else setError('Try a date like 2027-03-14, Mar 14, "tomorrow" or "next monday".');
        }}
      >
        <input
          className="goto__input"
          data-testid="goto-input"
          data-autofocus
          aria-label="Date"
          aria-describedby={error ? `${titleId}-error` : undefined}
          aria-invalid={error !== null}
          placeholder="2027-03-14, tomorrow, next monday"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
        />
        {error && (
          <p id={`${titleId}-error`} className="field-error" data-testid="goto-error">
            {error}
          </p>
        )}
      </form>
      <MiniMonth today={today} firstDay={firstDay} onPick={go} />
    </Dialog>
  );
}
