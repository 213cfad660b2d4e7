import type { MeetingSyncState, PendingOperation } from '../../shared/contract';
import type { Database } from '../db/database';
import { sql, sqlJoin, sqlRaw } from '../db/sql';

export type ConflictKind = 'changed' | 'deleted_remotely';

export type MeetingSyncRow = {
  meeting_id: number;
  state: MeetingSyncState;
  draft: number;
  chat: number;
  base: string | null;
  theirs: string | null;
  conflict_kind: ConflictKind | null;
  message: string | null;
  deleted: number;
  edited_at_ms: number | null;
};

export type SyncInfo = {
  state: MeetingSyncState;
  pendingOperation: PendingOperation | null;
  message: string | null;
  draft: boolean;
  /** A chat dialog is asked for (made by the remote when the meeting is first sent). */
  chat: boolean;
};

const COLUMNS = new Set([
  'state',
  'draft',
  'chat',
  'base',
  'theirs',
  'conflict_kind',
  'message',
  'deleted',
  'edited_at_ms',
]);

export const LOCAL: SyncInfo = {
  state: 'local',
  pendingOperation: null,
  message: null,
  draft: false,
  chat: false,
};

/** Each meeting's standing with the remote and its base (the last server state applied). */
export function createMeetingSyncRepo(db: Database) {
  return {
    get: (meetingId: number) =>
      db.get<MeetingSyncRow>(sql`SELECT * FROM meeting_sync WHERE meeting_id = ${meetingId}`),

    /** Inserts the row or changes the given columns of it. */
    put(meetingId: number, patch: Partial<Omit<MeetingSyncRow, 'meeting_id'>>): void {
      db.run(sql`INSERT INTO meeting_sync (meeting_id, state) VALUES (${meetingId}, 'local')
                 ON CONFLICT (meeting_id) DO NOTHING`);
      const sets = Object.entries(patch).map(([column, value]) => {
        // Identifiers cannot be bound; they are checked against the table's own column list.
        if (!COLUMNS.has(column)) throw new Error(`meeting_sync has no column ${column}`);
        return sql`${sqlRaw(column)} = ${value}`;
      });
      if (sets.length === 0) return;
      db.run(sql`UPDATE meeting_sync SET ${sqlJoin(sets, ', ')} WHERE meeting_id = ${meetingId}`);
    },

    /** What the window shows per meeting: the state, and for a pending one the first queued op. */
    infoFor(meetingIds: readonly number[]): Map<number, SyncInfo> {
      const result = new Map<number, SyncInfo>(meetingIds.map((id) => [id, LOCAL]));
      if (meetingIds.length === 0) return result;
      const rows = db.all<{
        meeting_id: number;
        state: MeetingSyncState;
        message: string | null;
        draft: number;
        chat: number;
        op: PendingOperation | null;
      }>(sql`SELECT s.meeting_id, s.state, s.message, s.draft, s.chat,
               (SELECT o.op FROM sync_outbox o WHERE o.meeting_id = s.meeting_id ORDER BY o.seq LIMIT 1) AS op
             FROM meeting_sync s
             WHERE s.meeting_id IN (SELECT value FROM json_each(${JSON.stringify(meetingIds)}))`);
      for (const r of rows) {
        result.set(r.meeting_id, {
          state: r.state,
          pendingOperation: r.state === 'pending' ? r.op : null,
          message: r.message,
          draft: r.draft === 1,
          chat: r.chat === 1,
        });
      }
      return result;
    },

    counts(): { pending: number; conflicts: number; errors: number } {
      const row = db.get<{ pending: number; conflicts: number; errors: number }>(sql`SELECT
          count(*) FILTER (WHERE state = 'pending') AS pending,
          count(*) FILTER (WHERE state = 'conflict') AS conflicts,
          count(*) FILTER (WHERE state = 'error') AS errors
        FROM meeting_sync`);
      return row ?? { pending: 0, conflicts: 0, errors: 0 };
    },
  };
}

export type MeetingSyncRepo = ReturnType<typeof createMeetingSyncRepo>;
