import type { RecordingDto } from '../../../src-main/shared/contract';
import { formatBytes, formatDuration } from '../../lib/file-sizes';
import { keptUntilText, participantsText } from '../../lib/recordings';
import { formatDateTime, isoToSeconds } from '../../lib/zoned-time';
import { useAppStore } from '../../store/AppStoreProvider';
import { downloadOfRecording } from '../../store/downloads-slice';
import { DownloadControls } from '../downloads/DownloadControls';

type Props = { recording: RecordingDto; zone: string; titleId: string };

/** One recording: when, how long, how big, who is in it, how long the server keeps it; its download. */
export function RecordingRow({ recording, zone, titleId }: Props) {
  const download = useAppStore((s) => downloadOfRecording(s.downloads, recording.id));
  const starting = useAppStore((s) => s.downloadsStarting.includes(recording.id));
  const startDownload = useAppStore((s) => s.startDownload);
  const made = isoToSeconds(recording.createdAt);
  const title = made === null ? 'Recording' : `Recording of ${formatDateTime(made, zone)}`;

  return (
    <li className="recording" data-testid="recording">
      <p className="recording__title" id={titleId}>
        {title}
      </p>
      <dl className="recording__facts">
        <div>
          <dt>Length</dt>
          <dd data-testid="recording-duration">{formatDuration(recording.duration)}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd data-testid="recording-size">{formatBytes(recording.size)}</dd>
        </div>
        <div>
          <dt>Participants</dt>
          <dd data-testid="recording-participants">{participantsText(recording.participants)}</dd>
        </div>
        <div>
          <dt>On the server</dt>
          <dd data-testid="recording-expires">{keptUntilText(recording.expiresAt, zone)}</dd>
        </div>
      </dl>
      {download ? (
        <DownloadControls download={download} subject={title} zone={zone} />
      ) : (
        <div className="download__actions">
          <button
            type="button"
            className="button"
            data-testid="recording-download"
            aria-describedby={titleId}
            disabled={starting}
            onClick={() => void startDownload(recording.meetingId, recording.id)}
          >
            {starting ? 'Starting…' : 'Download'}
          </button>
        </div>
      )}
    </li>
  );
}
