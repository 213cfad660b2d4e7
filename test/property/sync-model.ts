import type { Attendee } from '../../src-main/shared/meetings-api-types';

/**
 * What the sync property remembers about each meeting it made or changed, to judge the end state
 * (SYNC.md, "How it is tested"). Every meeting's name starts with a tag that no write removes
 * (`L3`, `D1`, `R2`, `O4`: made here, drafted here, made on another device, made by another
 * user), so a meeting is recognised on both sides whatever happened to it.
 */
export type Side = 'local' | 'remote';
/** The fields the actions write, grouped as the conflict view groups them. */
export type Touch = 'name' | 'time' | 'attendees' | 'exists';
export type Values = { name: string; start: number; attendees: string };

export type Track = {
  tag: string;
  origin: 'local' | 'draft' | 'remote' | 'other';
  /** The latest value each side wrote to each field (acknowledged: the call returned). */
  last: Record<Side, Partial<Values>>;
  touched: Record<Side, Set<Touch>>;
  /** The last local create/restore (true) or delete (false); null when never touched here. */
  localIntent: boolean | null;
  /** The last remote word on existence: deleted by its host or the person un-invited. */
  remoteGone: boolean;
  /** A draft that was sent (from then on it syncs like any other meeting). */
  sent: boolean;
  /** Local edits, deletes, restores and sends after it was created or first seen here. */
  localOps: number;
  /** Every value either side ever wrote to each field. */
  history: { [F in keyof Values]: Set<Values[F]> };
};

export function attendeeKey(attendees: readonly Attendee[]): string {
  return attendees
    .map((a) => (a.id !== undefined ? `id:${a.id}` : `email:${a.email ?? ''}`))
    .sort()
    .join(',');
}

export const tagOf = (name: string): string => name.split(' ')[0] ?? name;

export class SyncModel {
  readonly tracks = new Map<string, Track>();
  private counter = 0;

  next(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  add(tag: string, origin: Track['origin'], side: Side, values: Values): Track {
    const track: Track = {
      tag,
      origin,
      last: { local: {}, remote: {} },
      touched: { local: new Set(), remote: new Set() },
      localIntent: side === 'local' ? true : null,
      remoteGone: false,
      sent: origin !== 'draft',
      localOps: 0,
      history: { name: new Set(), start: new Set(), attendees: new Set() },
    };
    track.last[side] = { ...values };
    remember(track, values);
    track.touched[side].add('exists');
    this.tracks.set(tag, track);
    return track;
  }

  get(name: string): Track | undefined {
    return this.tracks.get(tagOf(name));
  }

  write(name: string, side: Side, touch: Exclude<Touch, 'exists'>, values: Partial<Values>) {
    const track = this.get(name);
    if (!track) throw new Error(`no track for ${name}`);
    track.touched[side].add(touch);
    if (side === 'local') track.localOps += 1;
    Object.assign(track.last[side], values);
    remember(track, values);
  }

  setExists(name: string, side: Side, exists: boolean) {
    const track = this.get(name);
    if (!track) throw new Error(`no track for ${name}`);
    track.touched[side].add('exists');
    if (side === 'local') {
      track.localIntent = exists;
      track.localOps += 1;
    } else track.remoteGone = !exists;
  }
}

function remember(track: Track, values: Partial<Values>): void {
  if (values.name !== undefined) track.history.name.add(values.name);
  if (values.start !== undefined) track.history.start.add(values.start);
  if (values.attendees !== undefined) track.history.attendees.add(values.attendees);
}

export type FinalMeeting = Values & { tag: string };

/**
 * "No acknowledged edit lost": a field one side wrote and the other never did ends with that
 * side's last value; a field both wrote ends with one of the two latest values (last writer, or
 * the person's choice in a conflict); a field nobody wrote keeps its first value.
 */
export function lostEdits(track: Track, final: FinalMeeting): string[] {
  const problems: string[] = [];
  const fieldTouch = { name: 'name', start: 'time', attendees: 'attendees' } as const;
  for (const field of ['name', 'start', 'attendees'] as const) {
    const touch = fieldTouch[field];
    const mine = track.touched.local.has(touch) ? track.last.local[field] : undefined;
    const theirs = track.touched.remote.has(touch) ? track.last.remote[field] : undefined;
    const first = track.last.local[field] ?? track.last.remote[field];
    // Deleted remotely and kept here (the person chose to re-create it): the remote's writes
    // went with the delete, and what comes back is whatever this device last knew.
    const allowed: (string | number)[] = track.remoteGone
      ? [...track.history[field]]
      : [mine, theirs].filter((v) => v !== undefined);
    if (allowed.length === 0 && first !== undefined) allowed.push(first);
    if (allowed.length > 0 && !allowed.includes(final[field])) {
      problems.push(
        `${track.tag}.${field} is ${String(final[field])}, expected one of ${allowed.join(' | ')}`,
      );
    }
  }
  return problems;
}

/**
 * Where a meeting must (true) or must not (false) exist once everything is sent, or null where
 * both sides spoke and either outcome is a legitimate resolution (a conflict the person decided).
 */
export function expectedExistence(track: Track): boolean | null {
  if (!track.remoteGone) return track.localIntent !== false;
  if (track.localIntent === false) return false;
  return track.localOps === 0 ? false : null;
}
