import { isActiveDownload } from '../../lib/recordings';
import { useAppStore } from '../../store/AppStoreProvider';

/** The toolbar's way to the downloads panel, with how many are on their way. */
export function DownloadsButton() {
  const active = useAppStore(
    (s) => Object.values(s.downloads).filter((d) => d !== undefined && isActiveDownload(d)).length,
  );
  const setOpen = useAppStore((s) => s.setDownloadsOpen);
  const label = active > 0 ? `Downloads, ${active} in progress` : 'Downloads';
  return (
    <button
      type="button"
      className="button button--icon downloads-button"
      data-testid="downloads-button"
      aria-label={label}
      title={label}
      onClick={() => setOpen(true)}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <path
          fill="currentColor"
          d="M7.25 1.5h1.5v7.19l2.47-2.47 1.06 1.06L8 11.56 3.72 7.28l1.06-1.06 2.47 2.47zM2 13h12v1.5H2z"
        />
      </svg>
      {active > 0 && (
        <span className="downloads-button__badge" data-testid="downloads-badge" aria-hidden="true">
          {active}
        </span>
      )}
    </button>
  );
}
