import { expect } from 'vitest';
import { meetingEvent } from './calendar-page';
import type { App } from './harness';

/** Today in UTC (the browser's zone in these tests), `YYYY-MM-DD`: the day the calendar opens on. */
export const today = () => new Date().toISOString().slice(0, 10);

/**
 * A crowded day: `count` meetings with long names, all overlapping around the middle of today
 * (each starts a quarter-hour after the last, so FullCalendar has to lay them side by side).
 */
export async function seedBusyDay(
  app: App,
  count: number,
  prefix = 'Quarterly planning review',
): Promise<string[]> {
  const base = Date.parse(`${today()}T09:00:00Z`) / 1000;
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${prefix} ${i + 1} with the whole design and research team`;
    const start = base + i * 900;
    const r = await app.call('meetings:create', {
      draft: { name, start, end: start + 2 * 3600, attendees: [] },
    });
    expect(r.ok).toBe(true);
    names.push(name);
  }
  // Read afresh: the layout under test is the one a person opening this day sees.
  await app.reload();
  await meetingEvent(app.page, names[0]!).first().waitFor();
  return names;
}
