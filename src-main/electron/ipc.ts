import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  EVENT_NAMES,
  HANDLER_NAMES,
  type AppEvents,
  type EventName,
  type HandlerName,
  type Handlers,
  type Result,
} from '../shared/contract';
import type { EventBus } from '../engine/app/event-bus';
import type { SenderInfo } from './security';

/** What the IPC layer needs of `ipcMain`; a fake in tests. */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

export type InvokeEventLike = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * The facts `isTrustedSender` decides on, read off an invoke event. `appContentsId` is our window's
 * `webContents.id` (null while there is no window): ids, not object identity, name a web contents.
 */
export function senderInfo(event: InvokeEventLike, appContentsId: number | null): SenderInfo {
  const frame = event.senderFrame;
  return {
    fromAppWindow: appContentsId !== null && event.sender.id === appContentsId,
    isMainFrame: frame !== null && frame.parent === null,
    frameUrl: frame?.url ?? null,
  };
}

/**
 * The renderer's argument is only *claimed* to match the contract: the handler parses it with zod
 * before it does anything, so it is passed on as `unknown`.
 */
function call(handlers: Handlers, name: HandlerName, arg: unknown): Promise<Result<unknown>> {
  const handler = handlers[name] as (arg: unknown) => Promise<Result<unknown>>;
  return handler(arg);
}

/**
 * One `ipcMain.handle` per contract channel. Every answer is a `Result` value: a refused sender or an
 * unexpected throw becomes an error value too, because a rejection crossing IPC arrives in the
 * renderer as a bare `Error` with the main process's message and loses the contract's shape.
 * Returns a function that removes the handlers.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  onError: (message: string, error: unknown) => void = () => {},
): () => void {
  for (const name of HANDLER_NAMES) {
    ipcMain.handle(name, async (event, arg: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event)) {
        return { ok: false, error: { code: 'forbidden', message: 'Request refused.' } };
      }
      try {
        return await call(handlers, name, arg);
      } catch (error) {
        onError(`${name} threw`, error);
        return {
          ok: false,
          error: { code: 'internal', message: 'Something went wrong; nothing was changed.' },
        };
      }
    });
  }
  return () => {
    for (const name of HANDLER_NAMES) ipcMain.removeHandler(name);
  };
}

/** Forwards every contract event from the engine to the window; returns an unsubscribe. */
export function forwardEvents(
  events: EventBus,
  send: <E extends EventName>(event: E, payload: AppEvents[E]) => void,
): () => void {
  const unsubscribes = EVENT_NAMES.map((name) =>
    events.on(name, (payload) => {
      send(name, payload);
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
