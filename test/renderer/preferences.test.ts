import { describe, expect, it } from 'vitest';
import { loadPreferences, savePreferences } from '../../src-renderer/lib/preferences';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('preferences', () => {
  it('round-trips the view and display zone', () => {
    const storage = memoryStorage();
    savePreferences(storage, { view: 'dayGridMonth', displayZone: 'Asia/Tokyo' });
    expect(loadPreferences(storage)).toEqual({ view: 'dayGridMonth', displayZone: 'Asia/Tokyo' });
  });

  it('drops what is no longer valid and survives garbage', () => {
    const key = 'convene.preferences.v1';
    expect(
      loadPreferences(memoryStorage({ [key]: '{"view":"yearGrid","displayZone":"Mars/Base"}' })),
    ).toEqual({});
    expect(loadPreferences(memoryStorage({ [key]: '{"displayZone":"Asia/Calcutta"}' }))).toEqual({
      displayZone: 'Asia/Kolkata',
    });
    expect(loadPreferences(memoryStorage({ [key]: 'not json' }))).toEqual({});
    expect(loadPreferences(undefined)).toEqual({});
  });
});
