import type { UserRow } from '../users/users-repo';
import type { StoredMeeting } from './meetings-repo';

/** What the person asked for beyond the meeting's fields when creating it. */
export type CreateOptions = { chat: boolean; draft: boolean };

/**
 * What a meeting write does besides writing the meeting: the one place the engine's two roles
 * differ (SYNC.md, "Roles and identity"). The server role is the authority: it assigns `_id`s,
 * creates chat dialogs and queues mail. The client role does none of that; it queues the change
 * for the remote in its outbox instead. Every hook runs inside the write's transaction, so a
 * failure anywhere leaves the database as it was.
 */
export type MeetingEffects = {
  /**
   * True for the server role: every meeting has an `_id`, so the REST API's calls (which speak of
   * meetings by `_id`) can serve them. The client role's window uses local ids instead.
   */
  readonly servesApi: boolean;
  /** A fresh `_id`, or null when the remote will assign it. */
  newObjectId(): string | null;
  /** Before the row is written; may fill server-made fields (the chat dialog id). */
  beforeCreate(draft: StoredMeeting, host: UserRow, options: CreateOptions): void;
  afterCreate(localId: number, meeting: StoredMeeting, host: UserRow, options: CreateOptions): void;
  afterUpdate(localId: number, before: StoredMeeting, after: StoredMeeting, host: UserRow): void;
  /** Deletes the meeting (the server drops the row; a client may keep it hidden until sent). */
  remove(localId: number, meeting: StoredMeeting): void;
};
