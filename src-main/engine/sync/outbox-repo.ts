import type { Database } from '../db/database';
import { sql } from '../db/sql';

export type OutboxOp = 'create' | 'update' | 'delete';

export type OutboxEntry = {
  seq: number;
  meeting_id: number;
  op: OutboxOp;
  server_id: string | null;
  attempted_at_ms: number | null;
  attempt_body: string | null;
  attempts: number;
  next_attempt_at_ms: number | null;
  last_error: string | null;
  created_at_ms: number;
};

/** The durable queue of changes for the remote (SYNC.md, "Push"), in the order they were made. */
export function createOutboxRepo(db: Database) {
  return {
    add(meetingId: number, op: OutboxOp, nowMs: number, serverId: string | null = null): void {
      db.run(sql`INSERT INTO sync_outbox (meeting_id, op, server_id, created_at_ms)
                 VALUES (${meetingId}, ${op}, ${serverId}, ${nowMs})`);
    },

    /** Every entry, oldest first. */
    all: () => db.all<OutboxEntry>(sql`SELECT * FROM sync_outbox ORDER BY seq`),

    forMeeting: (meetingId: number) =>
      db.all<OutboxEntry>(
        sql`SELECT * FROM sync_outbox WHERE meeting_id = ${meetingId} ORDER BY seq`,
      ),

    /**
     * The first entry after `seq` whose meeting is not waiting for the person (a conflict, or a
     * refusal): those stay queued, in place, and do not block the others.
     */
    nextAfter: (seq: number) =>
      db.get<OutboxEntry>(sql`SELECT o.* FROM sync_outbox o
        LEFT JOIN meeting_sync s ON s.meeting_id = o.meeting_id
        WHERE o.seq > ${seq} AND coalesce(s.state, '') NOT IN ('conflict', 'error')
        ORDER BY o.seq LIMIT 1`),

    /** Creates whose POST went out and whose answer is not known yet. */
    attemptedCreates: () =>
      db.all<OutboxEntry>(sql`SELECT * FROM sync_outbox
        WHERE op = 'create' AND attempt_body IS NOT NULL ORDER BY seq`),

    get: (seq: number) => db.get<OutboxEntry>(sql`SELECT * FROM sync_outbox WHERE seq = ${seq}`),

    remove(seq: number): void {
      db.run(sql`DELETE FROM sync_outbox WHERE seq = ${seq}`);
    },

    removeFor(meetingId: number, op?: OutboxOp): void {
      if (op === undefined) db.run(sql`DELETE FROM sync_outbox WHERE meeting_id = ${meetingId}`);
      else db.run(sql`DELETE FROM sync_outbox WHERE meeting_id = ${meetingId} AND op = ${op}`);
    },

    /** Recorded durably before a POST goes out, so a lost answer is looked for, not re-sent. */
    /**
     * What a PUT carried, kept until its answer comes or the remote's copy is next pulled: it may
     * have landed even if no answer does (null: forgotten).
     */
    recordSent(seq: number, body: string | null): void {
      db.run(sql`UPDATE sync_outbox SET attempt_body = ${body} WHERE seq = ${seq}`);
    },

    markAttempt(seq: number, body: string, atMs: number): void {
      db.run(sql`UPDATE sync_outbox SET attempted_at_ms = ${atMs}, attempt_body = ${body},
                 attempts = attempts + 1 WHERE seq = ${seq}`);
    },

    /** The POST's outcome is known (refused): the next send need not look for a lost copy. */
    clearAttempt(seq: number): void {
      db.run(
        sql`UPDATE sync_outbox SET attempted_at_ms = NULL, attempt_body = NULL WHERE seq = ${seq}`,
      );
    },

    recordFailure(seq: number, error: string, nextAttemptAtMs: number | null): void {
      db.run(sql`UPDATE sync_outbox SET attempts = attempts + 1, last_error = ${error},
                 next_attempt_at_ms = ${nextAttemptAtMs} WHERE seq = ${seq}`);
    },

    /** "Sync now" is the person asking: entries waiting out a backoff go at once. */
    clearBackoff(): void {
      db.run(
        sql`UPDATE sync_outbox SET next_attempt_at_ms = NULL WHERE next_attempt_at_ms IS NOT NULL`,
      );
    },

    setServerId(meetingId: number, serverId: string): void {
      db.run(sql`UPDATE sync_outbox SET server_id = ${serverId}
                 WHERE meeting_id = ${meetingId} AND op = 'delete'`);
    },

    clear(): void {
      db.run(sql`DELETE FROM sync_outbox`);
    },

    count: () => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM sync_outbox`)?.n ?? 0,
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
