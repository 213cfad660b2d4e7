import type { ConflictDto, ConflictValues, MeetingField, MeetingId } from '../../shared/contract';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { EngineError, notFound } from '../errors';
import type { MeetingsRepo, StoredMeeting } from '../meetings/meetings-repo';
import { changedFields, contentOf, FIELDS } from './meeting-fields';
import type { MeetingSyncRepo } from './meeting-sync-repo';
import { withContent } from './merge';
import type { OutboxRepo } from './outbox-repo';
import type { SyncStore } from './sync-store';

export type Choice = 'mine' | 'theirs';

const parse = (json: string | null) => (json ? (JSON.parse(json) as StoredMeeting) : null);

/**
 * The person's side of a conflict (SYNC.md, "Conflicts") and of a refusal: what clashed, and
 * settling it by keeping mine, taking theirs, or choosing per field.
 */
export function createConflicts(deps: {
  db: Database;
  clock: Clock;
  meetings: MeetingsRepo;
  rows: MeetingSyncRepo;
  outbox: OutboxRepo;
  store: SyncStore;
  onQueued: () => void;
}) {
  const { db, meetings, rows, outbox, store, clock } = deps;

  function load(localId: number) {
    const local = meetings.one(localId);
    const sync = rows.get(localId);
    if (!local || !sync || sync.deleted === 1) throw notFound('Meeting not found');
    return { local, sync };
  }

  function describe(localId: number): ConflictDto {
    const { local, sync } = load(localId);
    if (sync.state !== 'conflict')
      throw new EngineError('bad_request', 'This meeting has no conflict');
    const base = parse(sync.base);
    const theirs = parse(sync.theirs);
    const mine = contentOf(local);
    const baseValues = base ? contentOf(base) : null;
    const theirValues = theirs ? contentOf(theirs) : null;
    const fields: MeetingField[] =
      sync.conflict_kind === 'deleted_remotely' || !theirValues
        ? []
        : FIELDS.filter(
            (f) =>
              changedFields(mine, theirValues).includes(f) &&
              (!baseValues ||
                (changedFields(baseValues, mine).includes(f) &&
                  changedFields(baseValues, theirValues).includes(f))),
          );
    return {
      id: localId as MeetingId,
      kind: sync.conflict_kind === 'deleted_remotely' ? 'deleted_remotely' : 'changed',
      fields,
      base: baseValues,
      mine,
      theirs: theirValues,
    };
  }

  function requeueCreate(localId: number): void {
    meetings.setObjectId(localId, null);
    rows.put(localId, { base: null, theirs: null, conflict_kind: null });
    store.queueCreate(localId);
  }

  /** Returns false when the person's choice removed the meeting here. */
  function resolve(
    localId: number,
    keep: Choice,
    perField: Partial<Record<MeetingField, Choice>> = {},
  ): boolean {
    const result = db.transaction(() => {
      const { local, sync } = load(localId);
      if (sync.state === 'error') return settleRefusal(localId, local, keep);
      if (sync.state !== 'conflict')
        throw new EngineError('bad_request', 'This meeting has no conflict');
      if (sync.conflict_kind === 'deleted_remotely') {
        if (keep === 'theirs') {
          outbox.removeFor(localId);
          meetings.remove(localId);
          return false;
        }
        requeueCreate(localId); // re-create it from my copy
        return true;
      }
      const theirs = parse(sync.theirs);
      if (!theirs) throw new Error('a conflict without the server version');
      const mine = contentOf(local);
      const chosen: ConflictValues = { ...mine };
      for (const field of describe(localId).fields) {
        if ((perField[field] ?? keep) === 'theirs') {
          (chosen as Record<MeetingField, unknown>)[field] = contentOf(theirs)[field];
        }
      }
      if (chosen.end <= chosen.start) {
        throw new EngineError(
          'validation',
          'The chosen start and end would end the meeting before it starts',
          {
            end: ['must be after the start'],
          },
        );
      }
      store.writeLocal(localId, { ...withContent(local, chosen), updated_at: local.updated_at });
      rows.put(localId, {
        state: 'pending',
        base: JSON.stringify(theirs),
        theirs: null,
        conflict_kind: null,
        message: null,
        edited_at_ms: clock.now(),
      });
      store.settle(localId);
      return true;
    });
    deps.onQueued();
    return result;
  }

  /** A refusal: mine sends it again as it is; theirs goes back to the server's version. */
  function settleRefusal(localId: number, local: StoredMeeting, keep: Choice): boolean {
    if (keep === 'mine') {
      rows.put(localId, { state: 'pending', message: null });
      if (outbox.forMeeting(localId).length === 0) {
        if (local._id === null) outbox.add(localId, 'create', clock.now());
        else store.settle(localId);
      }
      return true;
    }
    const base = store.baseOf(localId);
    if (!base || local._id === null) {
      outbox.removeFor(localId);
      meetings.remove(localId);
      return false;
    }
    outbox.removeFor(localId);
    store.writeLocal(localId, base);
    rows.put(localId, { state: 'synced', message: null });
    return true;
  }

  return { describe, resolve };
}

export type Conflicts = ReturnType<typeof createConflicts>;
