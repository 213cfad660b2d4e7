import { z } from 'zod';
import { MEETING_DIALOG_TYPE, type Dialog, type Paged } from '../../shared/meetings-api-types';
import { isoAt, type Clock } from '../clock';
import type { Database } from '../db/database';
import { sql } from '../db/sql';
import { notFound } from '../errors';
import type { IdGenerator } from '../ids';
import { parseOrThrow } from '../validation/parse';

type DialogRow = {
  id: number;
  _id: string;
  type: number;
  name: string;
  user_id: number;
  meeting_id: string | null;
  created_at: string;
  updated_at: string;
};

const listQuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'must be an integer' })
    .int('must be an integer')
    .min(1)
    .max(100)
    .default(100),
  skip: z.coerce
    .number({ error: 'must be an integer' })
    .int('must be an integer')
    .min(0)
    .default(0),
});

/**
 * The minimum of chat a meeting needs (spec section 4): a type-5 dialog per meeting created with
 * `chat: true`, its occupants, subscribe and list. Messaging itself is out of scope.
 */
export function createDialogsService(db: Database, clock: Clock, ids: IdGenerator) {
  function occupants(dialogId: number): number[] {
    return db
      .all<{ user_id: number }>(
        sql`SELECT user_id FROM dialog_occupants WHERE dialog_id = ${dialogId} ORDER BY user_id`,
      )
      .map((r) => r.user_id);
  }

  function toDialog(row: DialogRow): Dialog {
    return {
      _id: row._id,
      type: row.type,
      name: row.name,
      user_id: row.user_id,
      occupants_ids: occupants(row.id),
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
  }

  function addOccupants(dialogId: number, userIds: readonly number[]): void {
    for (const userId of new Set(userIds)) {
      db.run(
        sql`INSERT OR IGNORE INTO dialog_occupants (dialog_id, user_id) VALUES (${dialogId}, ${userId})`,
      );
    }
  }

  const byObjectId = (id: string) =>
    db.get<DialogRow>(sql`SELECT * FROM dialogs WHERE _id = ${id}`);

  return {
    /** Called inside the meeting's transaction; returns the new dialog's `_id`. */
    createForMeeting(
      meetingId: string,
      name: string,
      hostId: number,
      occupantIds: readonly number[],
    ): string {
      const now = isoAt(clock.now());
      const _id = ids.objectId();
      const { lastInsertRowid } = db.run(sql`
        INSERT INTO dialogs (_id, type, name, user_id, meeting_id, created_at, updated_at)
        VALUES (${_id}, ${MEETING_DIALOG_TYPE}, ${name}, ${hostId}, ${meetingId}, ${now}, ${now})`);
      addOccupants(lastInsertRowid, [hostId, ...occupantIds]);
      return _id;
    },

    /** Keeps a meeting's dialog in step with it: same name, new attendees become occupants. */
    followMeeting(dialogObjectId: string, name: string, newOccupantIds: readonly number[]): void {
      const row = byObjectId(dialogObjectId);
      if (!row) return;
      if (row.name !== name) {
        db.run(
          sql`UPDATE dialogs SET name = ${name}, updated_at = ${isoAt(clock.now())} WHERE id = ${row.id}`,
        );
      }
      addOccupants(row.id, newOccupantIds);
    },

    list(userId: number, query: unknown): Paged<Dialog> {
      const { limit, skip } = parseOrThrow(listQuerySchema, query);
      const rows = db.all<DialogRow>(sql`SELECT d.* FROM dialogs d
        JOIN dialog_occupants o ON o.dialog_id = d.id AND o.user_id = ${userId}
        ORDER BY d.updated_at DESC, d.id DESC LIMIT ${limit} OFFSET ${skip}`);
      const total = db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM dialog_occupants WHERE user_id = ${userId}`,
      );
      return { total_entries: total?.n ?? 0, skip, limit, items: rows.map(toDialog) };
    },

    /**
     * Joins the caller to a dialog. Allowed for its occupants and, for a meeting's dialog, for
     * whoever may read the meeting; anyone else is told it does not exist.
     */
    subscribe(
      userId: number,
      dialogId: string,
      mayReadMeeting: (meetingId: string) => boolean,
    ): Dialog {
      const row = byObjectId(dialogId);
      const allowed =
        row !== undefined &&
        (occupants(row.id).includes(userId) ||
          (row.meeting_id !== null && mayReadMeeting(row.meeting_id)));
      if (!row || !allowed) throw notFound('Dialog not found');
      db.transaction(() => {
        addOccupants(row.id, [userId]);
        db.run(sql`UPDATE dialogs SET updated_at = ${isoAt(clock.now())} WHERE id = ${row.id}`);
      });
      const updated = byObjectId(dialogId);
      if (!updated) throw notFound('Dialog not found');
      return toDialog(updated);
    },
  };
}

export type DialogsService = ReturnType<typeof createDialogsService>;
