import { describe, expect, it } from 'vitest';
import { parseAttendeeList, splitContacts } from '../../src-renderer/lib/attendees';
import {
  MAX_NAME_LENGTH,
  newMeetingForm,
  planSave,
  withStart,
  withZone,
} from '../../src-renderer/lib/editor-form';
import { humanize } from '../../src-renderer/store/editor-slice';
import { nextWholeHour } from '../../src-renderer/lib/zoned-time';

const NOV = Date.UTC(2026, 10, 23, 9) / 1000; // 10:00 in Berlin, 14:30 in Kolkata

describe('attendees as mail clients copy them', () => {
  it('reads display names, quotes and every separator', () => {
    expect(
      splitContacts(
        'Ana <ana@example.com>, "Doe, Jane" <jane@x.org>; bob@x.org\n7 mailto:carl@x.org',
      ),
    ).toEqual(['ana@example.com', 'jane@x.org', 'bob@x.org', '7', 'carl@x.org']);
    expect(splitContacts('"a <b>" <c@x.org>')).toEqual(['c@x.org']);
    expect(parseAttendeeList('Ana <ana@example.com>, Bob Smith')).toMatchObject({
      attendees: [{ email: 'ana@example.com' }],
      rejected: ['Bob', 'Smith'],
    });
  });
});

describe('editor form rules', () => {
  it('keeps the instant when the zone changes and the length when the start moves', () => {
    const berlin = newMeetingForm(NOV, NOV + 5400, 'Europe/Berlin');
    const kolkata = withZone(berlin, 'Asia/Kolkata');
    expect(kolkata.start).toEqual({ date: '2026-11-23', time: '14:30' });
    expect(kolkata.end).toEqual({ date: '2026-11-23', time: '16:00' });
    const moved = withStart(berlin, { date: '2026-11-23', time: '23:00' }, 5400);
    expect(moved.end).toEqual({ date: '2026-11-24', time: '00:30' });
  });

  it('refuses an over-long name and an end before the start, under Ends', () => {
    const form = newMeetingForm(NOV, NOV + 3600, 'UTC');
    expect(planSave({ ...form, name: 'x'.repeat(MAX_NAME_LENGTH + 3) }, null)).toEqual({
      kind: 'invalid',
      fields: { name: ['Use at most 200 characters (203 now)'] },
    });
    expect(planSave({ ...form, name: 'A', end: form.start }, null)).toEqual({
      kind: 'invalid',
      fields: { end: ['End must be after the start'] },
    });
    expect(humanize({ start: ['end_date must be after start_date'] })).toEqual({
      end: ['End must be after the start'],
    });
  });

  it('rounds a new meeting to a whole hour of the display zone', () => {
    const at0910Kolkata = Date.parse('2026-11-25T09:10:00+05:30');
    expect(nextWholeHour(at0910Kolkata, 'Asia/Kolkata')).toBe(
      Date.parse('2026-11-25T10:00:00+05:30') / 1000,
    );
    expect(nextWholeHour(Date.parse('2026-11-25T09:00:00Z'), 'UTC')).toBe(
      Date.parse('2026-11-25T10:00:00Z') / 1000,
    );
  });
});
