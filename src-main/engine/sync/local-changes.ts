import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { isoAt } from '../clock';
import { EngineError } from '../errors';
import type { MeetingEffects } from '../meetings/meeting-effects';
import { meetingValues, type MeetingsRepo, type StoredMeeting } from '../meetings/meetings-repo';
import type { AccountRepo } from './account-repo';
import type { MeetingSyncRepo } from './meeting-sync-repo';
import type { OutboxRepo } from './outbox-repo';
import type { SyncStore } from './sync-store';

export type LocalChangesDeps = {
  db: Database;
  clock: Clock;
  meetings: MeetingsRepo;
  rows: MeetingSyncRepo;
  outbox: OutboxRepo;
  account: AccountRepo;
  store: SyncStore;
  /** A change was queued: the worker sends it soon (debounced). */
  onQueued: () => void;
};

/**
 * The client role's side of every local edit (SYNC.md, "Push"): the meeting row and its outbox
 * entry are written in one transaction, so an edit acknowledged to the person reaches the remote
 * across crashes and restarts. Without an account, or for a draft, a meeting stays `local`.
 */
export function createLocalChanges(deps: LocalChangesDeps) {
  const { meetings, rows, outbox, account, clock } = deps;
  const connected = () => account.get() !== undefined;

  function keepLostPut(localId: number, op: 'update' | 'delete', body: string): void {
    const entry = outbox.forMeeting(localId).find((e) => e.op === op);
    if (entry) outbox.recordSent(entry.seq, body);
  }

  function queueCreate(localId: number): void {
    deps.store.queueCreate(localId);
    rows.put(localId, { draft: 0 });
    deps.onQueued();
  }

  const effects: MeetingEffects = {
    servesApi: false,
    newObjectId: () => null,
    beforeCreate() {},
    afterCreate(localId, _meeting, _host, options) {
      rows.put(localId, {
        state: 'local',
        draft: options.draft ? 1 : 0,
        chat: options.chat ? 1 : 0,
        edited_at_ms: clock.now(),
      });
      if (connected() && !options.draft) queueCreate(localId);
    },
    afterUpdate(localId, _before, after) {
      const sync = rows.get(localId);
      rows.put(localId, { edited_at_ms: clock.now() });
      if (!connected() || !sync || sync.draft === 1 || sync.state === 'local') return;
      // A conflict waits for the person's choice; the edit is kept and sent with it.
      if (sync.state === 'conflict') return;
      const entries = outbox.forMeeting(localId);
      const last = entries.at(-1);
      if (after._id === null && !entries.some((e) => e.op === 'create')) {
        // Refused when it was first sent: the edit is the person's answer, so send it again.
        queueCreate(localId);
        return;
      }
      // The PUT is computed from base and local when it goes out, so one queued update (or a
      // create not yet sent) already carries this edit.
      const carried =
        last && (last.op === 'update' || (last.op === 'create' && last.attempted_at_ms === null));
      if (!carried) outbox.add(localId, 'update', clock.now());
      rows.put(localId, { state: 'pending', message: null });
      deps.onQueued();
    },
    remove(localId, meeting) {
      const entries = outbox.forMeeting(localId);
      const postWentOut = entries.some((e) => e.op === 'create' && e.attempted_at_ms !== null);
      if (!connected() || (meeting._id === null && !postWentOut)) {
        // Never reached the remote: the create and everything after it go without a request.
        outbox.removeFor(localId);
        meetings.remove(localId);
        return;
      }
      // A PUT whose answer was lost stays on record with the delete (an Undo may need it).
      const lostPut = deps.store.lostPutOf(localId)?.attempt_body ?? null;
      outbox.removeFor(localId, 'update');
      // Hidden until the remote confirms, so an Undo can still bring it back as it was.
      outbox.add(localId, 'delete', clock.now(), meeting._id);
      if (lostPut) keepLostPut(localId, 'delete', lostPut);
      rows.put(localId, { deleted: 1, state: 'pending', message: null });
      deps.onQueued();
    },
  };

  /**
   * Undo of a delete. A delete not sent yet is taken back (the meeting is as it was, with a new
   * `updated_at` so nothing that reads by time can miss it); one already sent, or a meeting that
   * never left this computer, comes back as a new meeting under its old local id.
   */
  function restore(
    snapshot: StoredMeeting,
    localId: number,
    { draft, chat }: { draft: boolean; chat: boolean },
  ): void {
    deps.db.transaction(() => {
      const now = isoAt(clock.now());
      const existing = meetings.byLocalId(localId);
      const sync = rows.get(localId);
      if (existing) {
        if (sync?.deleted !== 1) {
          throw new EngineError('bad_request', 'This meeting has already been restored');
        }
        // A delete that was tried and failed may still have reached the remote: it is let finish,
        // and its completion sends the restored meeting again as new (SYNC.md: nothing
        // acknowledged is lost, nothing doubled). One never tried is simply taken back.
        const tried = outbox.forMeeting(localId).some((e) => e.op === 'delete' && e.attempts > 0);
        const lostPut = deps.store.lostPutOf(localId)?.attempt_body ?? null;
        if (!tried) outbox.removeFor(localId, 'delete');
        // The copy kept since the delete (with what the remote changed meanwhile merged in),
        // not the snapshot taken at the delete.
        const kept = meetings.one(localId) ?? { ...snapshot, _id: existing._id };
        meetings.update(localId, { ...meetingValues(kept), updated_at: now });
        rows.put(localId, { deleted: 0, edited_at_ms: clock.now() });
        if (existing._id === null) {
          if (!outbox.forMeeting(localId).some((e) => e.op === 'create')) queueCreate(localId);
        } else {
          deps.store.settle(localId);
          if (lostPut && !tried) {
            if (!outbox.forMeeting(localId).some((e) => e.op === 'update'))
              outbox.add(localId, 'update', clock.now());
            keepLostPut(localId, 'update', lostPut);
            rows.put(localId, { state: 'pending' });
          }
        }
        deps.onQueued();
        return;
      }
      const values = {
        ...meetingValues(snapshot),
        _id: null,
        chat_dialog_id: null,
        updated_at: now,
      };
      meetings.insert(values, localId);
      meetings.replaceAttendees(localId, snapshot.attendees);
      rows.put(localId, {
        state: 'local',
        draft: draft ? 1 : 0,
        chat: chat ? 1 : 0,
        edited_at_ms: clock.now(),
      });
      if (connected() && !draft) queueCreate(localId);
    });
  }

  /** Sends a draft: from now on it syncs like any other meeting (or stays local without an account). */
  function send(localId: number): void {
    deps.db.transaction(() => {
      rows.put(localId, { draft: 0 });
      if (connected()) queueCreate(localId);
    });
  }

  return { effects, restore, send };
}

export type LocalChanges = ReturnType<typeof createLocalChanges>;
