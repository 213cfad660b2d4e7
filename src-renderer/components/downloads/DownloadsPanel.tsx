import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DownloadDto } from '../../../src-main/shared/contract';
import { byNewest } from '../../lib/recordings';
import { useAppStore } from '../../store/AppStoreProvider';
import { Dialog } from '../Dialog';
import { DownloadControls } from './DownloadControls';

/**
 * Every download on this device, newest first, moving as the engine pushes. A modal panel at the
 * top right: Escape or a click beside it closes it and focus goes back to the toolbar button.
 */
export function DownloadsPanel() {
  const baseId = useId();
  const downloads = useAppStore(
    useShallow((s) =>
      Object.values(s.downloads)
        .filter((d): d is DownloadDto => d !== undefined && d.state !== 'cancelled')
        .sort(byNewest),
    ),
  );
  const meetings = useAppStore((s) => s.meetings);
  const zone = useAppStore((s) => s.displayZone);
  const setOpen = useAppStore((s) => s.setDownloadsOpen);
  const close = () => setOpen(false);

  return (
    <Dialog
      labelledBy={`${baseId}-title`}
      onClose={close}
      className="downloads-panel"
      testId="downloads-panel"
      closeOnBackdrop
    >
      <header className="dialog__header">
        <h2 id={`${baseId}-title`}>Downloads</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={close}>
          ×
        </button>
      </header>
      <div className="downloads-panel__body">
        {downloads.length === 0 ? (
          <p className="downloads-panel__empty" data-testid="downloads-empty">
            Nothing downloaded yet. A recorded meeting that has ended lists its recordings in the
            meeting, each with a Download button.
          </p>
        ) : (
          <ul className="downloads-panel__list">
            {downloads.map((d) => {
              const meetingName = meetings[d.meetingId]?.name;
              return (
                <li key={d.id} className="downloads-panel__item" data-testid="downloads-item">
                  <p className="downloads-panel__name">{d.fileName}</p>
                  {meetingName && <p className="downloads-panel__meeting">{meetingName}</p>}
                  <DownloadControls download={d} subject={d.fileName} zone={zone} />
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
