import type { Meeting } from '../../shared/meetings-api-types';
import { backoffMs, classify, DEFAULT_RATE_LIMIT_PAUSE_MS, type Failure } from './classify';
import { madeByLostPost, nearestToAttempt } from './lost-create';
import { createBody, updateBody } from './meeting-fields';
import type { OutboxEntry } from './outbox-repo';
import { iso, PAGE_SIZE, type PassContext } from './pass-context';

/** A pass stops here: the failure is kept for the status, and the worker decides when to retry. */
export class PassStopped extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = 'PassStopped';
  }
}

/**
 * How far back to look for a meeting a lost POST may have made, beyond the measured clock skew:
 * the POST may have reached the server a little before we recorded it as sent.
 */
const LOST_POST_MARGIN_MS = 5 * 60_000;

/** The meeting the remote made for a POST whose answer was lost, if it made one. */
async function findLostCreate(ctx: PassContext, entry: OutboxEntry): Promise<Meeting | null> {
  const since = (entry.attempted_at_ms ?? 0) + ctx.skewMs() - LOST_POST_MARGIN_MS;
  const found: Meeting[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const { value: page } = await ctx.remote.list({
      'created_at[gte]': iso(since),
      limit: PAGE_SIZE,
      offset,
      sort_asc: 'created_at',
    });
    for (const m of page) {
      if (m.host_id !== ctx.profileId() || ctx.meetings.byObjectId(m._id) !== undefined) continue;
      if (madeByLostPost(entry, m)) found.push(m);
    }
    if (page.length < PAGE_SIZE) break;
  }
  // Several identical copies (the person made the same meeting elsewhere too): ours is the one
  // made closest to when the POST went out; the others are theirs and are pulled as their own.
  return nearestToAttempt(entry, found, ctx.skewMs()) ?? null;
}

async function pushCreate(ctx: PassContext, entry: OutboxEntry): Promise<void> {
  const id = entry.meeting_id;
  if (entry.attempted_at_ms !== null) {
    // The last POST's outcome is unknown: look before sending it again.
    const made = await findLostCreate(ctx, entry);
    if (made) {
      ctx.db.transaction(() => ctx.store.completeCreate(entry, made));
      ctx.changed.add(id);
      return;
    }
  }
  const local = ctx.meetings.one(id);
  const sync = ctx.rows.get(id);
  if (!local || !sync || sync.deleted === 1) {
    // Deleted here before any copy reached the remote: nothing to send, nothing to delete.
    ctx.db.transaction(() => {
      ctx.outbox.removeFor(id);
      if (local) ctx.meetings.remove(id);
    });
    return;
  }
  const body = createBody(local, sync.chat === 1);
  ctx.db.transaction(() =>
    ctx.outbox.markAttempt(entry.seq, JSON.stringify(body), ctx.clock.now()),
  );
  const { value } = await ctx.remote.create(body);
  ctx.db.transaction(() => ctx.store.completeCreate(entry, value));
  ctx.changed.add(id);
}

async function pushUpdate(ctx: PassContext, entry: OutboxEntry): Promise<void> {
  const id = entry.meeting_id;
  const local = ctx.meetings.one(id);
  const base = ctx.store.baseOf(id);
  if (!local || local._id === null || !base) {
    ctx.db.transaction(() => ctx.outbox.remove(entry.seq));
    return;
  }
  const body = updateBody(base, local);
  if (Object.keys(body).length === 0) {
    ctx.db.transaction(() => {
      ctx.outbox.remove(entry.seq);
      ctx.store.settle(id);
    });
    ctx.changed.add(id);
    return;
  }
  ctx.db.transaction(() => ctx.outbox.recordSent(entry.seq, JSON.stringify(body)));
  try {
    const { value } = await ctx.remote.update(local._id, body);
    ctx.db.transaction(() => ctx.store.completeUpdate(entry, value));
  } catch (error) {
    if (classify(error).kind !== 'gone') throw error;
    ctx.db.transaction(() => ctx.store.removedRemotely(id));
  }
  ctx.changed.add(id);
}

async function pushDelete(ctx: PassContext, entry: OutboxEntry): Promise<void> {
  if (entry.server_id !== null) {
    try {
      await ctx.remote.remove(entry.server_id);
    } catch (error) {
      if (classify(error).kind !== 'gone') throw error; // 404: already gone, which is the goal
    }
  }
  ctx.db.transaction(() => ctx.store.completeDelete(entry));
  ctx.changed.add(entry.meeting_id);
}

const PUSH = { create: pushCreate, update: pushUpdate, delete: pushDelete } as const;

/**
 * Sends the outbox in order (SYNC.md, "Push"). A refusal marks that meeting and the queue moves
 * on; any other failure stops the pass, so a later change never overtakes an earlier one. Entries
 * waiting out a backoff stop it too. Returns when the next entry may go, or null when done.
 */
export async function pushOutbox(ctx: PassContext): Promise<number | null> {
  // Every entry handled is removed, held (refused, in conflict) or stops the pass, so walking by
  // seq visits each once, and reaches entries queued while the pass runs.
  let last = 0;
  for (;;) {
    const entry = ctx.outbox.nextAfter(last);
    if (!entry) return null;
    last = entry.seq;
    if (entry.next_attempt_at_ms !== null && entry.next_attempt_at_ms > ctx.clock.now()) {
      return entry.next_attempt_at_ms;
    }
    try {
      await PUSH[entry.op](ctx, entry);
    } catch (error) {
      const failure = classify(error);
      if (failure.kind === 'refused' || failure.kind === 'gone') {
        ctx.db.transaction(() => ctx.store.refuse(entry, failure.message));
        ctx.changed.add(entry.meeting_id);
        continue;
      }
      // A 429 or 401 answer means the server did not act: a POST refused so was not made.
      if (entry.op === 'create' && (failure.kind === 'rate_limited' || failure.kind === 'sign_in'))
        ctx.db.transaction(() => ctx.outbox.clearAttempt(entry.seq));
      if (failure.kind === 'rate_limited') {
        const pause = failure.retryAfterMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS;
        ctx.db.transaction(() => ctx.account.setPausedUntil(ctx.clock.now() + pause));
      } else if (failure.kind === 'transient' && ctx.outbox.get(entry.seq)) {
        const next = ctx.clock.now() + backoffMs(entry.attempts + 1);
        ctx.db.transaction(() => ctx.outbox.recordFailure(entry.seq, failure.message, next));
      }
      throw new PassStopped(failure);
    }
  }
}
