import { describe, expect, it } from 'vitest';
import { settingsDto } from './fake-api';
import {
  clearPreferences,
  loadPreferences,
  startupPreferences,
  unsavedPreferences,
} from '../../src-renderer/lib/preferences';

// The view and zone now live in the engine's settings; what older builds left in the window's
// storage is read once, to move it over.
const KEY = 'convene.preferences.v1';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    removeItem: (k: string) => void data.delete(k),
  };
}

const settings = settingsDto;

describe('preferences left by older builds', () => {
  it('reads the view and display zone, and can drop them', () => {
    const storage = memoryStorage({
      [KEY]: '{"view":"dayGridMonth","displayZone":"Asia/Tokyo"}',
    });
    expect(loadPreferences(storage)).toEqual({ view: 'dayGridMonth', displayZone: 'Asia/Tokyo' });
    clearPreferences(storage);
    expect(storage.data.size).toBe(0);
    expect(loadPreferences(storage)).toEqual({});
  });

  it('drops what is no longer valid and survives garbage', () => {
    expect(
      loadPreferences(memoryStorage({ [KEY]: '{"view":"yearGrid","displayZone":"Mars/Base"}' })),
    ).toEqual({});
    expect(loadPreferences(memoryStorage({ [KEY]: '{"displayZone":"Asia/Calcutta"}' }))).toEqual({
      displayZone: 'Asia/Kolkata',
    });
    expect(loadPreferences(memoryStorage({ [KEY]: 'not json' }))).toEqual({});
    expect(loadPreferences(undefined)).toEqual({});
    expect(() => clearPreferences(undefined)).not.toThrow();
  });
});

describe('startup preferences', () => {
  const legacy = { view: 'dayGridMonth', displayZone: 'Asia/Tokyo' } as const;

  it('takes the engine’s values over the old ones, and moves nothing then', () => {
    expect(
      startupPreferences(settings({ view: 'listWeek', displayZone: 'Europe/Paris' }), legacy),
    ).toEqual({
      preferences: { view: 'listWeek', displayZone: 'Europe/Paris' },
      migrate: null,
    });
  });

  it('fills what the engine lacks from storage, and says to move exactly that', () => {
    expect(startupPreferences(settings(), legacy)).toEqual({
      preferences: legacy,
      migrate: legacy,
    });
    expect(startupPreferences(settings({ view: 'listWeek' }), legacy)).toEqual({
      preferences: { view: 'listWeek', displayZone: 'Asia/Tokyo' },
      migrate: { displayZone: 'Asia/Tokyo' },
    });
    expect(startupPreferences(settings(), {})).toEqual({ preferences: {}, migrate: null });
  });

  it('checks the engine’s values as it checked stored ones', () => {
    const odd = settings({ view: 'yearGrid' as never, displayZone: 'Asia/Calcutta' });
    expect(startupPreferences(odd, {}).preferences).toEqual({ displayZone: 'Asia/Kolkata' });
  });

  it('uses storage alone when the engine could not be asked, and moves nothing', () => {
    expect(startupPreferences(null, legacy)).toEqual({ preferences: legacy, migrate: null });
  });

  it('names what the window shows that the engine does not hold', () => {
    const shown = { view: 'timeGridWeek', displayZone: 'UTC' } as const;
    expect(
      unsavedPreferences(shown, settings({ view: 'timeGridWeek', displayZone: 'UTC' })),
    ).toEqual({});
    expect(unsavedPreferences(shown, settings({ view: 'listWeek', displayZone: 'UTC' }))).toEqual({
      view: 'timeGridWeek',
    });
    expect(unsavedPreferences(shown, null)).toEqual(shown);
  });
});
