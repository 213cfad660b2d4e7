import ConnectyCube, { type Config, type Meetings, type XMPPChat } from 'connectycube';
import { TEST_APP } from '../helpers/test-engine';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** One SDK client, as one app (one signed-in user) would hold it. */
export type Sdk = InstanceType<typeof ConnectyCube.ConnectyCube<XMPPChat>>;

/** A request as it reached the server (URL before the `.json` suffix was stripped) and its status. */
export type SeenRequest = {
  method: string;
  url: string;
  contentType: string | undefined;
  body: unknown;
  status: number;
};

export type SdkServer = TestServer & {
  /** Every request the server received, in order: what the SDK really put on the wire. */
  seen: SeenRequest[];
};

/**
 * The real server on 127.0.0.1 over a temp-file engine, like `startTestServer`, plus a hook that
 * records each request's raw URL, parsed body and status (added before `listen`, as Fastify requires).
 */
export async function startSdkServer(): Promise<SdkServer> {
  const seen: SeenRequest[] = [];
  const server = await startTestServer({}, (app) => {
    app.addHook('onResponse', async (request, reply) => {
      seen.push({
        method: request.method,
        url: request.originalUrl,
        contentType: request.headers['content-type'],
        body: request.body,
        status: reply.statusCode,
      });
    });
  });
  return { ...server, seen };
}

/**
 * A fresh SDK client pointed at the server. The package's default export is one shared client; its
 * class is exported as `.ConnectyCube`, so each user gets an instance of their own (own session).
 * The SDK's config (endpoints, credentials, `on` hooks) is one module-wide singleton, though: every
 * `init` replaces the `sessionExpired` hook for all instances, so it is reset here unless given.
 */
export function newSdk(url: string, on: Config.Listeners = {}): Sdk {
  const sdk = new ConnectyCube.ConnectyCube<XMPPChat>();
  const { host, hostname } = new URL(url);
  // REST calls use `api_url`; the typings also demand `api` and `chat`, which only XMPP would use.
  const endpoints = { api_url: url, api: host, chat: hostname };
  sdk.init(
    { appId: TEST_APP.id, authKey: TEST_APP.authKey },
    { endpoints, debug: { mode: 0 }, on: { sessionExpired: undefined, ...on } },
  );
  return sdk;
}

/** Signs in through the SDK (the server creates the login on the fly) and returns the user id. */
export async function signIn(sdk: Sdk, login: string): Promise<number> {
  const session = await sdk.createSession({ login, password: 'secret123' });
  return session.user_id;
}

/**
 * `meeting.get` with the filter names apps use. The SDK's `GetParams` type only lists the
 * `start_at`/`end_at` spellings, while the docs and apps pass `start_date`/`end_date`; the SDK
 * serialises whatever object it is given, so a plain record is passed through unchanged.
 */
export async function listMeetings(
  sdk: Sdk,
  params: Record<string, unknown> = {},
): Promise<Meetings.Meeting[]> {
  const result = await sdk.meeting.get(params);
  if (!Array.isArray(result)) throw new Error(`expected an array, got ${JSON.stringify(result)}`);
  return result;
}

/** `meeting.get({_id})`: the server answers with one object, not an array. */
export async function getMeeting(sdk: Sdk, id: string): Promise<Meetings.Meeting> {
  const result = await sdk.meeting.get({ _id: id });
  if (Array.isArray(result)) throw new Error('expected one meeting, got an array');
  return result;
}

/** What the SDK rejects with on an HTTP error: the status and the parsed JSON body. */
export type SdkError = { code: number; info: { errors: Record<string, string[]> } };

/** Awaits a call that must fail and returns the SDK's error object. */
export async function rejection(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the SDK call to reject');
}

/** Raw URLs of the GET requests seen on a path, e.g. `/meetings.json`. */
export function getUrlsFor(server: SdkServer, path: string): string[] {
  return server.seen
    .filter((r) => r.method === 'GET' && r.url.split('?')[0] === path)
    .map((r) => r.url);
}
