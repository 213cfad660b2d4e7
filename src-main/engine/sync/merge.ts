import type { ConflictValues, MeetingField } from '../../shared/contract';
import { timezoneAt } from '../meetings/meetings-service';
import type { StoredMeeting } from '../meetings/meetings-repo';
import { FIELDS, LAST_WRITER_WINS, sameField } from './meeting-fields';

export type MergeResult = {
  /** What the local meeting becomes: each side's own changes, and for clashes still mine. */
  values: ConflictValues;
  /** Fields both sides changed differently that the person must decide (times, attendees). */
  clashing: MeetingField[];
};

/**
 * The three-way field merge (SYNC.md, "Conflicts"): a field changed on one side only takes that
 * side's value; changed on both sides to the same value is no conflict; changed on both sides
 * differently resolves by last writer for the simple fields, and is left to the person for the
 * start, the end and the attendees.
 */
export function mergeThreeWay(
  base: ConflictValues,
  mine: ConflictValues,
  theirs: ConflictValues,
  mineIsNewer: boolean,
): MergeResult {
  const values = { ...mine };
  const clashing: MeetingField[] = [];
  const take = (field: MeetingField, from: ConflictValues) => {
    (values as Record<MeetingField, unknown>)[field] = from[field];
  };
  for (const field of FIELDS) {
    if (sameField(field, base, mine)) take(field, theirs);
    else if (sameField(field, base, theirs) || sameField(field, mine, theirs)) continue;
    else if (LAST_WRITER_WINS.has(field)) take(field, mineIsNewer ? mine : theirs);
    else clashing.push(field);
  }
  // Each side's times may be fine alone and not together (mine ends at 10:00, theirs now starts
  // at 11:00): a meeting that would end before it starts is for the person to sort out.
  if (values.end <= values.start) {
    take('start', mine);
    take('end', mine);
    for (const field of ['start', 'end'] as const)
      if (!clashing.includes(field)) clashing.push(field);
  }
  return { values, clashing };
}

/** `m` with its content replaced by `v` (the zone's offset recomputed for the new start). */
export function withContent(m: StoredMeeting, v: ConflictValues): StoredMeeting {
  return {
    ...m,
    name: v.name,
    start_date: v.start,
    end_date: v.end,
    attendees: v.attendees,
    record: v.record,
    public: v.public,
    scheduled: v.scheduled,
    notify: v.notify,
    notify_before: v.notifyBefore,
    timezone: timezoneAt(v.timeZone, v.start),
  };
}
