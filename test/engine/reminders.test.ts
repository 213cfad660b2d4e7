import { afterEach, describe, expect, it } from 'vitest';
import type { MeetingDto, ReminderDto } from '../../src-main/shared/contract';
import { sql } from '../../src-main/engine/db/sql';
import { reminderDueMs } from '../../src-main/engine/reminders/reminder-lead';
import { planNotifications, safeJoinUrl } from '../../src-main/engine/reminders/notification-plan';
import { FakeClock } from '../helpers/fake-clock';
import { openTestClient, type TestClient } from '../helpers/test-client';
import { makeTempDir } from '../helpers/temp-dir';

const MIN = 60_000;
const START = Date.UTC(2026, 10, 23, 10, 0, 0); // the fake clock starts at 09:00Z

const temp = makeTempDir('convene-reminders-');
const clock = new FakeClock(Date.UTC(2026, 10, 23, 9, 0, 0));
let client: TestClient;
let events: ReminderDto[][];

function open(): TestClient {
  const c = openTestClient({ dataPath: `${temp.dir}/convene.db`, clock });
  events = [];
  c.app.events.on('reminders:due', (list) => events.push(list));
  return c;
}

afterEach(async () => {
  await client.engine.close();
  temp.cleanup();
  Object.assign(temp, makeTempDir('convene-reminders-'));
  clock.set(Date.UTC(2026, 10, 23, 9, 0, 0));
});

const create = (
  start = START,
  notifyBefore: MeetingDto['notifyBefore'] = null,
  name = 'Planning',
) =>
  client.call('meetings:create', {
    draft: { name, start: start / 1000, end: start / 1000 + 1800, attendees: [], notifyBefore },
  });
const fresh = () => events.flatMap((list) => list.filter((r) => r.fresh).map((r) => r.name));

describe('a reminder', () => {
  it('fires once, exactly at start − notify_before', async () => {
    client = open();
    await create(START, { metric: 'minutes', value: 10 });
    await clock.advanceAsync(START - 10 * MIN - clock.now() - 1);
    expect(events).toEqual([]);
    await clock.advanceAsync(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual([
      expect.objectContaining({ name: 'Planning', fresh: true, catchUp: false, missed: false }),
    ]);
    await clock.advanceAsync(30 * MIN);
    expect(events).toHaveLength(1); // once
    expect(await client.call('reminders:list', {})).toEqual([
      expect.objectContaining({ name: 'Planning', fresh: false }),
    ]);
  });

  it('is pushed again, not fresh, when the meeting it shows is renamed', async () => {
    client = open();
    const m = await create(START, { metric: 'minutes', value: 10 });
    await clock.advanceAsync(START - 10 * MIN - clock.now());
    await client.call('meetings:update', { id: m.id, changes: { name: 'Planning, moved room' } });
    expect(events.at(-1)).toEqual([
      expect.objectContaining({ name: 'Planning, moved room', fresh: false }),
    ]);
  });

  it('follows an edit of the start or of notify_before', async () => {
    client = open();
    const m = await create(START, { metric: 'minutes', value: 10 });
    await client.call('meetings:update', {
      id: m.id,
      changes: { start: START / 1000 + 3600, end: START / 1000 + 5400 },
    });
    await clock.advanceAsync(START - 10 * MIN - clock.now());
    expect(events).toEqual([]); // not at the old time
    await client.call('meetings:update', {
      id: m.id,
      changes: { notifyBefore: { metric: 'minutes', value: 30 } },
    });
    await clock.advanceAsync(START + 3600_000 - 30 * MIN - clock.now());
    expect(fresh()).toEqual(['Planning']);
  });

  it('uses the default reminder for meetings without their own, and none when it is off', async () => {
    client = open();
    await create(START, null, 'No lead');
    expect(client.engine.reminders!.armedFor()).toBeNull();
    await client.call('settings:update', { defaultReminder: { metric: 'minutes', value: 15 } });
    expect(client.engine.reminders!.armedFor()).toBe(START - 15 * MIN);
    await client.call('settings:update', { defaultReminder: null });
    expect(client.engine.reminders!.armedFor()).toBeNull();
  });

  it('is gone with its meeting, and back with an Undo', async () => {
    client = open();
    const m = await create(START, { metric: 'minutes', value: 5 });
    await client.call('meetings:delete', { id: m.id });
    expect(client.engine.reminders!.armedFor()).toBeNull();
    await client.call('meetings:restore', { id: m.id });
    expect(client.engine.reminders!.armedFor()).toBe(START - 5 * MIN);
  });

  it('is gone when the person is removed from someone else’s meeting; public ones get none', async () => {
    client = open();
    const me = client.engine.sync!.profileId() || (await client.call('profile:get', {})).userId;
    const db = client.engine.db;
    db.transaction(() => {
      db.run(
        sql`INSERT INTO users (id, login, created_at, updated_at) VALUES (900, 'olga', '', '')`,
      );
      for (const [id, name] of [
        [901, 'Invited'],
        [902, 'Public'],
      ] as const) {
        db.run(sql`INSERT INTO meetings (id, _id, name, start_date, end_date, host_id, public,
          notify_before_metric, notify_before_value, created_at, updated_at)
          VALUES (${id}, ${`aaaaaaaaaaaaaaaaaaaaa${id}`}, ${name}, ${START / 1000}, ${START / 1000 + 60},
            900, 1, 'minutes', 5, '', '')`);
      }
      db.run(
        sql`INSERT INTO meeting_attendees (meeting_id, position, user_id) VALUES (901, 0, ${me})`,
      );
    });
    expect(client.engine.reminders!.service.repo.get(901)).toBeDefined();
    expect(client.engine.reminders!.service.repo.get(902)).toBeUndefined();
    db.transaction(() => db.run(sql`DELETE FROM meeting_attendees WHERE meeting_id = 901`));
    expect(client.engine.reminders!.service.repo.get(901)).toBeUndefined();
  });
});

describe('snooze and dismiss', () => {
  it('snoozed, it comes back at the chosen time, also across a restart', async () => {
    client = open();
    const m = await create(START, { metric: 'minutes', value: 10 });
    await clock.advanceAsync(START - 10 * MIN - clock.now());
    await client.call('reminders:snooze', { meetingId: m.id, until: 'minuteBefore' });
    expect(await client.call('reminders:list', {})).toEqual([]);

    await client.engine.close();
    client = open();
    await clock.advanceAsync(0);
    expect(events).toEqual([]); // nothing due yet: no repeat on relaunch
    await clock.advanceAsync(START - MIN - clock.now() - 1);
    expect(events).toEqual([]);
    await clock.advanceAsync(1);
    expect(fresh()).toEqual(['Planning']);
  });

  it('offers only times still ahead, and refuses one that has passed', async () => {
    client = open();
    const m = await create(clock.now() + 30_000, { metric: 'minutes', value: 5 });
    await clock.advanceAsync(0);
    const refused = await client.app.handlers['reminders:snooze']({
      meetingId: m.id,
      until: 'minuteBefore',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { until: [expect.stringMatching(/passed/)] } },
    });
    expect(await client.call('reminders:snooze', { meetingId: m.id, until: '5minAfter' })).toEqual(
      [],
    );
  });

  it('dismissed, it never comes back: not after a reload, not after a restart', async () => {
    client = open();
    const m = await create(START, { metric: 'minutes', value: 10 });
    await clock.advanceAsync(START - 10 * MIN - clock.now());
    expect(await client.call('reminders:dismiss', { meetingId: m.id })).toEqual([]);
    await client.engine.close();
    client = open();
    await clock.advanceAsync(20 * MIN);
    expect(events).toEqual([]);
    expect(await client.call('reminders:list', {})).toEqual([]);
    const missing = await client.app.handlers['reminders:dismiss']({ meetingId: m.id });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('catching up', () => {
  it('a jump of 3 hours forward yields one summary, the ended meetings listed as missed', async () => {
    client = open();
    const lead = { metric: 'minutes', value: 5 } as const;
    await create(clock.now() + 30 * MIN, lead, 'Ended');
    await create(clock.now() + 170 * MIN, lead, 'Running');
    await create(clock.now() + 178 * MIN, lead, 'Soon');
    await create(clock.now() + 300 * MIN, lead, 'Later');
    clock.set(clock.now() + 3 * 3600_000); // the machine slept: no timer fired
    await clock.advanceAsync(30_000); // the wall-clock check notices
    expect(events).toHaveLength(1);
    const [summary] = events;
    expect(summary?.map((r) => [r.name, r.fresh, r.catchUp, r.missed])).toEqual([
      ['Ended', true, true, true],
      ['Running', true, true, false],
      ['Soon', true, true, false],
    ]);
  });

  it('shows what came due while the app was closed, once, on the next start', async () => {
    client = open();
    await create(START, { metric: 'minutes', value: 10 });
    await client.engine.close();
    clock.set(START - 5 * MIN);
    client = open();
    await clock.advanceAsync(0);
    expect(fresh()).toEqual(['Planning']);
    expect(events[0]?.[0]?.catchUp).toBe(true);
    await client.engine.close();
    client = open();
    await clock.advanceAsync(0);
    expect(events).toEqual([]);
  });

  it('the power-resume signal catches up at once', async () => {
    client = open();
    await create(START, { metric: 'minutes', value: 10 });
    clock.set(START);
    client.engine.reminders!.resume();
    expect(fresh()).toEqual(['Planning']);
  });
});

describe('scale', () => {
  it('10,000 meetings arm one timer, not 10,000', async () => {
    client = open();
    const db = client.engine.db;
    const me = (await client.call('profile:get', {})).userId;
    const timersBefore = clock.pendingTimers();
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        const start = START / 1000 + 3600 + i * 600;
        db.run(sql`INSERT INTO meetings (name, start_date, end_date, host_id, notify_before_metric,
          notify_before_value, created_at, updated_at)
          VALUES (${`M${i}`}, ${start}, ${start + 600}, ${me}, 'minutes', 10, '', '')`);
      }
    });
    await Promise.resolve();
    expect(client.engine.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM reminders`)?.n).toBe(
      10_000,
    );
    expect(clock.pendingTimers()).toBe(timersBefore + 1); // one timer, beside the wall-clock check
    expect(client.engine.reminders!.armedFor()).toBe(START + 3600_000 - 10 * MIN);
  });
});

describe('"N days before" across a DST change', () => {
  it('is the same wall time N calendar days earlier in the meeting’s zone', () => {
    // Sunday 28 March 2027, 09:00 in Berlin (CEST, after the 02:00 switch) is 07:00Z.
    const start = Date.UTC(2027, 2, 28, 7, 0, 0) / 1000;
    const due = reminderDueMs(start, { metric: 'days', value: 1 }, 'Europe/Berlin');
    expect(new Date(due).toISOString()).toBe('2027-03-27T08:00:00.000Z'); // 09:00 CET: 23 h earlier
    const week = reminderDueMs(start, { metric: 'weeks', value: 1 }, 'Europe/Berlin');
    expect(new Date(week).toISOString()).toBe('2027-03-21T08:00:00.000Z');
    const hours = reminderDueMs(start, { metric: 'hours', value: 24 }, 'Europe/Berlin');
    expect(new Date(hours).toISOString()).toBe('2027-03-27T07:00:00.000Z'); // a duration
  });
});

describe('settings', () => {
  it('refuses a join template that is not https with %s, or a lead out of range, changing nothing', async () => {
    client = open();
    const bad = await client.app.handlers['settings:update']({
      meetingUrlTemplate: 'http://meet.example.com/%s',
      defaultReminder: { metric: 'hours', value: 48 },
    });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        fields: { meetingUrlTemplate: [expect.any(String)], defaultReminder: [expect.any(String)] },
      },
    });
    expect(await client.call('settings:get', {})).toEqual({
      defaultReminder: null,
      meetingUrlTemplate: null,
      view: null,
      displayZone: null,
      theme: 'system',
      workingHours: { start: 9, end: 17 },
      weekStart: 'auto',
      timeFormat: 'auto',
      autoDownloadRecordings: false,
      downloadsFolder: null,
    });
    const good = await client.call('settings:update', {
      meetingUrlTemplate: 'https://meet.example.com/join/%s',
      view: 'dayGridMonth',
      displayZone: 'Asia/Calcutta',
    });
    expect(good).toMatchObject({ view: 'dayGridMonth', displayZone: 'Asia/Kolkata' });
  });

  it('keeps the theme: system by default, light or dark when chosen, nothing else', async () => {
    client = open();
    expect(await client.call('settings:get', {})).toMatchObject({ theme: 'system' });
    // Cast past the types, as a caller from outside might send it: refused, nothing stored.
    const bad = await client.app.handlers['settings:update']({ theme: 'sepia' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await client.call('settings:get', {})).toMatchObject({ theme: 'system' });
    expect(await client.call('settings:update', { theme: 'dark' })).toMatchObject({
      theme: 'dark',
    });
    // Another setting changed later leaves the theme alone.
    await client.call('settings:update', { view: 'listWeek' });
    expect(await client.call('settings:get', {})).toMatchObject({
      theme: 'dark',
      view: 'listWeek',
    });
  });

  it('keeps the week start and clock: auto by default, a choice until set back to auto', async () => {
    client = open();
    expect(await client.call('settings:get', {})).toMatchObject({
      weekStart: 'auto',
      timeFormat: 'auto',
    });
    // Sunday is 0: a falsy choice that must still be kept.
    expect(await client.call('settings:update', { weekStart: 0, timeFormat: '12h' })).toMatchObject(
      { weekStart: 0, timeFormat: '12h' },
    );
    await client.call('settings:update', { view: 'listWeek' });
    expect(await client.call('settings:get', {})).toMatchObject({
      weekStart: 0,
      timeFormat: '12h',
    });
    expect(await client.call('settings:update', { weekStart: 6 })).toMatchObject({ weekStart: 6 });
    // Anything else is refused before it is stored (a Tuesday start, a 36-hour clock).
    for (const bad of [{ weekStart: 2 }, { weekStart: '1' }, { timeFormat: '36h' }]) {
      const refused = await client.app.handlers['settings:update'](bad as never);
      expect(refused).toMatchObject({ ok: false });
    }
    expect(
      await client.call('settings:update', { weekStart: 'auto', timeFormat: 'auto' }),
    ).toMatchObject({ weekStart: 'auto', timeFormat: 'auto' });
  });
});

describe('what the shells notify', () => {
  const r = (over: Partial<ReminderDto>): ReminderDto => ({
    meetingId: 1 as ReminderDto['meetingId'],
    name: 'Planning',
    start: START / 1000,
    end: START / 1000 + 1800,
    dueAt: START / 1000 - 600,
    joinUrl: 'https://meet.example.com/join/abc',
    catchUp: false,
    missed: false,
    fresh: true,
    ...over,
  });

  it('each fresh reminder once, the catch-ups in one summary, nothing for ones already shown', () => {
    const now = START - 5 * MIN;
    const plan = planNotifications(
      [
        r({}),
        r({ meetingId: 2 as ReminderDto['meetingId'], name: 'Old', fresh: false }),
        r({ meetingId: 3 as ReminderDto['meetingId'], name: 'A', catchUp: true }),
        r({ meetingId: 4 as ReminderDto['meetingId'], name: 'B', catchUp: true, missed: true }),
        r({
          meetingId: 5 as ReminderDto['meetingId'],
          name: 'C',
          catchUp: true,
          joinUrl: 'http://x/1',
        }),
      ],
      now,
      'UTC',
    );
    expect(plan.map((p) => [p.tag, p.title, p.meetingIds])).toEqual([
      ['convene-reminder-1', 'Planning', [1]],
      ['convene-catch-up', '3 meetings started while you were away', [3, 4, 5]],
    ]);
    expect(plan[0]).toMatchObject({
      body: expect.stringMatching(/^starts in 5 min, at 10:00/),
      snooze: true,
    });
    expect(plan[0]?.joinUrl).toBe('https://meet.example.com/join/abc');
    expect(plan[1]?.body).toContain('B: missed');
    expect(plan[1]?.joinUrl).toBeNull(); // two still on: no single Join
  });

  it('opens only https links', () => {
    expect(safeJoinUrl('javascript:alert(1)')).toBeNull();
    expect(safeJoinUrl('http://meet.example.com/1')).toBeNull();
    expect(safeJoinUrl('https://meet.example.com/1')).toBe('https://meet.example.com/1');
  });
});

describe('closing', () => {
  it('a change committed just before close does not touch the closed database afterwards', async () => {
    client = open();
    const m = await create(START, { metric: 'minutes', value: 10 });
    await clock.advanceAsync(START - 10 * MIN - clock.now());
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on('uncaughtException', onError);
    try {
      // A write and a close in the same tick, as a shell stopping mid-sync does.
      client.engine.db.transaction(() =>
        client.engine.db.run(sql`UPDATE meetings SET name = 'Renamed' WHERE id = ${m.id}`),
      );
      await client.engine.close();
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(errors).toEqual([]);
  });
});
