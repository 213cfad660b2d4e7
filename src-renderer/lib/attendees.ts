import { z } from 'zod';
import type { Attendee } from '../../src-main/shared/meetings-api-types';

export type AttendeeInput = { ok: true; attendee: Attendee } | { ok: false; message: string };

// The same rule the engine applies (zod's e-mail check), so a chip that is accepted here is not
// refused on save.
const email = z.email();
const MAX_USER_ID = 2 ** 31 - 1;

/** What a person typed into the attendee box: a user id (digits) or an e-mail address. */
export function parseAttendee(text: string): AttendeeInput {
  const value = text.trim();
  if (value === '') return { ok: false, message: 'Type a user id or an e-mail address' };
  if (/^\d+$/.test(value)) {
    const id = Number(value);
    if (id < 1 || id > MAX_USER_ID) return { ok: false, message: 'A user id is a positive number' };
    return { ok: true, attendee: { id } };
  }
  if (value.length > 254 || !email.safeParse(value).success) {
    return { ok: false, message: `"${value.slice(0, 60)}" is not a user id or an e-mail address` };
  }
  return { ok: true, attendee: { email: value } };
}

export function attendeeKey(a: Attendee): string {
  return a.id !== undefined ? `id:${a.id}` : `email:${(a.email ?? '').toLowerCase()}`;
}

export function attendeeLabel(a: Attendee, selfId?: number): string {
  if (a.id !== undefined && a.id === selfId) return 'You';
  if (a.id !== undefined && a.email !== undefined) return `${a.email} (#${a.id})`;
  return a.id !== undefined ? `User #${a.id}` : (a.email ?? '');
}

export function sameAttendees(a: readonly Attendee[], b: readonly Attendee[]): boolean {
  return a.length === b.length && a.every((x, i) => attendeeKey(x) === attendeeKey(b[i] ?? {}));
}
