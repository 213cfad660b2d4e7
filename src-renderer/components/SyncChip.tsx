import type { MeetingDto } from '../../src-main/shared/contract';
import { chipKind, meetingSyncLabel, type ChipKind } from '../lib/sync-labels';

type SyncFacts = Pick<MeetingDto, 'sync' | 'pendingOperation' | 'syncMessage' | 'draft'>;

/** A shape per state, not only a colour, so the states stay apart for colour-blind eyes. */
const ICON_PATHS: Readonly<Record<ChipKind, string>> = {
  local: 'M2 3h12v8H2zm1.5 1.5v5h9v-5zM.5 12h15v1.5H.5z',
  draft: 'M11.3 1.3l3.4 3.4L6 13.4H2.6V10zM10.2 4.5l-6 6v1.3h1.3l6-6z',
  pending: 'M8 1.5l4.5 4.5H9.5v5h-3V6H3.5zM2.5 12.5h11V14h-11z',
  synced: 'M6.4 12.2L2.3 8.1l1.4-1.4 2.7 2.7 5.9-5.9 1.4 1.4z',
  conflict: 'M8 1l7.5 13.5H.5zm-.9 4.5v4.8h1.8V5.5zm0 5.9v1.7h1.8v-1.7z',
  error:
    'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zM5.2 6.3L6.9 8l-1.7 1.7 1.1 1.1L8 9.1l1.7 1.7 1.1-1.1L9.1 8l1.7-1.7-1.1-1.1L8 6.9 6.3 5.2z',
};

function SyncIcon({ kind }: { kind: ChipKind }) {
  return (
    <svg className="sync-icon" viewBox="0 0 16 16" width="10" height="10" aria-hidden="true">
      <path fill="currentColor" fillRule="evenodd" d={ICON_PATHS[kind]} />
    </svg>
  );
}

/**
 * A meeting's sync state on the calendar. In the grids only states that ask for a second look get
 * a visible icon (a check on every synced meeting, or a laptop on every meeting of someone without
 * an account, would be noise); the others are still read out. The list view has room for words.
 */
export function EventSyncChip({ meeting, withText }: { meeting: SyncFacts; withText: boolean }) {
  const kind = chipKind(meeting);
  const label = meetingSyncLabel(meeting);
  const common = {
    'data-testid': 'sync-chip',
    'data-sync': meeting.sync,
    'data-kind': kind,
    title: label,
  };
  const quiet = kind === 'local' || (kind === 'synced' && !withText);
  if (quiet) {
    return (
      <span className="visually-hidden" {...common}>
        {label}
      </span>
    );
  }
  if (withText) {
    return (
      <span className={`cv-sync cv-sync--${kind} cv-sync--text`} {...common}>
        <SyncIcon kind={kind} />
        {label}
      </span>
    );
  }
  return (
    <span className={`cv-sync cv-sync--${kind}`} role="img" aria-label={label} {...common}>
      <SyncIcon kind={kind} />
    </span>
  );
}

/** The editor header's chip: always in words. */
export function EditorSyncChip({ meeting }: { meeting: SyncFacts }) {
  const kind = chipKind(meeting);
  const label = meetingSyncLabel(meeting);
  return (
    <span
      className={`sync-chip sync-chip--${kind}`}
      data-testid="editor-sync-chip"
      data-sync={meeting.sync}
      data-kind={kind}
      title={label}
    >
      <SyncIcon kind={kind} />
      <span className="sync-chip__text">{label}</span>
    </span>
  );
}
