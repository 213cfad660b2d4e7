import type { DownloadDto } from '../../../src-main/shared/contract';
import { percentDone } from '../../lib/file-sizes';
import { downloadActions, downloadStatusText } from '../../lib/recordings';
import { useAppStore } from '../../store/AppStoreProvider';
import { ProgressBar } from './ProgressBar';

type Props = {
  download: DownloadDto;
  /** What the buttons act on, for a screen reader: "Pause Weekly sync.mp4". */
  subject: string;
  zone: string;
};

/**
 * One download's bar, its words and what can be done with it now: the same in a recording's row
 * and in the downloads panel. Where the file went is always said; Show in folder is offered only
 * where the shell can do it (the desktop app, not a browser tab).
 */
export function DownloadControls({ download, subject, zone }: Props) {
  const pause = useAppStore((s) => s.pauseDownload);
  const resume = useAppStore((s) => s.resumeDownload);
  const cancel = useAppStore((s) => s.cancelDownload);
  const reveal = useAppStore((s) => s.revealDownload);
  const canReveal = useAppStore((s) => s.canRevealDownloads);
  const can = downloadActions(download.state);
  const status = downloadStatusText(download, zone);
  const percent =
    download.state === 'done' ? 100 : percentDone(download.bytesDone, download.bytesTotal);
  // A queued job that has not started has no bar yet to speak of: an empty one, not a sweeping one.
  const shownPercent = percent ?? (download.bytesDone === 0 ? 0 : null);

  return (
    <div className="download" data-testid="download" data-state={download.state}>
      <ProgressBar
        percent={shownPercent}
        label={`Download of ${subject}`}
        valueText={status}
        state={download.state}
        testId="download-progress"
      />
      <div className="download__line">
        <span
          className="download__status"
          data-state={download.state}
          data-testid="download-status"
        >
          {status}
        </span>
        <span className="download__actions">
          {can.pause && (
            <button
              type="button"
              className="button"
              data-testid="download-pause"
              aria-label={`Pause ${subject}`}
              onClick={() => void pause(download.id)}
            >
              Pause
            </button>
          )}
          {(can.resume || can.retry) && (
            <button
              type="button"
              className="button"
              data-testid="download-resume"
              aria-label={`${can.retry ? 'Retry' : 'Resume'} ${subject}`}
              onClick={() => void resume(download.id)}
            >
              {can.retry ? 'Retry' : 'Resume'}
            </button>
          )}
          {can.cancel && (
            <button
              type="button"
              className="button"
              data-testid="download-cancel"
              aria-label={`Cancel ${subject}`}
              onClick={() => void cancel(download.id)}
            >
              Cancel
            </button>
          )}
          {can.reveal && canReveal && (
            <button
              type="button"
              className="button"
              data-testid="download-reveal"
              aria-label={`Show ${subject} in its folder`}
              onClick={() => void reveal(download.id)}
            >
              Show in folder
            </button>
          )}
        </span>
      </div>
      {download.state === 'done' && download.path && (
        <p className="download__status" data-testid="download-path">
          Saved as {download.path}
        </p>
      )}
    </div>
  );
}
