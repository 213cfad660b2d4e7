import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { EVENT_NAMES, type AppEvents, type EventName } from '../shared/contract';
import type { EventBus } from '../engine/app/event-bus';

/** Proxies and idle sockets drop a silent stream; a comment line now and then keeps it open. */
const HEARTBEAT_MS = 25_000;
/** How soon a browser's EventSource retries after the stream ends (a shell restart, say). */
const RETRY_MS = 1_000;

export type EventStream = {
  /** Takes over the reply and keeps it open as a Server-Sent Events stream. */
  open(reply: FastifyReply): void;
  /** Ends every stream, so the server can close without waiting for them. */
  close(): void;
};

/**
 * Forwards every `AppEvents` event to every connected window as `event: <name>` with the payload as
 * one JSON `data:` line (JSON.stringify escapes newlines, so a payload can never split a frame).
 */
export function createEventStream(events: EventBus): EventStream {
  const clients = new Set<ServerResponse>();

  function send<E extends EventName>(name: E, payload: AppEvents[E]): void {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of clients) client.write(frame);
  }

  const unsubscribe = EVENT_NAMES.map((name) => events.on(name, (payload) => send(name, payload)));
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    open(reply) {
      // Security headers were set on the Fastify reply by the guard; a hijacked reply must copy them.
      const headers: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) headers[name] = value;
      }
      void reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      // Written at once so the client sees the headers (and knows it is subscribed) right away.
      response.write(`retry: ${RETRY_MS}\n: connected\n\n`);
      clients.add(response);
      // The response's 'close' (not the request's, which fires once a GET is read) is the socket going.
      response.on('close', () => clients.delete(response));
    },
    close() {
      clearInterval(heartbeat);
      for (const off of unsubscribe) off();
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}
