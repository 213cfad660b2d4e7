import type { Random } from './stats';

/** The shape of the seeded data; every number here is printed with the results. */
export const USERS = 1_000;
export const MEETINGS = 100_000;
export const PASSWORD = 'secret123';
/** Monday 2026-01-05 00:00 UTC: meetings fall in the 52 weeks from here. */
export const YEAR_START = Date.UTC(2026, 0, 5) / 1000;
export const WEEKS = 52;
export const WEEK_SECONDS = 7 * 24 * 3600;

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'];
const TOPICS = ['Stand-up', 'Planning', '1:1', 'Design review', 'Retro', 'Customer call', 'Sync'];

export const loginOf = (index: number) => `bench${String(index).padStart(4, '0')}`;
export const emailOf = (index: number) => `${loginOf(index)}@convene.test`;

export type MeetingInput = {
  /** Index (0-based) of the hosting user among the seeded users. */
  hostIndex: number;
  body: {
    name: string;
    start_date: number;
    end_date: number;
    attendees: ({ id: number } | { email: string })[];
    notify?: boolean;
    scheduled?: boolean;
    timezone?: { name: string };
  };
};

/**
 * One meeting as a client would post it: business hours on a working day within the year, 30–90
 * minutes, 1–5 attendees by user id and 0–2 by e-mail (half of them addresses of other accounts,
 * which the list must also find, half outside guests). `userIds[i]` is the id of user `i`.
 */
export function makeMeeting(random: Random, userIds: readonly number[]): MeetingInput {
  const hostIndex = random.int(0, userIds.length - 1);
  const week = random.int(0, WEEKS - 1);
  const day = random.int(0, 4);
  const start =
    YEAR_START +
    week * WEEK_SECONDS +
    day * 86_400 +
    random.int(7, 17) * 3600 +
    random.pick([0, 1800]);
  const attendees: MeetingInput['body']['attendees'] = [];
  const taken = new Set<number>([hostIndex]);
  const byId = random.int(1, 5);
  while (taken.size < byId + 1) {
    const i = random.int(0, userIds.length - 1);
    if (taken.has(i)) continue;
    taken.add(i);
    attendees.push({ id: userIds[i] ?? 0 });
  }
  const byEmail = random.pick([0, 0, 1, 1, 2]);
  for (let k = 0; k < byEmail; k++) {
    attendees.push({
      email: random.chance(0.5)
        ? emailOf(random.int(0, userIds.length - 1))
        : `guest${random.int(1, 50_000)}@example.org`,
    });
  }
  const body: MeetingInput['body'] = {
    name: `${random.pick(TOPICS)} #${random.int(1, 999)}`,
    start_date: start,
    end_date: start + random.pick([30, 30, 45, 60, 60, 90]) * 60,
    attendees,
  };
  if (random.chance(0.2)) body.notify = true;
  if (random.chance(0.5)) body.scheduled = true;
  if (random.chance(0.3)) body.timezone = { name: random.pick(ZONES) };
  return { hostIndex, body };
}

/** A one-week window `[gte, lt)` in Unix seconds, as the calendar's week view asks for it. */
export function randomWeek(random: Random): { gte: number; lt: number } {
  const gte = YEAR_START + random.int(0, WEEKS - 1) * WEEK_SECONDS;
  return { gte, lt: gte + WEEK_SECONDS };
}
