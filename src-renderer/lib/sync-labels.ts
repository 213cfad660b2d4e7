import type {
  MeetingDto,
  MeetingSyncState,
  PendingOperation,
  SyncStatusDto,
} from '../../src-main/shared/contract';
import { formatDateTime, formatTime, isoToSeconds } from './zoned-time';

/** What a meeting's chip shows: its sync state, except that a draft says it is a draft. */
export type ChipKind = MeetingSyncState | 'draft';

type SyncFacts = Pick<MeetingDto, 'sync' | 'pendingOperation' | 'syncMessage' | 'draft'>;

export function chipKind(m: SyncFacts): ChipKind {
  // A conflict or a refusal needs the person whatever else is true; otherwise a draft is a draft
  // (it is local on purpose, and "Local only" would not say why).
  if (m.sync === 'conflict' || m.sync === 'error') return m.sync;
  return m.draft ? 'draft' : m.sync;
}

const OPERATION_WORDS: Readonly<Record<PendingOperation, string>> = {
  create: 'new',
  update: 'change',
  delete: 'delete',
};

/** The chip's text: "Local only", "Draft", "Waiting to send (change)", "Refused by the server: …". */
export function meetingSyncLabel(m: SyncFacts): string {
  const kind = chipKind(m);
  switch (kind) {
    case 'draft':
      return 'Draft';
    case 'local':
      return 'Local only';
    case 'pending':
      return m.pendingOperation
        ? `Waiting to send (${OPERATION_WORDS[m.pendingOperation]})`
        : 'Waiting to send';
    case 'synced':
      return 'Synced';
    case 'conflict':
      return 'Conflict';
    case 'error':
      return m.syncMessage ? `Refused by the server: ${m.syncMessage}` : 'Refused by the server';
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What clicking the toolbar's status does: nothing, open the account dialog, or a conflict. */
export type StatusAction = 'connect' | 'sign-in' | 'conflicts' | null;

export type SyncStatusView = {
  label: string;
  /** The tooltip: why the state is what it is, and when sync last ran or runs next. */
  detail: string | null;
  action: StatusAction;
  /** Colour of the dot: calm, working, or asking for attention. */
  tone: 'muted' | 'busy' | 'ok' | 'attention';
};

/** Counts the person may need to act on, most pressing first: "1 conflict · 2 pending". */
function counts(s: SyncStatusDto): string[] {
  const parts: string[] = [];
  if (s.conflicts > 0) parts.push(plural(s.conflicts, 'conflict'));
  if (s.errors > 0) parts.push(`${s.errors} refused`);
  if (s.pending > 0) parts.push(`${s.pending} pending`);
  return parts;
}

function details(...parts: (string | null | false)[]): string | null {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p !== '');
  return kept.length > 0 ? kept.join('\n') : null;
}

/** The toolbar's sync status, with times in the calendar's display zone. */
export function syncStatusView(s: SyncStatusDto, zone: string): SyncStatusView {
  const last = isoToSeconds(s.lastSyncedAt);
  const next = isoToSeconds(s.nextAttemptAt);
  const lastLine = last !== null && `Last synced ${formatDateTime(last, zone)}`;
  const nextLine = next !== null && `Trying again at ${formatTime(next, zone)}`;
  const attention = s.conflicts > 0 || s.errors > 0;
  const action: StatusAction = s.conflicts > 0 ? 'conflicts' : null;
  switch (s.state) {
    case 'signed_out':
      return {
        label: 'Not connected',
        detail: 'Meetings stay on this computer. Connect an account to sync them.',
        action: 'connect',
        tone: 'muted',
      };
    case 'needs_sign_in':
      return {
        label: 'Sign in again',
        detail: details(s.message ?? 'The server no longer accepts the saved sign-in.', lastLine),
        action: 'sign-in',
        tone: 'attention',
      };
    case 'offline':
      return {
        label: ['Offline', ...counts(s)].join(' · '),
        detail: details(s.message, nextLine, lastLine),
        action,
        tone: attention ? 'attention' : 'muted',
      };
    case 'syncing':
      return { label: 'Syncing…', detail: lastLine || null, action, tone: 'busy' };
    case 'error':
      return {
        label: 'Sync error',
        detail: details(s.message ?? 'Sync stopped.', nextLine, lastLine),
        action,
        tone: 'attention',
      };
    case 'idle': {
      const parts = counts(s);
      const label =
        parts.length > 0
          ? parts.join(' · ')
          : last !== null
            ? `Up to date at ${formatTime(last, zone)}`
            : 'Up to date';
      return { label, detail: lastLine || null, action, tone: attention ? 'attention' : 'ok' };
    }
  }
}
