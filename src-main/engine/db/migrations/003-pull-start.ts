import type { Migration } from '../migrate';

/**
 * The server time at which the last complete pull started (SYNC.md, "Pull"). Every row committed
 * before then was seen, so the next pull's overlap only needs to reach back from that instant, not
 * from the watermark: after a burst of changes a quiet pass no longer re-reads the whole burst.
 */
export const m003PullStart: Migration = {
  version: 3,
  name: '003-pull-start',
  up(db) {
    db.exec(`ALTER TABLE sync_account ADD COLUMN pull_started_at TEXT`);
  },
};
