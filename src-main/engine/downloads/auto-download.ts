import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { sql } from '../db/sql';
import type { Logger } from '../engine';
import type { MeetingRow } from '../meetings/meetings-repo';
import type { AppSettings } from '../settings/app-settings';
import type { Downloads } from './downloads';

/** Recordings appear some time after a meeting ends: a meeting is asked about again after this. */
const RECHECK_MS = 15 * 60_000;
/** Past the server's default retention there is nothing left to fetch. */
const LOOK_BACK_S = 30 * 86_400;
const MAX_PER_PASS = 20;

/**
 * "Download recordings of my meetings automatically" (off by default): after a sync pass, the
 * recorded, ended meetings the person hosts or attends are asked for their recordings, and each
 * recording that never had a job here is queued once. A recording whose download finished or was
 * cancelled already has a job, so it is never queued again.
 */
export function createAutoDownload(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  settings: AppSettings;
  downloads: Downloads;
  profileId: () => number;
}) {
  const checkedAt = new Map<number, number>();
  let pass: Promise<void> | null = null;

  function candidates(): (MeetingRow & { _id: string })[] {
    const me = deps.profileId();
    const now = Math.floor(deps.clock.now() / 1000);
    return deps.db.all<MeetingRow & { _id: string }>(sql`SELECT m.* FROM meetings m
      WHERE m.record = 1 AND m._id IS NOT NULL AND m.end_date <= ${now}
        AND m.end_date > ${now - LOOK_BACK_S}
        AND (m.host_id = ${me} OR EXISTS (SELECT 1 FROM meeting_attendees a
             WHERE a.meeting_id = m.id AND a.user_id = ${me}))
      ORDER BY m.end_date DESC LIMIT 200`);
  }

  async function run(): Promise<void> {
    let asked = 0;
    for (const meeting of candidates()) {
      if (asked >= MAX_PER_PASS) break;
      const last = checkedAt.get(meeting.id);
      if (last !== undefined && deps.clock.now() - last < RECHECK_MS) continue;
      checkedAt.set(meeting.id, deps.clock.now());
      asked++;
      try {
        await deps.downloads.queueNew(meeting);
      } catch (error) {
        // Offline or refused: asked again after the recheck interval.
        deps.logger.warn('auto-download could not list recordings', { error: String(error) });
      }
    }
  }

  return {
    /** Called when a sync pass ends; one scan at a time, and nothing while the setting is off. */
    afterPass(): Promise<void> {
      if (!deps.settings.get().autoDownloadRecordings) return Promise.resolve();
      pass ??= run().finally(() => {
        pass = null;
      });
      return pass;
    },
    waitForIdle: async () => {
      while (pass) await pass;
    },
  };
}
