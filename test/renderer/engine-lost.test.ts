import { describe, expect, it } from 'vitest';
import { createReachability } from '../../src-renderer/api/reachability';
import { createAppStore } from '../../src-renderer/store/app-store';
import { createFakeApi } from './fake-api';

describe('when the engine cannot be reached', () => {
  it('passes on only changes, so a burst of failures raises the banner once', () => {
    const reachability = createReachability();
    const seen: boolean[] = [];
    reachability.subscribe((up) => seen.push(up));
    for (const up of [true, false, false, false, true, true]) reachability.report(up);
    expect(seen).toEqual([false, true]);
  });

  it('the store keeps what it shows, shows no toast, and reloads when the engine is back', async () => {
    const fake = createFakeApi();
    fake.handle('meetings:list', () => ({
      ok: false,
      error: { code: 'unavailable', message: 'x' },
    }));
    const store = createAppStore({ api: fake.api, now: () => 0, systemZone: 'UTC' });
    store.getState().setEngineReachable(false);
    await store.getState().loadRange({ from: 0, to: 100 });
    expect(store.getState().engineLost).toBe(true);
    expect(store.getState().toasts).toEqual([]);

    fake.handle('meetings:list', () => ({ ok: true, value: [] }));
    store.getState().setVisible('timeGridWeek', { from: 0, to: 100 }, 'Week');
    store.getState().setEngineReachable(true);
    expect(store.getState().engineLost).toBe(false);
    expect(fake.argsOf('meetings:list').at(-1)).toEqual({ from: 0, to: 100 });
  });
});
