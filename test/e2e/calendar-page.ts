import Database from 'better-sqlite3';
import type { MeetingRow } from '../../src-main/engine/meetings/meetings-repo';
import type { Locator, Page } from 'playwright';
import { expect } from 'vitest';

/**
 * What the calendar e2e tests do with the page, in a user's terms: drag across slots, drag a
 * meeting, pull its edge. Positions come from FullCalendar's own `data-date` / `data-time`
 * attributes, so the tests don't depend on its (hashed) class names.
 */

/** Half-hour slots; a drag snaps to 15 minutes. */
const SLOT_MINUTES = 30;

export function meetingEvent(page: Page, name: string): Locator {
  return page.locator('[data-testid="meeting-event"]', { hasText: name });
}

/** The dates of the visible week's columns, `YYYY-MM-DD`, left to right. */
export async function visibleDates(page: Page): Promise<string[]> {
  const dates = await page
    .locator('[role="columnheader"][data-date]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-date') ?? ''));
  expect(dates.length).toBeGreaterThan(0);
  return dates;
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('element is not visible');
  return b;
}

/**
 * Screen point inside day `date` at `time` (HH:MM), `inset` px below the exact line: a few pixels in
 * keeps the point inside the intended 15-minute snap however FullCalendar rounds.
 */
export async function pointAt(page: Page, date: string, time: string, inset = 4) {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const slotStart = m - (m % SLOT_MINUTES);
  const slotTime = `${String(h).padStart(2, '0')}:${String(slotStart).padStart(2, '0')}:00`;
  const column = await box(page.locator(`[role="cell"][data-date="${date}"]`).first());
  const slot = await box(page.locator(`[data-time="${slotTime}"]`).last());
  const y = slot.y + ((m - slotStart) / SLOT_MINUTES) * slot.height + inset;
  return { x: column.x + column.width / 2, y };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // Small sideways first steps get past FullCalendar's minimum drag distance without changing the
  // row: FullCalendar may take the drag's origin from here, and the delta is computed from it.
  await page.mouse.move(from.x + 8, from.y, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

/** Drag across empty slots of `date` from `start` to `end` (HH:MM), as a person creates a meeting. */
export async function dragAcrossSlots(page: Page, date: string, start: string, end: string) {
  const from = await pointAt(page, date, start);
  // End just above the end line: the selection covers the slot the pointer is in.
  const to = await pointAt(page, date, end, -4);
  await drag(page, from, to);
}

/**
 * Drag a meeting so that its start lands on `date` at `time`. It is held and dropped at the same
 * depth, in the second quarter-hour of its first slot: found by trial, FullCalendar reads a grab in
 * an event's first quarter-hour one snap early, so the move would come out 15 minutes late.
 */
export async function dragMeetingTo(page: Page, name: string, date: string, time: string) {
  const event = await box(meetingEvent(page, name));
  const slot = await box(page.locator('[data-time="09:00:00"]').last());
  const depth = slot.height * 0.75;
  const from = { x: event.x + event.width / 2, y: event.y + depth };
  await drag(page, from, await pointAt(page, date, time, depth));
}

/** Pull a meeting's bottom edge down by `minutes`. */
export async function resizeMeetingBy(page: Page, name: string, minutes: number) {
  const locator = meetingEvent(page, name);
  const event = await box(locator);
  const slot = await box(page.locator('[data-time="09:00:00"]').last());
  const x = event.x + event.width / 2;
  const y = event.y + event.height - 3;
  await locator.hover(); // FullCalendar shows the resizer on hover
  await drag(page, { x, y }, { x, y: y + (minutes / SLOT_MINUTES) * slot.height });
}

export type { MeetingRow };

/** What the engine wrote, read straight from the SQLite file (read-only, beside the running shell). */
export function readMeetings(dataPath: string): (MeetingRow & { attendees: string[] })[] {
  const db = new Database(dataPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT * FROM meetings ORDER BY id').all() as MeetingRow[];
    const attendees = db.prepare(
      'SELECT user_id, email FROM meeting_attendees WHERE meeting_id = ? ORDER BY position',
    );
    return rows.map((row) => ({
      ...row,
      attendees: (attendees.all(row.id) as { user_id: number | null; email: string | null }[]).map(
        (a) => (a.user_id !== null ? `id:${a.user_id}` : `email:${a.email ?? ''}`),
      ),
    }));
  } finally {
    db.close();
  }
}
