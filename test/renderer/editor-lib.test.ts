import { describe, expect, it } from 'vitest';
import { NOTIFY_BEFORE_RANGES } from '../../src-main/shared/meetings-api-types';
import { parseAttendee } from '../../src-renderer/lib/attendees';
import { formFromMeeting, newMeetingForm, planSave } from '../../src-renderer/lib/editor-form';
import { meeting as fixture } from './fake-api';
import { NOTIFY_METRICS, notifyValues, withMetric } from '../../src-renderer/lib/notify-options';
import { parseOffsetQuery, searchZones, zoneOptions } from '../../src-renderer/lib/zone-search';
import { atHour, fromWallClock, toWallClock } from '../../src-renderer/lib/zoned-time';

const JULY = Date.UTC(2027, 6, 15, 13) / 1000; // 09:00 in New York (EDT, -04:00)
const NOV = Date.UTC(2026, 10, 23, 14) / 1000; // 09:00 in New York (EST, -05:00)

describe('reminder values', () => {
  it('offers only what the API accepts for each metric', () => {
    expect(notifyValues('minutes')).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
    expect(notifyValues('hours')).toHaveLength(24);
    expect(notifyValues('days')).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(notifyValues('weeks')).toEqual([1, 2, 3, 4]);
    for (const metric of NOTIFY_METRICS) {
      const { min, max } = NOTIFY_BEFORE_RANGES[metric];
      expect(notifyValues(metric).every((v) => v >= min && v <= max)).toBe(true);
    }
  });

  it('keeps a valid off-step value and resets one the new metric refuses', () => {
    expect(notifyValues('minutes', 7)).toContain(7);
    expect(notifyValues('minutes', 70)).not.toContain(70);
    expect(withMetric({ metric: 'days', value: 30 }, 'weeks')).toEqual({
      metric: 'weeks',
      value: 1,
    });
    expect(withMetric({ metric: 'hours', value: 2 }, 'days')).toEqual({ metric: 'days', value: 2 });
    expect(withMetric({ metric: 'hours', value: 0 }, 'minutes').value).toBe(0);
  });
});

describe('attendees', () => {
  it('takes user ids and e-mails and refuses the rest', () => {
    expect(parseAttendee(' 42 ')).toEqual({ ok: true, attendee: { id: 42 } });
    expect(parseAttendee('ana@example.com')).toEqual({
      ok: true,
      attendee: { email: 'ana@example.com' },
    });
    expect(parseAttendee('0').ok).toBe(false);
    expect(parseAttendee('ana@').ok).toBe(false);
    expect(parseAttendee('not an address').ok).toBe(false);
  });
});

describe('zone search', () => {
  it('finds zones by city, id prefix and offset', () => {
    const options = zoneOptions(NOV);
    expect(searchZones(options, 'Kolkata').map((o) => o.id)).toEqual(['Asia/Kolkata']);
    expect(searchZones(options, 'new york')[0]?.id).toBe('America/New_York');
    const asia = searchZones(options, 'Asia/');
    expect(asia.length).toBeGreaterThan(50);
    expect(asia.every((o) => o.id.startsWith('Asia/'))).toBe(true);
    expect(searchZones(options, '+05:30').map((o) => o.id)).toContain('Asia/Kolkata');
    expect(parseOffsetQuery('UTC-4')).toBe(-240);
    expect(parseOffsetQuery('Paris')).toBeNull();
  });

  it("labels each zone with its offset at the meeting's date", () => {
    const ny = (at: number) => zoneOptions(at).find((o) => o.id === 'America/New_York');
    expect(ny(JULY)?.offsetLabel).toBe('-04:00');
    expect(ny(NOV)?.offsetLabel).toBe('-05:00');
  });
});

describe('editor form', () => {
  it('reads and writes wall-clock times in the meeting zone, across DST', () => {
    expect(toWallClock(JULY, 'America/New_York')).toEqual({ date: '2027-07-15', time: '09:00' });
    expect(fromWallClock({ date: '2027-07-15', time: '09:00' }, 'America/New_York')).toBe(JULY);
    expect(fromWallClock({ date: '2026-11-23', time: '09:00' }, 'America/New_York')).toBe(NOV);
    expect(fromWallClock({ date: '', time: '09:00' }, 'UTC')).toBeNull();
    expect(atHour(NOV, 'America/New_York', 9)).toBe(NOV);
  });

  it('creates with every field and updates with only what changed', () => {
    const form = { ...newMeetingForm(NOV, NOV + 3600, 'America/New_York'), name: 'Kick-off' };
    const create = planSave(form, null);
    expect(create).toMatchObject({
      kind: 'create',
      draft: { name: 'Kick-off', start: NOV, end: NOV + 3600, timeZone: 'America/New_York' },
    });

    const meeting = fixture({
      id: 5,
      serverId: 'abc',
      name: 'Kick-off',
      start: NOV + 17, // seconds the inputs cannot show must survive an unrelated edit
      end: NOV + 3600,
      attendees: [{ id: 3 }],
      timeZone: { name: 'America/New_York', offset: -300 },
      createdAt: '',
      updatedAt: '',
    });
    const before = formFromMeeting(meeting, 'UTC');
    expect(planSave(before, { meeting, form: before })).toEqual({ kind: 'unchanged' });
    expect(planSave({ ...before, public: true }, { meeting, form: before })).toEqual({
      kind: 'update',
      changes: { public: true },
    });
    const moved = planSave({ ...before, timeZone: 'Europe/Paris' }, { meeting, form: before });
    expect(moved).toMatchObject({ kind: 'update', changes: { timeZone: 'Europe/Paris' } });
    expect(planSave({ ...before, end: { date: '', time: '' } }, { meeting, form: before })).toEqual(
      {
        kind: 'invalid',
        fields: { end: ['Enter an end date and time'] },
      },
    );
  });
});
