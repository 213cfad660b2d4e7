import { z } from 'zod';
import type { Meeting, Recording, User } from '../../shared/meetings-api-types';

/**
 * The sync worker's HTTP client for a remote Meetings API (the ConnectyCube cloud or a Convene
 * server). It puts on the wire exactly what the official SDK (npm `connectycube` 6.1.2) sends for
 * the same calls — `.json` paths, its headers, its query serialisation — so a server that works
 * with the SDK works with us (shared/spec/meetings-api.md, section 2 "Wire details").
 *
 * Every failure is a `RemoteError` whose `kind` tells the caller what it may assume about the
 * outcome: `http` (the server answered and refused), or `network` / `timeout` / `bad_response`
 * (the request may or may not have taken effect).
 */
export type RemoteConfig = {
  serverUrl: string;
  appId: number;
  authKey: string;
  fetch?: typeof fetch;
  /** Per call, response body included. */
  timeoutMs?: number;
};

export type RemoteErrorKind = 'network' | 'timeout' | 'http' | 'bad_response';

export type RemoteReply<T> = {
  value: T;
  /** The response's `Date` header in ms: the remote's clock, for skew-safe "created since" lists. */
  serverDate: number | null;
};

export type RemoteClient = ReturnType<typeof createRemoteClient>;

export const DEFAULT_TIMEOUT_MS = 15_000;
/** What SDK 6.1.2 sends as `CB-SDK` on every API call; servers may shape replies by it. */
export const SDK_HEADER_VALUE = 'JS 6.1.2 - Client';
const JSON_TYPE = 'application/json;charset=utf-8';
const FORM_TYPE = 'application/x-www-form-urlencoded; charset=UTF-8';

type RemoteErrorDetails = {
  status?: number | null;
  retryAfterMs?: number | null;
  serverDate?: number | null;
  body?: unknown;
  needsSignIn?: boolean;
  cause?: unknown;
};

export class RemoteError extends Error {
  override readonly name = 'RemoteError';
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  /** The `Date` header of the answer, when there was one. */
  readonly serverDate: number | null;
  /** The parsed error body (`{"errors": ...}`), the raw text if it was not JSON, or null. */
  readonly body: unknown;
  /** The stored credentials were refused: only the user signing in again can fix it. */
  readonly needsSignIn: boolean;

  constructor(
    readonly kind: RemoteErrorKind,
    message: string,
    details: RemoteErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.serverDate = details.serverDate ?? null;
    this.body = details.body ?? null;
    this.needsSignIn = details.needsSignIn ?? false;
  }

  get isSessionExpired(): boolean {
    return this.kind === 'http' && this.status === 401;
  }
}

// Response shapes, checked just enough that a misbehaving server is a `bad_response`, not a crash
// deep in the worker. Fields the API defines but a server may omit get their documented default.
const orNull = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

const meetingSchema = z.object({
  _id: z.string().min(1),
  name: z.string(),
  start_date: z.number(),
  end_date: z.number(),
  attendees: z
    .array(z.object({ id: z.number().optional(), email: z.string().optional() }))
    .default([]),
  record: orNull(z.boolean()),
  chat_dialog_id: orNull(z.string()),
  host_id: z.number(),
  public: z.boolean().default(false),
  scheduled: z.boolean().default(false),
  notify: z.boolean().default(false),
  notify_before: orNull(
    z.object({ metric: z.enum(['minutes', 'hours', 'days', 'weeks']), value: z.number() }),
  ),
  timezone: orNull(z.object({ offset: z.number(), name: z.string() })),
  created_at: z.string(),
  updated_at: z.string(),
}) satisfies z.ZodType<Meeting>;

// User fields beyond the id are informational for sync: a value of an unexpected type becomes null
// rather than failing the whole call.
const looseString = orNull(z.string()).catch(null);
const userSchema = z.object({
  id: z.number(),
  login: looseString,
  email: looseString,
  full_name: looseString,
  phone: looseString,
  website: looseString,
  created_at: z.string().catch(''),
  updated_at: z.string().catch(''),
  last_request_at: looseString,
  external_user_id: orNull(z.number()).catch(null),
  custom_data: looseString,
  user_tags: looseString,
  timezone: looseString,
  is_guest: z.boolean().catch(false),
}) satisfies z.ZodType<User>;

const sessionSchema = z.object({
  session: z.object({
    token: z.string().min(1),
    user_id: z.number().nullable(),
    user: userSchema.optional(),
  }),
});
const meetingListSchema = z.array(meetingSchema);
// `_id=X` answers with one object (spec); an array is tolerated from servers that filter instead.
const oneMeetingSchema = z.union([meetingSchema, meetingListSchema]);
const userReplySchema = z.object({ user: userSchema });
// Size and duration are informational: a server that leaves them out still lists the file.
const recordingSchema = z.object({
  _id: z.string().min(1),
  room_id: z.string().catch(''),
  participants_ids: z.array(z.number()).catch([]),
  participants_count: z.number().catch(0),
  duration: z.number().catch(0),
  size: z.number().catch(0),
  download_url: z.string().min(1),
  file_uid: z.string().catch(''),
  created_at: z.string().catch(''),
  updated_at: z.string().catch(''),
}) satisfies z.ZodType<Recording>;
const recordingListSchema = z.array(recordingSchema);

type Query = Record<string, string | number | boolean>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Call = { method: Method; path: string; token?: string; query?: Query; body?: unknown };
type RawReply = { status: number; json: unknown; serverDate: number | null };

/**
 * The SDK's query string: `key=value` pairs sorted as strings, values percent-encoded, and the
 * brackets of `field[op]` left as they are (the SDK writes them unencoded for nested filters).
 */
export function serializeQuery(params: Query): string {
  return Object.entries(params)
    .map(([key, value]) => {
      const name = encodeURIComponent(key).replace(/%5B/gi, '[').replace(/%5D/gi, ']');
      return `${name}=${encodeURIComponent(String(value))}`;
    })
    .sort()
    .join('&');
}

/** `Retry-After` as delay-seconds or an HTTP-date (relative to the server's own `Date`). */
export function parseRetryAfter(value: string | null, referenceMs: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - referenceMs);
}

function causeCode(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string') return code;
    if (typeof message === 'string') return message;
  }
  return error instanceof Error ? error.message : String(error);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function createRemoteClient(config: RemoteConfig) {
  const fetchImpl = config.fetch ?? fetch;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Throws here, once, for a URL that could never work; a path prefix (`/api`) is kept.
  const base = new URL(config.serverUrl).href.replace(/\/+$/, '');

  async function send({ method, path, token, query, body }: Call): Promise<RawReply> {
    // Only the method and path go into messages: never the query, token or body.
    const what = `${method} /${path}.json`;
    const url = `${base}/${path}.json${query === undefined ? '' : `?${serializeQuery(query)}`}`;
    const hasBody = method === 'POST' || method === 'PUT';
    const headers: Record<string, string> = {
      'Content-Type': hasBody ? JSON_TYPE : FORM_TYPE,
      'CB-SDK': SDK_HEADER_VALUE,
    };
    if (token !== undefined) headers['CB-Token'] = token;
    const signal = AbortSignal.timeout(timeoutMs);
    const failed = (error: unknown, status: number | null): RemoteError =>
      signal.aborted || (error instanceof Error && error.name === 'TimeoutError')
        ? new RemoteError('timeout', `${what}: no complete answer within ${timeoutMs} ms`, {
            status,
            cause: error,
          })
        : new RemoteError('network', `${what}: ${causeCode(error)}`, { status, cause: error });

    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers,
        signal,
        ...(hasBody ? { body: JSON.stringify(body ?? {}) } : {}),
      });
    } catch (error) {
      throw failed(error, null);
    }
    const { status } = response;
    const dateHeader = response.headers.get('date');
    const parsedDate = dateHeader === null ? NaN : Date.parse(dateHeader);
    const serverDate = Number.isNaN(parsedDate) ? null : parsedDate;

    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // The status line arrived but the body was cut off (`terminated`). A success we cannot read
      // has an unknown outcome, like a network error; a refusal is a refusal.
      if (signal.aborted) throw failed(error, status);
      if (response.ok) {
        throw new RemoteError('bad_response', `${what}: body cut off (${causeCode(error)})`, {
          status,
          cause: error,
        });
      }
      text = '';
    }
    const json = text === '' ? null : parseJson(text);

    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(
        response.headers.get('retry-after'),
        serverDate ?? Date.now(),
      );
      throw new RemoteError('http', `${what}: HTTP ${status}`, {
        status,
        retryAfterMs,
        serverDate,
        body: json === null ? null : json.ok ? json.value : text,
      });
    }
    if (json === null) {
      // Only DELETE may answer with an empty body (the SDK reads it as text).
      if (method === 'DELETE') return { status, json: null, serverDate };
      throw new RemoteError('bad_response', `${what}: empty body`, { status });
    }
    if (!json.ok) throw new RemoteError('bad_response', `${what}: body is not JSON`, { status });
    return { status, json: json.value, serverDate };
  }

  function shaped<T>(schema: z.ZodType<T>, reply: RawReply, what: string): RemoteReply<T> {
    const result = schema.safeParse(reply.json);
    if (!result.success) {
      throw new RemoteError('bad_response', `${what}: unexpected response shape`, {
        status: reply.status,
        cause: result.error,
      });
    }
    return { value: result.data, serverDate: reply.serverDate };
  }

  /** Runs a call and turns a 404 into null: "no such thing, or not visible to you". */
  async function orNotFound<T>(call: Promise<RemoteReply<T>>): Promise<RemoteReply<T | null>> {
    try {
      return await call;
    } catch (error) {
      if (error instanceof RemoteError && error.kind === 'http' && error.status === 404) {
        return { value: null, serverDate: error.serverDate };
      }
      throw error;
    }
  }

  const meetingPath = (id: string) => `meetings/${encodeURIComponent(id)}`;

  async function getUser(token: string, id: number): Promise<RemoteReply<User | null>> {
    return orNotFound(
      send({ method: 'GET', path: `users/${id}`, token }).then((reply) => {
        const { value, serverDate } = shaped(userReplySchema, reply, 'GET /users');
        return { value: value.user, serverDate };
      }),
    );
  }

  return {
    async createSession(
      login: string,
      password: string,
    ): Promise<RemoteReply<{ token: string; user: User }>> {
      const reply = await send({
        method: 'POST',
        path: 'session',
        body: {
          application_id: config.appId,
          auth_key: config.authKey,
          user: { login, password },
        },
      });
      const { session } = shaped(sessionSchema, reply, 'POST /session').value;
      if (session.user !== undefined) {
        return {
          value: { token: session.token, user: session.user },
          serverDate: reply.serverDate,
        };
      }
      // Servers that leave the user out of the session still name it by id.
      if (session.user_id === null) {
        throw new RemoteError('bad_response', 'POST /session: no user in the session', {
          status: reply.status,
        });
      }
      const user = await getUser(session.token, session.user_id);
      if (user.value === null) {
        throw new RemoteError('bad_response', 'POST /session: the session user does not exist', {
          status: reply.status,
        });
      }
      return { value: { token: session.token, user: user.value }, serverDate: reply.serverDate };
    },

    async listMeetings(token: string, params: Query): Promise<RemoteReply<Meeting[]>> {
      const reply = await send({ method: 'GET', path: 'meetings', token, query: params });
      return shaped(meetingListSchema, reply, 'GET /meetings');
    },

    async getMeeting(token: string, id: string): Promise<RemoteReply<Meeting | null>> {
      return orNotFound(
        send({ method: 'GET', path: 'meetings', token, query: { _id: id } }).then((reply) => {
          const { value, serverDate } = shaped(oneMeetingSchema, reply, 'GET /meetings');
          const meeting = Array.isArray(value) ? value.find((m) => m._id === id) : value;
          return { value: meeting ?? null, serverDate };
        }),
      );
    },

    async createMeeting(
      token: string,
      body: Record<string, unknown>,
    ): Promise<RemoteReply<Meeting>> {
      // The SDK's own defaults for the keys it always sends; the caller's values win.
      const payload = { attendees: [], record: false, chat: false, ...body };
      const reply = await send({ method: 'POST', path: 'meetings', token, body: payload });
      return shaped(meetingSchema, reply, 'POST /meetings');
    },

    async updateMeeting(
      token: string,
      id: string,
      body: Record<string, unknown>,
    ): Promise<RemoteReply<Meeting>> {
      const reply = await send({ method: 'PUT', path: meetingPath(id), token, body });
      return shaped(meetingSchema, reply, 'PUT /meetings/{id}');
    },

    async deleteMeeting(token: string, id: string): Promise<RemoteReply<null>> {
      const reply = await send({ method: 'DELETE', path: meetingPath(id), token });
      return { value: null, serverDate: reply.serverDate };
    },

    /** `meeting.getRecordings` of the SDK: fresh signed `download_url`s with every answer. */
    async listRecordings(token: string, meetingId: string): Promise<RemoteReply<Recording[]>> {
      const path = `meetings/recordings/${encodeURIComponent(meetingId)}`;
      const reply = await send({ method: 'GET', path, token });
      return shaped(recordingListSchema, reply, 'GET /meetings/recordings/{id}');
    },

    getUser,
  };
}
