import type { Meeting } from '../../shared/meetings-api-types';
import type { ConflictValues } from '../../shared/contract';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { meetingValues, type MeetingsRepo, type StoredMeeting } from '../meetings/meetings-repo';
import type { AccountRepo } from './account-repo';
import { madeByLostPost } from './lost-create';
import { changedFields, contentOf } from './meeting-fields';
import type { MeetingSyncRepo } from './meeting-sync-repo';
import { mergeThreeWay, withContent } from './merge';
import type { OutboxEntry, OutboxRepo } from './outbox-repo';

export type SyncStoreDeps = {
  db: Database;
  clock: Clock;
  meetings: MeetingsRepo;
  rows: MeetingSyncRepo;
  outbox: OutboxRepo;
  account: AccountRepo;
  /** The local profile's id: the remote user id once an account is connected. */
  profileId: () => number;
};

const FIELD_WORDS: Record<string, string> = {
  start: 'the start',
  end: 'the end',
  attendees: 'the attendees',
};

/**
 * Every transition of the local copy that sync makes, each meant to run inside one transaction
 * with whatever else it belongs to (a pulled page and its watermark, a push's answer). Pull, push
 * and census decide what happened remotely; this decides what it means for each local meeting.
 */
export function createSyncStore(deps: SyncStoreDeps) {
  const { meetings, rows, outbox, clock } = deps;

  const parse = (json: string | null | undefined): StoredMeeting | null =>
    json ? (JSON.parse(json) as StoredMeeting) : null;

  function baseOf(localId: number): StoredMeeting | null {
    return parse(rows.get(localId)?.base);
  }

  function writeLocal(localId: number, m: StoredMeeting): void {
    meetings.update(localId, meetingValues(m));
    meetings.replaceAttendees(localId, m.attendees);
  }

  /** Local edits that the remote has not taken yet (queued, refused, or in conflict). */
  function hasLocalEdits(localId: number): boolean {
    const state = rows.get(localId)?.state;
    return state === 'conflict' || state === 'error' || outbox.forMeeting(localId).length > 0;
  }

  /**
   * After the base or the local copy moved: equal means nothing is left to send; different means
   * exactly one update is queued (its PUT is computed from the two when it goes out).
   */
  function settle(localId: number): void {
    const row = rows.get(localId);
    const local = meetings.one(localId);
    const base = parse(row?.base);
    if (!row || !local || !base) return;
    if (row.state === 'conflict') return;
    const differs = changedFields(contentOf(base), contentOf(local)).length > 0;
    const entries = outbox.forMeeting(localId);
    if (!differs) {
      outbox.removeFor(localId, 'update');
      if (entries.every((e) => e.op === 'update')) {
        rows.put(localId, { state: 'synced', message: null });
      }
      return;
    }
    if (!entries.some((e) => e.op === 'update')) outbox.add(localId, 'update', clock.now());
    if (row.state !== 'error') rows.put(localId, { state: 'pending' });
  }

  /** The server's fields (ids, dialog, timestamps) on top of the local content. */
  function withServerFields(local: StoredMeeting, remote: Meeting): StoredMeeting {
    return {
      ...local,
      _id: remote._id,
      host_id: remote.host_id,
      chat_dialog_id: remote.chat_dialog_id,
      created_at: remote.created_at,
    };
  }

  function insertRemote(m: Meeting): number {
    const id = meetings.insert(meetingValues(m));
    meetings.replaceAttendees(id, m.attendees);
    rows.put(id, { state: 'synced', base: JSON.stringify(m) });
    return id;
  }

  /**
   * A create whose POST went out but whose answer never came: if `m` is the meeting it made (what
   * was sent, ours, not yet adopted by any row), take it as that POST's answer.
   */
  function adoptLostCreate(m: Meeting): number | null {
    if (m.host_id !== deps.profileId()) return null;
    const candidates = outbox
      .attemptedCreates()
      .filter((e) => meetings.byLocalId(e.meeting_id)?._id === null && madeByLostPost(e, m));
    const [only] = candidates;
    if (candidates.length !== 1 || !only) return null;
    completeCreate(only, m);
    return only.meeting_id;
  }

  /** A POST's answer (or its adopted copy): the meeting now has its remote `_id` and base. */
  function completeCreate(entry: OutboxEntry, remote: Meeting): void {
    outbox.remove(entry.seq);
    const local = meetings.one(entry.meeting_id);
    if (!local) return;
    // A pull may have brought this very meeting in as a row of its own meanwhile.
    const twin = meetings.byObjectId(remote._id);
    if (twin && twin.id !== entry.meeting_id) meetings.remove(twin.id);
    const same = changedFields(contentOf(local), contentOf(remote)).length === 0;
    writeLocal(entry.meeting_id, same ? remote : withServerFields(local, remote));
    rows.put(entry.meeting_id, { base: JSON.stringify(remote), message: null });
    // A delete queued while the POST was out now knows what to delete.
    outbox.setServerId(entry.meeting_id, remote._id);
    if (rows.get(entry.meeting_id)?.deleted === 1) return;
    settle(entry.meeting_id);
  }

  function completeUpdate(entry: OutboxEntry, remote: Meeting): void {
    outbox.remove(entry.seq);
    const local = meetings.one(entry.meeting_id);
    if (!local) return;
    const same = changedFields(contentOf(local), contentOf(remote)).length === 0;
    writeLocal(entry.meeting_id, same ? remote : withServerFields(local, remote));
    rows.put(entry.meeting_id, { base: JSON.stringify(remote), message: null });
    settle(entry.meeting_id);
  }

  /** The remote deleted it (or had already). An Undo while the DELETE was out makes it new again. */
  function completeDelete(entry: OutboxEntry): void {
    outbox.remove(entry.seq);
    const row = rows.get(entry.meeting_id);
    if (!meetings.byLocalId(entry.meeting_id)) return;
    if (!row || row.deleted === 1) {
      meetings.remove(entry.meeting_id);
      return;
    }
    meetings.setObjectId(entry.meeting_id, null);
    rows.put(entry.meeting_id, { base: null });
    queueCreate(entry.meeting_id);
  }

  /** Queued to be made on the remote as a new meeting; whatever was queued for it before goes. */
  function queueCreate(localId: number): void {
    outbox.removeFor(localId);
    outbox.add(localId, 'create', clock.now());
    rows.put(localId, { state: 'pending', message: null });
  }

  /** 400, 403 or 422: refused for good. The local data stays; nothing is retried until edited. */
  function refuse(entry: OutboxEntry, message: string): void {
    if (entry.op === 'create') outbox.clearAttempt(entry.seq);
    rows.put(entry.meeting_id, { state: 'error', message });
  }

  /** Gone from the remote (deleted, or this person was un-invited). */
  function removedRemotely(localId: number): void {
    if (!hasLocalEdits(localId) || rows.get(localId)?.deleted === 1) {
      outbox.removeFor(localId);
      meetings.remove(localId);
      return;
    }
    outbox.removeFor(localId, 'update');
    rows.put(localId, {
      state: 'conflict',
      conflict_kind: 'deleted_remotely',
      theirs: null,
      message: 'Deleted on the server while you were editing it',
    });
  }

  /**
   * One meeting as the remote has it now, applied idempotently by `_id`. A meeting with unsent
   * local edits is not overwritten: the edits are rebased on it by the three-way merge, and it
   * becomes the new base (or a conflict waits for the person). Returns the local id it changed.
   */
  /** The entry carrying a PUT whose answer was lost (the update, or the delete that replaced it). */
  function lostPutOf(localId: number): OutboxEntry | undefined {
    return outbox.forMeeting(localId).find((e) => e.op !== 'create' && e.attempt_body !== null);
  }

  /** The remote's copy has been merged: whether the lost PUT landed no longer matters. */
  function forgetLostPut(localId: number): void {
    const tried = lostPutOf(localId);
    if (tried) outbox.recordSent(tried.seq, null);
  }

  /**
   * The base to merge against when a PUT of ours went out and no answer came: where the remote now
   * holds what that PUT set, the PUT landed, and those values are ours, not the remote's. Without
   * this, an edit back to the old value would look like no edit, and the remote's copy of our own
   * earlier write would win over the later one.
   */
  function baseAfterLostPut(localId: number, base: StoredMeeting, remote: Meeting): ConflictValues {
    const before = contentOf(base);
    const tried = lostPutOf(localId);
    if (!tried?.attempt_body) return before;
    const sent = contentOf({
      ...base,
      ...(JSON.parse(tried.attempt_body) as Partial<StoredMeeting>),
    });
    const notLanded = new Set(changedFields(sent, contentOf(remote)));
    const adjusted: Record<string, unknown> = { ...before };
    for (const field of changedFields(before, sent)) {
      if (!notLanded.has(field)) adjusted[field] = sent[field];
    }
    return adjusted as ConflictValues;
  }

  function applyRemote(m: Meeting, skewMs = 0): number | null {
    const row = meetings.byObjectId(m._id);
    if (!row) return adoptLostCreate(m) ?? insertRemote(m);
    const sync = rows.get(row.id);
    const local = meetings.one(row.id);
    if (!local) return null;
    if (sync?.deleted === 1) {
      // Deleted here, the delete not yet through: what the remote changed still merges into the
      // copy kept, so an Undo brings the meeting back as it now is (clashes keep ours).
      const kept = parse(sync.base);
      if (kept) {
        const merged = mergeThreeWay(
          baseAfterLostPut(row.id, kept, m),
          contentOf(local),
          contentOf(m),
          true,
        );
        writeLocal(row.id, withContent(withServerFields(local, m), merged.values));
        forgetLostPut(row.id);
      }
      rows.put(row.id, { base: JSON.stringify(m) });
      return null;
    }
    const base = parse(sync?.base);
    if (!base || !hasLocalEdits(row.id)) {
      if (
        JSON.stringify(meetingValues(local)) === JSON.stringify(meetingValues(m)) &&
        changedFields(contentOf(local), contentOf(m)).length === 0
      ) {
        rows.put(row.id, { state: 'synced', base: JSON.stringify(m) });
        return null;
      }
      writeLocal(row.id, m);
      rows.put(row.id, {
        state: 'synced',
        base: JSON.stringify(m),
        theirs: null,
        conflict_kind: null,
        message: null,
      });
      return row.id;
    }
    if (sync?.conflict_kind === 'deleted_remotely') {
      // It exists after all (the census saw a window in flux): back to an ordinary rebase.
      rows.put(row.id, { state: 'pending', conflict_kind: null, message: null });
    }
    // Our edit time on the remote's clock, so the two are comparable.
    const mineIsNewer = (sync?.edited_at_ms ?? 0) + skewMs > Date.parse(m.updated_at);
    const mergeBase = baseAfterLostPut(row.id, base, m);
    const merged = mergeThreeWay(mergeBase, contentOf(local), contentOf(m), mineIsNewer);
    writeLocal(row.id, withContent(withServerFields(local, m), merged.values));
    forgetLostPut(row.id);
    if (merged.clashing.length > 0) {
      const words = merged.clashing.map((f) => FIELD_WORDS[f] ?? f).join(', ');
      // What merged silently is settled: the base moves to the remote's values there, so a later
      // pull does not take the remote's own earlier values, now ours too, for a clash. The clashing
      // fields keep the base they clash against.
      const settled: Record<string, unknown> = { ...contentOf(m) };
      for (const field of merged.clashing) settled[field] = mergeBase[field];
      rows.put(row.id, {
        base: JSON.stringify(withContent(m, settled as ConflictValues)),
        state: 'conflict',
        conflict_kind: 'changed',
        theirs: JSON.stringify(m),
        message: `Changed here and on the server: ${words}`,
      });
      return row.id;
    }
    const wasConflict = sync?.state === 'conflict';
    rows.put(row.id, {
      base: JSON.stringify(m),
      theirs: null,
      conflict_kind: null,
      ...(wasConflict ? { state: 'pending' as const, message: null } : {}),
    });
    settle(row.id);
    return row.id;
  }

  return {
    baseOf,
    writeLocal,
    settle,
    queueCreate,
    hasLocalEdits,
    applyRemote,
    completeCreate,
    lostPutOf,
    completeUpdate,
    completeDelete,
    refuse,
    removedRemotely,
  };
}

export type SyncStore = ReturnType<typeof createSyncStore>;
