import { iso, PAGE_SIZE, type PassContext } from './pass-context';

/**
 * How far before the watermark each pull starts again (SYNC.md, "Pull"). Servers may keep only
 * second precision, and a row written with an earlier timestamp may commit after a later one;
 * re-reading half a minute costs nothing when nothing changed, since rows apply idempotently.
 */
export const PULL_OVERLAP_MS = 30_000;

/**
 * Where a pull starts reading. A row it could have missed was committed after the last complete
 * pull started, so its timestamp is at most the overlap before that start, or it is newer than
 * the watermark: reading from the earlier of the two covers both. Without a completed pull on
 * record, the overlap reaches back from the watermark.
 */
export function startCursor(watermark: string | null, pullStartedAt: string | null): string | null {
  if (watermark === null) return null;
  const mark = Date.parse(watermark);
  const fromStart = pullStartedAt === null ? NaN : Date.parse(pullStartedAt) - PULL_OVERLAP_MS;
  return iso(Number.isFinite(fromStart) ? Math.min(mark, fromStart) : mark - PULL_OVERLAP_MS);
}

/**
 * Changes since the watermark, oldest first, paged by a cursor on `updated_at` (not by offset
 * alone: a row changed mid-pull moves to the end, and with offsets another row would slide past
 * unseen). Rows sharing the cursor's timestamp are skipped by count. Each page is applied in one
 * transaction with the watermark it earns, so a crash mid-pull resumes where it was.
 */
export async function pullChanges(ctx: PassContext): Promise<void> {
  const acct = ctx.account.get();
  const startedAt = iso(ctx.clock.now() + ctx.skewMs());
  let cursor = startCursor(acct?.watermark ?? null, acct?.pull_started_at ?? null);
  let skip = 0;
  for (;;) {
    const params: Record<string, string | number> = { limit: PAGE_SIZE, sort_asc: 'updated_at' };
    if (cursor !== null) params['updated_at[gte]'] = cursor;
    if (skip > 0) params.offset = skip;
    const { value: page } = await ctx.remote.list(params);
    ctx.db.transaction(() => {
      let newest: number | null = null;
      for (const meeting of page) {
        const id = ctx.store.applyRemote(meeting, ctx.skewMs());
        if (id !== null) ctx.changed.add(id);
        const at = Date.parse(meeting.updated_at);
        if (Number.isFinite(at) && (newest === null || at > newest)) newest = at;
      }
      if (newest !== null) ctx.account.advanceWatermark(iso(newest));
    });
    const last = page.at(-1);
    if (page.length < PAGE_SIZE || !last) {
      ctx.db.transaction(() => ctx.account.setPullStarted(startedAt));
      return;
    }
    const lastAt = Date.parse(last.updated_at);
    if (cursor !== null && lastAt === Date.parse(cursor)) {
      skip += PAGE_SIZE; // a whole page on one timestamp: step through it by offset
    } else {
      cursor = iso(lastAt);
      skip = page.filter((m) => Date.parse(m.updated_at) === lastAt).length;
    }
  }
}
