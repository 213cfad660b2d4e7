import type { Attendee } from '../../shared/meetings-api-types';

/**
 * Who must be mailed about a meeting change, and why (spec sections 2 and 3). Pure: the caller
 * resolves account e-mails first, so this can be tested exhaustively on its own.
 */
export type MailReason = 'meeting_created' | 'notify_enabled' | 'start_changed' | 'attendee_added';

export type Recipient = { email: string; userId: number | null; reason: MailReason };

export type MeetingState = {
  notify: boolean;
  start_date: number;
  attendees: readonly Attendee[];
};

export type People = {
  host: { id: number; email: string | null };
  /** Account e-mails of users referred to by id (attendees listed only by id are reached this way). */
  emailsById: ReadonlyMap<number, string>;
};

type Person = { email: string | null; userId: number | null };

function resolve(attendee: Attendee, people: People): Person {
  const email =
    attendee.email ?? (attendee.id !== undefined ? people.emailsById.get(attendee.id) : undefined);
  return { email: email ?? null, userId: attendee.id ?? null };
}

/** Same person if they share a user id or (case-insensitively) an e-mail address. */
function samePerson(a: Person, b: Person): boolean {
  if (a.userId !== null && a.userId === b.userId) return true;
  return a.email !== null && b.email !== null && a.email.toLowerCase() === b.email.toLowerCase();
}

/**
 * The mails one change sends: each person at most once; people with no known e-mail cannot be
 * mailed and are left out. For a person with several reasons the most specific one wins: an added
 * attendee gets an invitation, which already carries the new time.
 */
export function recipientsFor(
  before: MeetingState | null,
  after: MeetingState,
  people: People,
): Recipient[] {
  if (!after.notify) return [];
  const host: Person = { email: people.host.email, userId: people.host.id };
  const attendees = after.attendees.map((a) => resolve(a, people));
  const chosen: Recipient[] = [];
  const add = (person: Person, reason: MailReason) => {
    if (person.email === null) return;
    const taken = chosen.some((r) => samePerson({ email: r.email, userId: r.userId }, person));
    if (!taken) chosen.push({ email: person.email, userId: person.userId, reason });
  };

  if (before === null) {
    add(host, 'meeting_created');
    attendees.forEach((p) => add(p, 'meeting_created'));
    return chosen;
  }

  const previous = before.attendees.map((a) => resolve(a, people));
  const added = attendees.filter((p) => !previous.some((q) => samePerson(p, q)));
  const everyone = [host, ...attendees];
  added.forEach((p) => add(p, 'attendee_added'));
  if (before.start_date !== after.start_date) everyone.forEach((p) => add(p, 'start_changed'));
  if (!before.notify) everyone.forEach((p) => add(p, 'notify_enabled'));
  return chosen;
}
