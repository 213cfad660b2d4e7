import { describe, expect, it } from 'vitest';
import {
  awaySummary,
  groupReminders,
  joinableUrl,
  snoozeChoices,
  startsIn,
} from '../../src-renderer/lib/reminders';
import {
  createWebAlerts,
  planNotifications,
  type NotificationConstructor,
} from '../../src-renderer/lib/web-notifications';
import { reminder } from './fake-api';

// Fake timestamps: the meeting (fake-api's `reminder`) starts at 10:00 UTC, half an hour long.
const START = Date.UTC(2026, 10, 23, 10, 0, 0) / 1000;
const MIN = 60;

describe('snooze choices', () => {
  const r = reminder();

  it('offers all four well before the start', () => {
    expect(snoozeChoices(r, START - 10 * MIN)).toEqual([
      '5min',
      'minuteBefore',
      'atStart',
      '5minAfter',
    ]);
  });

  it('drops "a minute before" once that minute has come, and "at start" once it started', () => {
    expect(snoozeChoices(r, START - 61)).toContain('minuteBefore');
    expect(snoozeChoices(r, START - 60)).toEqual(['5min', 'atStart', '5minAfter']);
    expect(snoozeChoices(r, START - 1)).toEqual(['5min', 'atStart', '5minAfter']);
    expect(snoozeChoices(r, START)).toEqual(['5min', '5minAfter']);
    expect(snoozeChoices(r, START + 299)).toEqual(['5min', '5minAfter']);
    expect(snoozeChoices(r, START + 300)).toEqual(['5min']);
  });

  it('offers nothing that would come back at or after the meeting’s end', () => {
    const short = reminder({ end: START + 4 * MIN });
    expect(snoozeChoices(short, START - 2 * MIN)).toEqual(['5min', 'minuteBefore', 'atStart']);
    expect(snoozeChoices(short, START - 30)).toEqual(['atStart']);
    expect(snoozeChoices(short, START + 30)).toEqual([]);
    expect(snoozeChoices(r, START + 25 * MIN)).toEqual([]);
  });
});

describe('starts in', () => {
  const r = reminder();

  it('counts whole minutes up to the start, rounding up', () => {
    expect(startsIn(r, START - 4 * MIN)).toBe('starts in 4 min');
    expect(startsIn(r, START - 4 * MIN + 10)).toBe('starts in 4 min');
    expect(startsIn(r, START - 3 * MIN - 50)).toBe('starts in 4 min');
    expect(startsIn(r, START - 1)).toBe('starts in 1 min');
  });

  it('counts whole minutes since the start, rounding down', () => {
    expect(startsIn(r, START)).toBe('started just now');
    expect(startsIn(r, START + 59)).toBe('started just now');
    expect(startsIn(r, START + 2 * MIN + 30)).toBe('started 2 min ago');
  });

  it('uses hours and days for far-off meetings, and says when it has ended', () => {
    expect(startsIn(r, START - 60 * MIN)).toBe('starts in 1 h');
    expect(startsIn(r, START - 125 * MIN)).toBe('starts in 2 h 5 min');
    expect(startsIn(r, START - 86_400)).toBe('starts in 1 day');
    expect(startsIn(r, START - 2 * 86_400 - 3 * 3600)).toBe('starts in 2 days 3 h');
    const long = reminder({ end: START + 3 * 3600 });
    expect(startsIn(long, START + 90 * MIN)).toBe('started 1 h 30 min ago');
    expect(startsIn(r, START + 30 * MIN)).toBe('ended just now');
    expect(startsIn(r, START + 45 * MIN)).toBe('ended 15 min ago');
  });
});

describe('the banner’s grouping', () => {
  it('puts on-time reminders on their own cards and the rest in one summary', () => {
    const onTime = reminder({ meetingId: 1 });
    const away = reminder({ meetingId: 2, catchUp: true });
    const missed = reminder({ meetingId: 3, catchUp: true, missed: true });
    expect(groupReminders([onTime, away, missed])).toEqual({
      onTime: [onTime],
      away: [away, missed],
    });
  });

  it('says "started" only when every one of them has', () => {
    const started = [reminder({ meetingId: 1 }), reminder({ meetingId: 2 })];
    expect(awaySummary(started, START + 60)).toBe('2 meetings started while you were away');
    expect(awaySummary(started.slice(0, 1), START)).toBe('1 meeting started while you were away');
    const tomorrow = reminder({ meetingId: 3, start: START + 86_400 });
    expect(awaySummary([...started, tomorrow], START + 60)).toBe(
      '3 reminders came due while you were away',
    );
  });

  it('joins only over https', () => {
    expect(joinableUrl('https://meet.example.com/join/abc')).toBe(
      'https://meet.example.com/join/abc',
    );
    expect(joinableUrl('http://meet.example.com/join/abc')).toBeNull();
    expect(joinableUrl('javascript:alert(1)')).toBeNull();
    expect(joinableUrl('not a url')).toBeNull();
    expect(joinableUrl(null)).toBeNull();
  });
});

describe('web notifications', () => {
  it('plans one per fresh on-time reminder and one for all fresh catch-ups, none for missed', () => {
    const list = [
      reminder({ meetingId: 1, name: 'Planning', fresh: true }),
      reminder({ meetingId: 2, name: 'Shown before' }),
      reminder({ meetingId: 3, name: 'Standup', fresh: true, catchUp: true }),
      reminder({ meetingId: 4, name: 'Review', fresh: true, catchUp: true }),
      reminder({ meetingId: 5, name: 'Gone', fresh: true, catchUp: true, missed: true }),
    ];
    expect(planNotifications(list, 'Europe/Berlin', START - 4 * MIN)).toEqual([
      { title: 'Planning', body: 'starts at 11:00', tag: 'convene-reminder-1' },
      {
        title: '2 reminders came due while you were away',
        body: 'Standup, Review',
        tag: 'convene-catch-up',
      },
    ]);
    expect(planNotifications(list, 'UTC', START + MIN)[1]).toMatchObject({
      title: '2 meetings started while you were away',
    });
    expect(planNotifications(list.slice(1, 2), 'UTC', START)).toEqual([]);
    expect(planNotifications([list[4]!], 'UTC', START + 3600)).toEqual([]);
  });

  /** A stand-in for the browser's Notification, recording what was shown. */
  function fakeNotification(permission: 'default' | 'granted' | 'denied') {
    const shown: { title: string; body: string; tag: string; click: () => void }[] = [];
    let closed = 0;
    class Fake {
      static permission = permission;
      static requestPermission() {
        Fake.permission = 'granted';
        return Promise.resolve(Fake.permission);
      }
      constructor(title: string, options: { body: string; tag: string }) {
        shown.push({ title, ...options, click: () => undefined });
      }
      addEventListener(_type: 'click', listener: () => void) {
        shown.at(-1)!.click = listener;
      }
      close() {
        closed += 1;
      }
    }
    return { N: Fake as NotificationConstructor, shown, closed: () => closed };
  }

  function memoryStorage() {
    const data = new Map<string, string>();
    return {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    };
  }

  it('shows nothing until permission is granted, and focuses the window on a click', async () => {
    const fake = fakeNotification('default');
    let focused = 0;
    const alerts = createWebAlerts({
      Notification: fake.N,
      focus: () => (focused += 1),
      storage: memoryStorage(),
    });
    const list = [reminder({ fresh: true })];
    expect(alerts.notify(list, 'UTC', START - MIN)).toBe(0);
    expect(fake.shown).toHaveLength(0);
    expect(await alerts.requestPermission()).toBe('granted');
    expect(alerts.notify(list, 'UTC', START - MIN)).toBe(1);
    expect(fake.shown).toMatchObject([
      { title: 'Planning', body: 'starts at 10:00', tag: 'convene-reminder-1' },
    ]);
    fake.shown[0]!.click();
    expect(focused).toBe(1);
    expect(fake.closed()).toBe(1);
  });

  it('is a no-op without window.Notification, and remembers "Not now"', async () => {
    const storage = memoryStorage();
    const alerts = createWebAlerts({ Notification: undefined, focus: () => undefined, storage });
    expect(alerts.permission()).toBe('unsupported');
    expect(await alerts.requestPermission()).toBe('unsupported');
    expect(alerts.notify([reminder({ fresh: true })], 'UTC', START)).toBe(0);
    expect(alerts.declined()).toBe(false);
    alerts.decline();
    const again = createWebAlerts({ Notification: undefined, focus: () => undefined, storage });
    expect(again.declined()).toBe(true);
  });
});
