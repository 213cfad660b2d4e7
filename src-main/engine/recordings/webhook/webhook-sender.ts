import { Webhook } from 'standardwebhooks';
import { Agent, fetch } from 'undici';
import { literalAddressOf, refusedAddressKind } from './address-policy';
import { guardedLookup, RefusedAddressError } from './guarded-lookup';

export type SendOutcome =
  | { kind: 'delivered'; status: number }
  /** Worth another attempt: a non-2xx answer, a timeout, a connection that failed. */
  | { kind: 'retry'; status: number | null; error: string }
  /** Never worth another attempt as configured: the address is refused. */
  | { kind: 'refused'; error: string };

export type WebhookSender = {
  send(eventId: string, body: string, at: Date, signal: AbortSignal): Promise<SendOutcome>;
  close(): Promise<void>;
};

/** fetch wraps what went wrong: `TypeError: fetch failed`, caused by the socket's error. */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 5) {
    chain.push(current);
    current = typeof current === 'object' && 'cause' in current ? current.cause : undefined;
  }
  return chain;
}

function describe(error: unknown, timeoutMs: number): string {
  const chain = causeChain(error);
  if (chain.some((e) => (e as { name?: unknown } | null)?.name === 'TimeoutError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const last = chain[chain.length - 1];
  const code = (last as { code?: unknown } | null)?.code;
  const message = last instanceof Error ? last.message : String(last);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * Posts signed recording-done events (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`). undici's own `fetch` with its own dispatcher, because Node's global fetch
 * ignores per-request agents: the dispatcher's connect step runs `guardedLookup`, so the socket
 * connects to the very address that was checked. Redirects are never followed (a 3xx could point
 * anywhere, and is a failed attempt), and every step has a time limit.
 */
export function createWebhookSender(options: {
  url: string;
  secret: string;
  allowPrivate: boolean;
  timeoutMs: number;
}): WebhookSender {
  const url = new URL(options.url);
  const signer = new Webhook(options.secret);
  const agent = new Agent({
    connect: {
      timeout: options.timeoutMs,
      ...(options.allowPrivate ? {} : { lookup: guardedLookup }),
    },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    // One connection at a time is plenty for one event per meeting.
    connections: 2,
  });

  async function send(
    eventId: string,
    body: string,
    at: Date,
    signal: AbortSignal,
  ): Promise<SendOutcome> {
    // A literal host never reaches a lookup: the socket connects to it directly.
    const literal = literalAddressOf(url);
    const kind = literal === undefined || options.allowPrivate ? null : refusedAddressKind(literal);
    if (kind !== null) return { kind: 'refused', error: `${literal ?? ''} is a ${kind} address` };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Convene-Webhooks/1',
          'webhook-id': eventId,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signer.sign(eventId, at, body),
        },
        body,
        redirect: 'manual',
        dispatcher: agent,
        signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]),
      });
      // The answer's body means nothing to us; not reading it frees the connection sooner.
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) {
        return { kind: 'delivered', status: response.status };
      }
      const redirect = response.status >= 300 && response.status < 400;
      return {
        kind: 'retry',
        status: response.status,
        error: redirect
          ? `answered ${response.status} (redirects are not followed)`
          : `answered ${response.status}`,
      };
    } catch (error) {
      const refused = causeChain(error).find((e) => e instanceof RefusedAddressError);
      if (refused instanceof RefusedAddressError)
        return { kind: 'refused', error: refused.message };
      return { kind: 'retry', status: null, error: describe(error, options.timeoutMs) };
    }
  }

  return { send, close: () => agent.close() };
}
