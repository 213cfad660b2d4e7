import { describe, expect, it } from 'vitest';
import { addDays, monthGrid, parseJumpDate } from '../../src-renderer/lib/jump-date';

const WED = '2026-12-02'; // a Wednesday

describe('parseJumpDate', () => {
  it('reads ISO dates and refuses impossible ones', () => {
    expect(parseJumpDate('2027-03-14', WED)).toBe('2027-03-14');
    expect(parseJumpDate(' 2027-3-4 ', WED)).toBe('2027-03-04');
    expect(parseJumpDate('2027-02-30', WED)).toBeNull();
    expect(parseJumpDate('soon', WED)).toBeNull();
    expect(parseJumpDate('mo', WED)).toBeNull();
  });

  it('reads relative days and weekdays, always ahead of today', () => {
    expect(parseJumpDate('Today', WED)).toBe(WED);
    expect(parseJumpDate('tomorrow', WED)).toBe('2026-12-03');
    expect(parseJumpDate('yesterday', WED)).toBe('2026-12-01');
    expect(parseJumpDate('next monday', WED)).toBe('2026-12-07');
    expect(parseJumpDate('fri', WED)).toBe('2026-12-04');
    expect(parseJumpDate('wednesday', WED)).toBe('2026-12-09');
  });
});

describe('monthGrid', () => {
  it('starts on the chosen weekday and covers six weeks', () => {
    const sunday = monthGrid('2026-12', 0);
    expect(sunday[0]).toBe('2026-11-29');
    expect(sunday).toHaveLength(42);
    expect(monthGrid('2026-12', 1)[0]).toBe('2026-11-30');
    expect(monthGrid('2026-12', 6)[0]).toBe('2026-11-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
