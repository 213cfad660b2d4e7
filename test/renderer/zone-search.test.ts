import { describe, expect, it } from 'vitest';
import { zoneCountries } from '../../src-renderer/lib/zone-names';
import { searchZones, zoneOptions } from '../../src-renderer/lib/zone-search';

// A January instant: New York is on EST then, and its summer name (EDT) must match as well.
const JAN_2027 = Date.UTC(2027, 0, 15) / 1000;
const JUL_2027 = Date.UTC(2027, 6, 15) / 1000;
const ids = (query: string, at = JAN_2027) => searchZones(zoneOptions(at), query).map((o) => o.id);

describe('zone search by what people call a zone', () => {
  it('finds a zone by its country, the country’s only zone first', () => {
    expect(ids('India')[0]).toBe('Asia/Kolkata');
    expect(ids('india')).toContain('Indian/Maldives'); // still found as text in the id
    expect(ids('Germany')[0]).toBe('Europe/Berlin');
    expect(ids('Japan')).toEqual(['Asia/Tokyo']);
  });

  it('finds zones by abbreviation, standard or summer, whatever the date', () => {
    for (const at of [JAN_2027, JUL_2027]) {
      expect(ids('EST', at)).toContain('America/New_York');
      expect(ids('EDT', at)).toContain('America/New_York');
    }
    // Only India's English knows "IST" for Kolkata: it must come from en-IN, not en-US.
    expect(ids('IST')[0]).toBe('Asia/Kolkata');
    expect(ids('CET')).toContain('Europe/Berlin');
    // The exact abbreviations come before cities that merely start with the letters (Istanbul).
    expect(ids('IST').indexOf('Europe/Istanbul')).toBeGreaterThan(
      ids('IST').indexOf('Asia/Kolkata'),
    );
  });

  it('finds zones by long and generic names and by nickname', () => {
    expect(ids('Eastern Time')).toContain('America/New_York');
    // Sri Lanka keeps India's time too: both, the alphabetical tie putting Colombo first.
    expect(ids('India Standard Time')).toEqual(['Asia/Colombo', 'Asia/Kolkata']);
    expect(ids('NYC')).toEqual(['America/New_York']);
  });

  it('still finds cities, ids and offsets as before', () => {
    expect(ids('Kolkata')).toEqual(['Asia/Kolkata']);
    expect(ids('pari')[0]).toBe('Europe/Paris');
    expect(ids('+05:30')).toContain('Asia/Kolkata');
  });

  it('maps zones to countries from Intl, and leaves UTC without one', () => {
    const countries = zoneCountries();
    expect(countries.get('Asia/Kolkata')).toEqual({ code: 'IN', name: 'India' });
    expect(countries.get('America/New_York')?.code).toBe('US');
    expect(countries.has('UTC')).toBe(false);
  });
});
