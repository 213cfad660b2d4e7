import {
  HANDLER_NAMES,
  type AppError,
  type ConveneApi,
  type HandlerName,
  type Handlers,
  type Result,
} from '../../src-main/shared/contract';
import { createEventHub } from './event-hub';

export type WebTransportOptions = {
  /** Origin of the web shell; '' (the default) is the page's own origin. */
  baseUrl?: string;
  /** A request that takes longer than this answers `unavailable`. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  /**
   * Told `false` when the shell cannot be reached (a call fails on the network, times out or gets
   * an answer that is not ours; the event stream drops) and `true` when it answers again.
   */
  onReachability?: (up: boolean) => void;
};

const DEFAULT_TIMEOUT_MS = 30_000;

const failure = (code: AppError['code'], message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The shell answers every /api call with a Result, refusals included; anything else is not ours. */
function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  return (
    body.ok === false &&
    'error' in body &&
    typeof body.error === 'object' &&
    body.error !== null &&
    'code' in body.error &&
    typeof body.error.code === 'string'
  );
}

/**
 * `ConveneApi` over the web shell: each handler is `POST /api/<name>` with the argument as JSON
 * and the handler's `Result` as the answer; events come over one Server-Sent Events stream. Like
 * the IPC transport it never throws: a shell that cannot be reached is `{code: 'unavailable'}`.
 * The shell authenticates the page by its HttpOnly cookie, hence `credentials: 'same-origin'`.
 */
export function createWebTransport(options: WebTransportOptions = {}): ConveneApi {
  const baseUrl = options.baseUrl ?? '';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Looked up per call, not captured: tests and polyfills may install fetch after this module loads.
  const doFetch = (input: string, init: RequestInit) => (options.fetch ?? fetch)(input, init);
  const reachable = (up: boolean) => options.onReachability?.(up);

  async function post(name: HandlerName, arg: unknown): Promise<Result<unknown>> {
    let body: string;
    try {
      body = JSON.stringify(arg ?? {});
    } catch (error) {
      return failure('bad_request', `The argument for ${name} cannot be sent: ${messageOf(error)}`);
    }
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/${name}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      reachable(false);
      return failure('unavailable', `Convene is not reachable (${messageOf(error)})`);
    }
    const json: unknown = await response.json().catch(() => undefined);
    // Any Result is the engine answering, refusals included (its `unavailable` is about the remote).
    if (isResult(json)) {
      reachable(true);
      return json;
    }
    const forbidden = response.status === 401 || response.status === 403;
    if (!forbidden) reachable(false);
    return failure(
      forbidden ? 'forbidden' : 'unavailable',
      `Convene answered ${name} with HTTP ${response.status}`,
    );
  }

  /** The channel list comes from the contract, so no handler can be left out here. */
  function invokers(): Handlers {
    const entries = HANDLER_NAMES.map((name) => [name, (arg: unknown) => post(name, arg)]);
    // The cast is the shell's promise: it answers each channel with that handler's Result.
    return Object.fromEntries(entries) as Handlers;
  }

  let hub: ReturnType<typeof createEventHub> | undefined;
  const on: ConveneApi['on'] = (event, listener) => {
    // Opened on first use: a page that never subscribes never holds a stream open.
    hub ??= createEventHub(`${baseUrl}/api/events`, options.EventSource ?? EventSource, reachable);
    return hub.on(event, listener);
  };

  return { ...invokers(), on } satisfies ConveneApi;
}
