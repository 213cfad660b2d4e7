import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  formatOffset,
  listTimeZones,
  zoneOffsetMinutes,
} from '../../src-main/shared/time-zones';

describe('time zones', () => {
  it('lists a normalised IANA list with UTC and without legacy ids', () => {
    const zones = listTimeZones();
    expect(zones).toContain('UTC');
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).toContain('Europe/Kyiv');
    expect(zones).not.toContain('Asia/Calcutta');
    expect(zones).not.toContain('Europe/Kiev');
    expect(new Set(zones).size).toBe(zones.length);
  });

  it('canonicalises names: case, legacy ids; rejects unknown zones and bare offsets', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('+02:00')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });

  it('gives the offset at the instant, following DST', () => {
    // Europe/Berlin switches to summer time on 2027-03-28 at 01:00 UTC.
    expect(zoneOffsetMinutes('Europe/Berlin', Date.UTC(2027, 2, 28, 0, 59) / 1000)).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', Date.UTC(2027, 2, 28, 1, 0) / 1000)).toBe(120);
    expect(zoneOffsetMinutes('Australia/Sydney', Date.UTC(2027, 0, 1) / 1000)).toBe(660);
    expect(zoneOffsetMinutes('Asia/Kolkata', 0)).toBe(330);
    expect(formatOffset(330)).toBe('+05:30');
    expect(formatOffset(-210)).toBe('-03:30');
  });
});
