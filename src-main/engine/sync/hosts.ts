import { sql } from '../db/sql';
import { RemoteError } from './remote-client';
import type { PassContext } from './pass-context';

/** At most this many unknown hosts are looked up per pass, so a big first pull stays quick. */
const LOOKUPS_PER_PASS = 10;

/**
 * Names for the hosts of meetings other people invited this person to: the window says "Hosted by
 * Olga Petrova", not "user #57". Each host is looked up once (their public profile) and kept as a
 * user row without a password; one the remote does not know is kept without a name, so it is not
 * asked for again. Only a nicety: a failure here is left for the next pass, and fails nothing.
 */
export async function learnHostNames(ctx: PassContext): Promise<void> {
  const unknown = ctx.db.all<{ host_id: number }>(sql`SELECT DISTINCT m.host_id FROM meetings m
    LEFT JOIN users u ON u.id = m.host_id
    WHERE u.id IS NULL LIMIT ${LOOKUPS_PER_PASS}`);
  for (const { host_id: id } of unknown) {
    let user;
    try {
      user = (await ctx.remote.user(id)).value;
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      return;
    }
    const now = new Date(ctx.clock.now()).toISOString();
    ctx.db.transaction(() => {
      // A login another row already holds (a renamed account) keeps the row nameless rather than
      // failing the pass.
      ctx.db.run(sql`INSERT OR IGNORE INTO users (id, login, full_name, created_at, updated_at)
        VALUES (${id}, ${user?.login ?? null}, ${user?.full_name ?? null}, ${now}, ${now})`);
      ctx.db.run(
        sql`INSERT OR IGNORE INTO users (id, created_at, updated_at) VALUES (${id}, ${now}, ${now})`,
      );
    });
    // Their meetings are shown again, now with the host's name.
    const hosted = ctx.db.all<{ id: number }>(sql`SELECT id FROM meetings WHERE host_id = ${id}`);
    for (const row of hosted) ctx.changed.add(row.id);
  }
}
