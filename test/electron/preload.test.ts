import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  EVENT_NAMES,
  HANDLER_NAMES,
  type ConveneApi,
  type EventName,
} from '../../src-main/shared/contract';

// Electron cannot run here: the preload is loaded against a fake `electron` module that records
// what it exposes and what it sends.
const fake = vi.hoisted(() => {
  type Listener = (event: unknown, payload: unknown) => void;
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; arg: unknown }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  return {
    exposed,
    invoked,
    listeners,
    electron: {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
      },
      ipcRenderer: {
        invoke: (channel: string, arg: unknown) => {
          invoked.push({ channel, arg });
          return Promise.resolve({ ok: true, value: channel });
        },
        on: (channel: string, listener: Listener) => {
          const set = listeners.get(channel) ?? new Set<Listener>();
          set.add(listener);
          listeners.set(channel, set);
        },
        removeListener: (channel: string, listener: Listener) => {
          listeners.get(channel)?.delete(listener);
        },
      },
    },
  };
});

vi.mock('electron', () => fake.electron);

let api: ConveneApi;

beforeAll(async () => {
  await import('../../src-preload/index');
  api = fake.exposed.get('convene') as ConveneApi;
});

describe('preload', () => {
  it('exposes one object, window.convene, and nothing else', () => {
    expect([...fake.exposed.keys()]).toEqual(['convene']);
  });

  it("has exactly the contract's handler channels plus on", () => {
    expect(Object.keys(api).sort()).toEqual([...HANDLER_NAMES, 'on'].sort());
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('forwards each handler to its own channel with the argument untouched', async () => {
    for (const name of HANDLER_NAMES) {
      const arg = { probe: name };
      const call = api[name] as (arg: unknown) => Promise<unknown>;
      await expect(call(arg)).resolves.toEqual({ ok: true, value: name });
      expect(fake.invoked.at(-1)).toEqual({ channel: name, arg });
    }
    expect(fake.invoked).toHaveLength(HANDLER_NAMES.length);
  });

  it('delivers only the payload of an event and unsubscribes', () => {
    const [event] = EVENT_NAMES;
    const received: unknown[] = [];
    const off = api.on(event, (payload) => received.push(payload));
    const payload = { kind: 'deleted', id: 7 };
    for (const listener of fake.listeners.get(event) ?? []) listener({ sender: 'ipc' }, payload);
    expect(received).toEqual([payload]);
    off();
    expect(fake.listeners.get(event)?.size).toBe(0);
  });

  it('refuses to subscribe to channels that are not contract events', () => {
    const notAnEvent = 'meetings:create' as string as EventName;
    expect(() => api.on(notAnEvent, () => {})).toThrow(/Unknown event/);
    expect(fake.listeners.has('meetings:create')).toBe(false);
  });
});
