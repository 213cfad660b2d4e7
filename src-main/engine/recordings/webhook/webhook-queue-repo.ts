import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/database';
import { sql } from '../../db/sql';

export type WebhookStatus = 'waiting' | 'pending' | 'delivered' | 'failed' | 'skipped';

export type WebhookEventRow = {
  id: number;
  event_id: string;
  meeting_id: string;
  status: WebhookStatus;
  recording_ids: string;
  meeting: string;
  host_user: string | null;
  attempts: number;
  next_attempt_at_ms: number;
  last_status: number | null;
  last_error: string | null;
  created_at_ms: number;
  finished_at_ms: number | null;
};

/** Standard Webhooks ids look like `msg_…`; the same one goes with every retry of an event. */
const newEventId = () => `msg_${randomBytes(16).toString('hex')}`;

/** The durable queue of recording-done events (`recording_webhooks`, migration 005). */
export function createWebhookQueueRepo(db: Database) {
  return {
    /**
     * Adds a just-stored recording to its meeting's waiting event, or starts one. Each file
     * restarts the quiet period, but never past `maxWaitMs` after the event's first file.
     */
    noteRecording(e: {
      meetingId: string;
      recordingId: string;
      meeting: string;
      hostUser: string | null;
      nowMs: number;
      quietMs: number;
      maxWaitMs: number;
    }): void {
      db.run(sql`INSERT INTO recording_webhooks (event_id, meeting_id, status, recording_ids,
          meeting, host_user, next_attempt_at_ms, created_at_ms)
        VALUES (${newEventId()}, ${e.meetingId}, 'waiting', json_array(${e.recordingId}),
          ${e.meeting}, ${e.hostUser}, ${e.nowMs + e.quietMs}, ${e.nowMs})
        ON CONFLICT (meeting_id) WHERE status = 'waiting' DO UPDATE SET
          recording_ids = json_insert(recording_ids, '$[#]', ${e.recordingId}),
          meeting = excluded.meeting,
          host_user = excluded.host_user,
          next_attempt_at_ms = min(excluded.next_attempt_at_ms, created_at_ms + ${e.maxWaitMs})`);
    },

    due: (nowMs: number, limit: number) =>
      db.all<WebhookEventRow>(sql`SELECT * FROM recording_webhooks
        WHERE status IN ('waiting', 'pending') AND next_attempt_at_ms <= ${nowMs}
        ORDER BY next_attempt_at_ms, id LIMIT ${limit}`),

    nextDueAt: () =>
      db.get<{ at: number | null }>(sql`SELECT min(next_attempt_at_ms) AS at FROM recording_webhooks
        WHERE status IN ('waiting', 'pending')`)?.at ?? null,

    /** The quiet period is over: later files of the meeting start a new event. */
    close(id: number): void {
      db.run(
        sql`UPDATE recording_webhooks SET status = 'pending' WHERE id = ${id} AND status = 'waiting'`,
      );
    },

    retryAt(id: number, attempts: number, nextAtMs: number, status: number | null, error: string) {
      db.run(sql`UPDATE recording_webhooks SET status = 'pending', attempts = ${attempts},
          next_attempt_at_ms = ${nextAtMs}, last_status = ${status}, last_error = ${error}
        WHERE id = ${id}`);
    },

    finish(
      id: number,
      outcome: { status: 'delivered' | 'failed' | 'skipped'; attempts: number; nowMs: number },
      detail: { httpStatus?: number | null; error?: string | null } = {},
    ): void {
      db.run(sql`UPDATE recording_webhooks SET status = ${outcome.status}, attempts = ${outcome.attempts},
          last_status = ${detail.httpStatus ?? null}, last_error = ${detail.error ?? null},
          finished_at_ms = ${outcome.nowMs}
        WHERE id = ${id}`);
    },

    /** Finished events older than the recordings they announced are of no more use. */
    purgeFinished(beforeMs: number): number {
      return db.run(sql`DELETE FROM recording_webhooks
        WHERE status IN ('delivered', 'failed', 'skipped') AND finished_at_ms < ${beforeMs}`)
        .changes;
    },
  };
}

export type WebhookQueueRepo = ReturnType<typeof createWebhookQueueRepo>;
