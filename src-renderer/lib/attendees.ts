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

/**
 * Splits what a person typed or pasted into address candidates, the way mail clients copy them:
 * `Ana <ana@example.com>`, `"Doe, Jane" <jane@x.org>`, several joined by commas, semicolons or
 * new lines, or bare ids and e-mails separated by spaces. A display name is dropped (an attendee is
 * an id or an e-mail); separators inside quotes or angle brackets belong to the name or address.
 */
export function splitContacts(text: string): string[] {
  const segments: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const ch of text) {
    if (ch === '"' && !angled) quoted = !quoted;
    else if (ch === '<' && !quoted) angled = true;
    else if (ch === '>' && !quoted) angled = false;
    if (!quoted && !angled && /[,;\n\r]/.test(ch)) {
      segments.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  segments.push(current);

  const out: string[] = [];
  for (const segment of segments) {
    // Quoted names may hold anything, `<` included; only brackets outside them are addresses.
    const unquoted = segment.replace(/"[^"]*"?/g, ' ');
    const addresses = [...unquoted.matchAll(/<([^>]*)>?/g)].map((m) => (m[1] ?? '').trim());
    if (addresses.length > 0) {
      out.push(...addresses.filter((a) => a !== '').map(stripMailto));
    } else {
      out.push(
        ...segment
          .split(/\s+/)
          .filter((p) => p !== '')
          .map(stripMailto),
      );
    }
  }
  return out;
}

function stripMailto(address: string): string {
  return address.replace(/^mailto:/i, '');
}

export type AttendeeList = {
  attendees: Attendee[];
  /** What could not be read as an attendee, as typed. */
  rejected: string[];
  /** Why the first rejected part was refused; null when none was. */
  message: string | null;
};

/** Every attendee in `text` (see splitContacts), each checked as parseAttendee does. */
export function parseAttendeeList(text: string): AttendeeList {
  const list: AttendeeList = { attendees: [], rejected: [], message: null };
  for (const part of splitContacts(text)) {
    const parsed = parseAttendee(part);
    if (parsed.ok) {
      list.attendees.push(parsed.attendee);
    } else {
      list.rejected.push(part);
      list.message ??= parsed.message;
    }
  }
  return list;
}

/** `current` with `added` appended, leaving out any already there. */
export function mergeAttendees(
  current: readonly Attendee[],
  added: readonly Attendee[],
): Attendee[] {
  const next = [...current];
  for (const a of added) {
    if (!next.some((x) => attendeeKey(x) === attendeeKey(a))) next.push(a);
  }
  return next;
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
