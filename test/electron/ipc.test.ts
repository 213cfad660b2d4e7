import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../src-main/engine/app/event-bus';
import { forwardEvents, registerIpcHandlers, senderInfo } from '../../src-main/electron/ipc';
import {
  HANDLER_NAMES,
  type HandlerName,
  type Handlers,
  type MeetingId,
} from '../../src-main/shared/contract';

type Listener = (event: IpcMainInvokeEvent, arg: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    ipcMain: {
      handle: (channel: string, listener: Listener) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, listener);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    },
  };
}

/** Handlers that echo which channel ran and with what; `meetings:get` throws. */
function echoHandlers(): Handlers {
  const entries = HANDLER_NAMES.map((name) => [
    name,
    (arg: unknown) =>
      name === 'meetings:get'
        ? Promise.reject(new Error('disk on fire'))
        : Promise.resolve({ ok: true, value: { name, arg } }),
  ]);
  return Object.fromEntries(entries) as Handlers;
}

const event = {} as IpcMainInvokeEvent;

describe('IPC registration', () => {
  it('registers exactly one handler per contract channel and removes them all', () => {
    const fake = fakeIpcMain();
    const dispose = registerIpcHandlers(fake.ipcMain, echoHandlers(), () => true);
    expect([...fake.handlers.keys()].sort()).toEqual([...HANDLER_NAMES].sort());
    dispose();
    expect(fake.handlers.size).toBe(0);
  });

  it('passes the raw argument to its own handler and returns the Result', async () => {
    const fake = fakeIpcMain();
    registerIpcHandlers(fake.ipcMain, echoHandlers(), () => true);
    const name: HandlerName = 'meetings:delete';
    const arg = { id: 3 as MeetingId };
    await expect(fake.handlers.get(name)?.(event, arg)).resolves.toEqual({
      ok: true,
      value: { name, arg },
    });
  });

  it('answers a refused sender with a forbidden value without running the handler', async () => {
    const fake = fakeIpcMain();
    let ran = false;
    const handlers = {
      ...echoHandlers(),
      'profile:get': () => ((ran = true), Promise.reject(new Error('ran'))),
    };
    registerIpcHandlers(fake.ipcMain, handlers, () => false);
    const result = await fake.handlers.get('profile:get')?.(event, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(ran).toBe(false);
  });

  it('turns a throw into an internal error value instead of a rejection', async () => {
    const fake = fakeIpcMain();
    const logged: string[] = [];
    registerIpcHandlers(
      fake.ipcMain,
      echoHandlers(),
      () => true,
      (m) => logged.push(m),
    );
    const result = await fake.handlers.get('meetings:get')?.(event, { id: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('disk on fire');
    expect(logged).toEqual(['meetings:get threw']);
  });
});

describe('sender facts', () => {
  const contents = { id: 1 };
  const appContentsId = 1;
  const mainFrame = { parent: null, url: 'app://convene/index.html' };

  it('reads window, frame depth and URL off the event', () => {
    const from = (sender: unknown, senderFrame: unknown) =>
      senderInfo({ sender, senderFrame } as never, appContentsId);
    expect(from(contents, mainFrame)).toEqual({
      fromAppWindow: true,
      isMainFrame: true,
      frameUrl: 'app://convene/index.html',
    });
    expect(from({ id: 2 }, mainFrame).fromAppWindow).toBe(false);
    expect(from(contents, { parent: mainFrame, url: 'app://convene/x' }).isMainFrame).toBe(false);
    expect(
      senderInfo({ sender: contents, senderFrame: mainFrame } as never, null).fromAppWindow,
    ).toBe(false);
    expect(from(contents, null)).toEqual({
      fromAppWindow: true,
      isMainFrame: false,
      frameUrl: null,
    });
  });
});

describe('event forwarding', () => {
  it('sends every engine event to the window until unsubscribed', () => {
    const bus = createEventBus();
    const sent: unknown[] = [];
    const off = forwardEvents(bus, (name, payload) => sent.push([name, payload]));
    bus.emit('meetings:changed', { kind: 'deleted', id: 4 as MeetingId });
    off();
    bus.emit('meetings:changed', { kind: 'deleted', id: 5 as MeetingId });
    expect(sent).toEqual([['meetings:changed', { kind: 'deleted', id: 4 }]]);
  });
});
