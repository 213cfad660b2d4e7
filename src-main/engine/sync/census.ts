import type { Meeting } from '../../shared/meetings-api-types';
import { sql } from '../db/sql';
import { PAGE_SIZE, type PassContext } from './pass-context';

const DAY_S = 86_400;
/** The weeks people look at: checked on every pass. */
const CURRENT_BEFORE_S = 7 * DAY_S;
const CURRENT_AFTER_S = 28 * DAY_S;

type LocalCopy = { id: number; _id: string; updated_at: string };

function localCopies(ctx: PassContext, from: number, to: number): LocalCopy[] {
  return ctx.db.all<LocalCopy>(sql`SELECT m.id, m._id, m.updated_at FROM meetings m
    LEFT JOIN meeting_sync s ON s.meeting_id = m.id
    WHERE m._id IS NOT NULL AND m.start_date >= ${from} AND m.start_date < ${to}
      AND coalesce(s.deleted, 0) = 0`);
}

async function listWindow(ctx: PassContext, from: number, to: number, offset: number) {
  const params: Record<string, string | number> = {
    'start_date[gte]': from,
    'start_date[lt]': to,
    limit: PAGE_SIZE,
  };
  if (offset > 0) params.offset = offset;
  return (await ctx.remote.list(params)).value;
}

/**
 * Deletions and un-invitations (SYNC.md, "Pull": the API has no tombstones). The remote's ids in a
 * `start_date` window are compared with the local copies there; a window that fills a page is
 * split, and a window with no local copies costs no request at all. What is missing is confirmed
 * with one `_id[in]` call before anything is removed: a meeting moved to another window in the
 * meantime is found there and simply applied.
 */
export async function runCensus(ctx: PassContext, full: boolean): Promise<void> {
  const missing = new Map<string, number>();
  const seen: Meeting[] = [];

  async function check(from: number, to: number): Promise<void> {
    const local = localCopies(ctx, from, to);
    if (local.length === 0) return;
    const width = to - from;
    if (local.length >= PAGE_SIZE && width > 1) return split(from, to);
    let remote = await listWindow(ctx, from, to, 0);
    if (remote.length >= PAGE_SIZE) {
      if (width > 1) return split(from, to);
      // More than a page starting in the same second: only offsets can get through it.
      for (let page = remote; page.length >= PAGE_SIZE;) {
        page = await listWindow(ctx, from, to, remote.length);
        remote = remote.concat(page);
      }
    }
    const ids = new Set(remote.map((m) => m._id));
    for (const copy of local) if (!ids.has(copy._id)) missing.set(copy._id, copy.id);
    seen.push(...remote);
  }

  async function split(from: number, to: number): Promise<void> {
    const middle = from + Math.floor((to - from) / 2);
    await check(from, middle);
    await check(middle, to);
  }

  const now = Math.floor(ctx.clock.now() / 1000);
  const range = full
    ? ctx.db.get<{ lo: number | null; hi: number | null }>(
        sql`SELECT min(start_date) AS lo, max(start_date) AS hi FROM meetings WHERE _id IS NOT NULL`,
      )
    : undefined;
  if (range?.lo != null && range.hi != null) await check(range.lo, range.hi + 1);
  else await check(now - CURRENT_BEFORE_S, now + CURRENT_AFTER_S);

  const ids = [...missing.keys()];
  const found = new Map<string, Meeting>();
  for (let i = 0; i < ids.length; i += PAGE_SIZE) {
    const chunk = ids.slice(i, i + PAGE_SIZE);
    const { value } = await ctx.remote.list({ '_id[in]': chunk.join(','), limit: PAGE_SIZE });
    for (const m of value) found.set(m._id, m);
  }

  ctx.db.transaction(() => {
    // What the windows listed is the remote's current state too: a row the pull missed (one
    // changed while the pull paged past it) is healed here.
    for (const m of [...seen, ...found.values()]) {
      const id = ctx.store.applyRemote(m, ctx.skewMs());
      if (id !== null) ctx.changed.add(id);
    }
    for (const [objectId, localId] of missing) {
      if (found.has(objectId)) continue;
      ctx.store.removedRemotely(localId);
      ctx.changed.add(localId);
    }
  });
}
