import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppEvents, ConveneApi, EventName, Handlers } from '../src-main/shared/contract';
import { EVENT_NAMES, HANDLER_NAMES } from '../src-main/shared/channel-names';

// The preload runs sandboxed (bundled into one CommonJS file by electron-vite) and exposes exactly
// the contract as `window.convene`: one function per handler channel and `on` for events. The page
// never gets `ipcRenderer`, so it cannot send on channels the contract does not name.

/**
 * One invoker per channel, derived from `HANDLER_NAMES`, so a handler added to the contract is
 * exposed without touching this file. The cast is the contract's promise: main answers each
 * channel with that handler's `Result`.
 */
function createInvokers(): Handlers {
  const entries = HANDLER_NAMES.map((name) => [
    name,
    (arg: unknown): Promise<unknown> => ipcRenderer.invoke(name, arg),
  ]);
  return Object.fromEntries(entries) as Handlers;
}

function on<E extends EventName>(event: E, listener: (payload: AppEvents[E]) => void): () => void {
  // The renderer is untrusted: only contract events can be subscribed to.
  if (!(EVENT_NAMES as readonly string[]).includes(event)) {
    throw new Error(`Unknown event: ${event}`);
  }
  // Only the payload is passed on: the IPC event object carries `sender`, a handle on ipcRenderer.
  const forward = (_event: IpcRendererEvent, payload: AppEvents[E]) => {
    listener(payload);
  };
  ipcRenderer.on(event, forward);
  return () => {
    ipcRenderer.removeListener(event, forward);
  };
}

const api = { ...createInvokers(), on } satisfies ConveneApi;

contextBridge.exposeInMainWorld('convene', api);
