import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRemoteClient,
  RemoteError,
  type RemoteConfig,
} from '../../src-main/engine/sync/remote-client';
import { createRemoteSession } from '../../src-main/engine/sync/remote-session';
import { startFaultProxy, type Fault, type FaultProxy } from '../helpers/fault-proxy';
import { TEST_APP } from '../helpers/test-engine';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { newSdk } from '../sdk/sdk-harness';

const T0 = 1_800_000_000;
const PASSWORD = 'secret123';
const TWO_HOURS = 2 * 3600_000;
const EXPIRED_BODY = { errors: { base: ['Required session does not exist'] } };

/** A request as it reached the server, before any handler ran. */
type Wire = {
  method: string;
  url: string;
  contentType: string | undefined;
  contentLength: string | undefined;
  cbSdk: string | undefined;
  cbToken: string | undefined;
  cbAuthKey: string | undefined;
  body: unknown;
};

let server: TestServer;
let proxy: FaultProxy;
const wire: Wire[] = [];

beforeAll(async () => {
  server = await startTestServer({}, (app) => {
    // preHandler, not onResponse: it runs before the reply, so the caller never races the record.
    app.addHook('preHandler', (request, _reply, done) => {
      const h = request.headers;
      wire.push({
        method: request.method,
        url: request.originalUrl,
        contentType: h['content-type'],
        contentLength: h['content-length'],
        cbSdk: h['cb-sdk'] as string | undefined,
        cbToken: h['cb-token'] as string | undefined,
        cbAuthKey: h['cb-authkey'] as string | undefined,
        body: request.body,
      });
      done();
    });
  });
  proxy = await startFaultProxy(server.url);
});
afterAll(async () => {
  await proxy.stop();
  await server.stop();
});

function client(overrides: Partial<RemoteConfig> = {}) {
  return createRemoteClient({
    serverUrl: server.url,
    appId: TEST_APP.id,
    authKey: TEST_APP.authKey,
    ...overrides,
  });
}

/** Through the fault proxy, with a short timeout so `delay` faults stay quick. */
function proxied(overrides: Partial<RemoteConfig> = {}) {
  return client({ serverUrl: proxy.url, timeoutMs: 2_000, ...overrides });
}

/** A stand-in for a server that answers every request with this text (for shapes no server sends). */
function answering(text: string, init: ResponseInit): typeof fetch {
  return () => Promise.resolve(new Response(text, init));
}

async function signIn(login: string) {
  const { value } = await client().createSession(login, PASSWORD);
  return value;
}

async function remoteError(call: Promise<unknown>): Promise<RemoteError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(RemoteError);
    return error as RemoteError;
  }
  throw new Error('expected the call to fail');
}

/** The requests the server saw while `run` ran. */
async function recorded<T>(run: () => Promise<T>): Promise<{ result: T; seen: Wire[] }> {
  const from = wire.length;
  const result = await run();
  return { result, seen: wire.slice(from) };
}

const meetingBody = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  start_date: T0,
  end_date: T0 + 3600,
  attendees: [],
  ...extra,
});

describe('every call against the real server', () => {
  it('creates a session: token, the user, and the server date', async () => {
    const before = Date.now();
    const reply = await client().createSession('alice', PASSWORD);
    expect(reply.value.token).toMatch(/\S{16,}/);
    expect(reply.value.user).toMatchObject({ login: 'alice', is_guest: false });
    expect(reply.value.user.id).toBeGreaterThan(0);
    // The Date header has one-second resolution.
    expect(reply.serverDate).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(reply.serverDate).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('creates, reads, lists, updates and deletes a meeting', async () => {
    const { token, user } = await signIn('bob');
    const created = (await client().createMeeting(token, meetingBody('Standup'))).value;
    expect(created).toMatchObject({
      name: 'Standup',
      start_date: T0,
      end_date: T0 + 3600,
      attendees: [],
      host_id: user.id,
      record: false,
      chat_dialog_id: null,
    });
    expect(created._id).toMatch(/^[0-9a-f]{24}$/);

    expect((await client().getMeeting(token, created._id)).value).toEqual(created);
    expect((await client().listMeetings(token, {})).value).toEqual([created]);
    const filtered = await client().listMeetings(token, {
      'start_date[gte]': T0,
      'start_date[lt]': T0 + 1,
      scheduled: false,
    });
    expect(filtered.value.map((m) => m._id)).toEqual([created._id]);
    expect((await client().listMeetings(token, { 'start_date[gt]': T0 })).value).toEqual([]);

    const updated = (await client().updateMeeting(token, created._id, { record: true })).value;
    expect(updated).toMatchObject({ _id: created._id, name: 'Standup', record: true });

    const deleted = await client().deleteMeeting(token, created._id);
    expect(deleted.value).toBeNull();
    expect(deleted.serverDate).not.toBeNull();
    expect((await client().getMeeting(token, created._id)).value).toBeNull();
    expect((await client().listMeetings(token, {})).value).toEqual([]);
  });

  it('pages a list with limit and offset', async () => {
    const { token } = await signIn('pager');
    for (let i = 0; i < 3; i++) {
      await client().createMeeting(token, { ...meetingBody(`M${i}`), start_date: T0 + i * 60 });
    }
    const page = await client().listMeetings(token, { limit: 2, offset: 1 });
    expect(page.value.map((m) => m.name)).toEqual(['M1', 'M2']);
  });

  it('answers null for a meeting that does not exist or is not visible, with the server date', async () => {
    const owner = await signIn('owner');
    const stranger = await signIn('stranger');
    const { value: hidden } = await client().createMeeting(owner.token, meetingBody('Private'));
    const missing = await client().getMeeting(stranger.token, 'ffffffffffffffffffffffff');
    expect(missing.value).toBeNull();
    expect(missing.serverDate).not.toBeNull();
    expect((await client().getMeeting(stranger.token, hidden._id)).value).toBeNull();
  });

  it('gets a user by id, and null for an unknown id', async () => {
    const { token, user } = await signIn('carol');
    expect((await client().getUser(token, user.id)).value).toEqual(
      expect.objectContaining({ id: user.id, login: 'carol' }),
    );
    expect((await client().getUser(token, 987_654)).value).toBeNull();
  });

  it('reports refusals as http errors with the status and the parsed body', async () => {
    const host = await signIn('dave');
    const guest = await signIn('erin');
    const invalid = await remoteError(
      client().createMeeting(host.token, { ...meetingBody('Backwards'), end_date: T0 - 60 }),
    );
    expect(invalid).toMatchObject({ kind: 'http', status: 422, retryAfterMs: null });
    expect(invalid.body).toEqual({ errors: { end_date: ['end_date must be after start_date'] } });
    expect(invalid.isSessionExpired).toBe(false);

    const { value: meeting } = await client().createMeeting(
      host.token,
      meetingBody('Theirs', { attendees: [{ id: guest.user.id }] }),
    );
    const forbidden = await remoteError(
      client().updateMeeting(guest.token, meeting._id, { name: 'Mine now' }),
    );
    expect(forbidden).toMatchObject({ kind: 'http', status: 403 });
    const notFound = await remoteError(
      client().deleteMeeting(host.token, 'ffffffffffffffffffffffff'),
    );
    expect(notFound).toMatchObject({ kind: 'http', status: 404 });
  });

  it('reports an unknown token as a 401 the caller can renew on', async () => {
    const error = await remoteError(client().listMeetings('not-a-token', {}));
    expect(error).toMatchObject({ kind: 'http', status: 401, body: EXPIRED_BODY });
    expect(error.isSessionExpired).toBe(true);
    expect(error.message).not.toContain('not-a-token');
  });

  it('refuses a wrong password without echoing it', async () => {
    await signIn('frank');
    const error = await remoteError(client().createSession('frank', 'wrong-password'));
    expect(error).toMatchObject({ kind: 'http', status: 401, needsSignIn: false });
    expect(error.message).not.toContain('wrong-password');
    expect(JSON.stringify(error.body)).not.toContain('wrong-password');
  });

  it('accepts a server URL with a trailing slash and keeps a path prefix', async () => {
    const { token } = await signIn('slash');
    const reply = await client({ serverUrl: `${server.url}/` }).listMeetings(token, {});
    expect(reply.value).toEqual([]);

    const urls: string[] = [];
    const recording: typeof fetch = (input) => {
      urls.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(new Response('[]', { status: 200 }));
    };
    for (const serverUrl of ['https://cc.example.com/api', 'https://cc.example.com/api//']) {
      await client({ serverUrl, fetch: recording }).listMeetings('t', { limit: 1 });
    }
    await client({ serverUrl: 'https://cc.example.com', fetch: recording }).listMeetings('t', {});
    expect(urls).toEqual([
      'https://cc.example.com/api/meetings.json?limit=1',
      'https://cc.example.com/api/meetings.json?limit=1',
      // The SDK's trailing `?` for an empty query is in the URL we hand to fetch.
      'https://cc.example.com/meetings.json?',
    ]);
    expect(() => client({ serverUrl: 'not a url' })).toThrow();
  });
});

describe('on the wire: the same requests as the official SDK', () => {
  /** Ids and each side's own token normalised away; everything else must match exactly. */
  function normalise(seen: Wire[], ownToken: string | null) {
    return seen.map((w) => ({
      ...w,
      url: w.url.replace(/[0-9a-f]{24}/g, ':id'),
      cbToken: w.cbToken === undefined ? 'none' : w.cbToken === ownToken ? 'own' : 'other',
    }));
  }

  it('matches the SDK for every call, header for header and byte for byte in the query', async () => {
    const sdk = newSdk(server.url);
    const ours = client();
    const partner = await signIn('partner');

    const sdkSession = await recorded(() =>
      sdk.createSession({ login: 'wire-sdk', password: PASSWORD }),
    );
    // Logins of the same length, so even the Content-Length headers must agree.
    const ourSession = await recorded(() => ours.createSession('wire-our', PASSWORD));
    const sdkToken = sdkSession.result.token;
    const ourToken = ourSession.result.value.token;
    const sdkUserId = sdkSession.result.user_id;
    const ourUserId = ourSession.result.value.user.id;
    const asSdk = (seen: Wire[]) => normalise(seen, sdkToken);
    const asOurs = (seen: Wire[]) => normalise(seen, ourToken);
    // The login differs by design; the rest of the body is the same.
    const sessionBody = (seen: Wire[], login: string) =>
      asSdk(seen).map((w) => ({ ...w, body: JSON.stringify(w.body).replace(login, 'LOGIN') }));
    expect(sessionBody(ourSession.seen, 'wire-our')).toEqual(
      sessionBody(sdkSession.seen, 'wire-sdk'),
    );
    expect(ourSession.seen).toEqual([
      {
        method: 'POST',
        url: '/session.json',
        contentType: 'application/json;charset=utf-8',
        contentLength: expect.any(String),
        cbSdk: 'JS 6.1.2 - Client',
        cbToken: undefined,
        cbAuthKey: undefined,
        body: {
          application_id: TEST_APP.id,
          auth_key: TEST_APP.authKey,
          user: { login: 'wire-our', password: PASSWORD },
        },
      },
    ]);

    const create = { ...meetingBody('Wire'), attendees: [{ id: partner.user.id }], notify: false };
    const sdkCreate = await recorded(() => sdk.meeting.create(create));
    const ourCreate = await recorded(() => ours.createMeeting(ourToken, create));
    expect(asOurs(ourCreate.seen)).toEqual(asSdk(sdkCreate.seen));
    // The SDK adds `record: false, chat: false` to every create; so do we.
    expect(ourCreate.seen[0]?.body).toEqual({ ...create, record: false, chat: false });
    const sdkId = sdkCreate.result._id;
    const ourId = ourCreate.result.value._id;

    const pairs: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      ['list, no parameters', () => sdk.meeting.get({}), () => ours.listMeetings(ourToken, {})],
      [
        'list with filters',
        () =>
          sdk.meeting.get({
            updated_at: { gt: '2021-02-19T10:26:49.013Z' },
            start_date: { gte: T0, lt: T0 + 7200 },
            scheduled: false,
            limit: 50,
            offset: 0,
            name: 'a b&c=d/e+f',
          } as Record<string, unknown>),
        () =>
          ours.listMeetings(ourToken, {
            'updated_at[gt]': '2021-02-19T10:26:49.013Z',
            'start_date[gte]': T0,
            'start_date[lt]': T0 + 7200,
            scheduled: false,
            limit: 50,
            offset: 0,
            name: 'a b&c=d/e+f',
          }),
      ],
      [
        'list by ids',
        () => sdk.meeting.get({ _id: { in: [sdkId, ourId] } } as Record<string, unknown>),
        () => ours.listMeetings(ourToken, { '_id[in]': [sdkId, ourId].sort().join(',') }),
      ],
      ['get one', () => sdk.meeting.get({ _id: sdkId }), () => ours.getMeeting(ourToken, ourId)],
      [
        'update',
        () => sdk.meeting.update(sdkId, { record: true }),
        () => ours.updateMeeting(ourToken, ourId, { record: true }),
      ],
      [
        'get a user',
        // Deprecated in the SDK, but it is the call that sends `GET /users/{id}` (getV2 does not).
        // eslint-disable-next-line @typescript-eslint/no-deprecated
        () => sdk.users.get(sdkUserId as any),
        () => ours.getUser(ourToken, ourUserId),
      ],
      ['delete', () => sdk.meeting.delete(sdkId), () => ours.deleteMeeting(ourToken, ourId)],
    ];
    const ourSeen: Wire[] = [];
    for (const [what, viaSdk, viaOurs] of pairs) {
      const a = await recorded(viaSdk);
      const b = await recorded(viaOurs);
      // User ids differ between the two accounts; meeting ids are normalised already. Node's
      // fetch drops the `?` of an empty query on the wire (undici sends `url.search`, which is ''
      // for a bare `?`); the SDK's node-fetch keeps it. The server treats both the same.
      const fix = (seen: Wire[]) =>
        seen.map((w) => ({
          ...w,
          url: w.url.replace(/\/users\/\d+/, '/users/:uid').replace(/\?$/, ''),
        }));
      expect(fix(asOurs(b.seen)), what).toEqual(fix(asSdk(a.seen)));
      if (what === 'list, no parameters') {
        expect([a.seen[0]?.url, b.seen[0]?.url]).toEqual(['/meetings.json?', '/meetings.json']);
      }
      ourSeen.push(...b.seen);
    }

    // What that wire is, spelled out (section 2 "Wire details").
    const form = 'application/x-www-form-urlencoded; charset=UTF-8';
    expect(ourSeen.map((w) => [w.method, w.url, w.contentType, w.body])).toEqual([
      ['GET', '/meetings.json', form, undefined],
      [
        'GET',
        '/meetings.json?limit=50&name=a%20b%26c%3Dd%2Fe%2Bf&offset=0&scheduled=false' +
          `&start_date[gte]=${T0}&start_date[lt]=${T0 + 7200}` +
          '&updated_at[gt]=2021-02-19T10%3A26%3A49.013Z',
        form,
        undefined,
      ],
      ['GET', `/meetings.json?_id[in]=${[sdkId, ourId].sort().join('%2C')}`, form, undefined],
      ['GET', `/meetings.json?_id=${ourId}`, form, undefined],
      ['PUT', `/meetings/${ourId}.json`, 'application/json;charset=utf-8', { record: true }],
      ['GET', `/users/${ourUserId}.json`, form, undefined],
      // Fastify runs the form parser on the empty body: `{}` for the SDK's request too.
      ['DELETE', `/meetings/${ourId}.json`, form, {}],
    ]);
    for (const w of ourSeen) {
      expect(w).toMatchObject({ cbSdk: 'JS 6.1.2 - Client', cbToken: ourToken });
      if (w.method === 'GET' || w.method === 'DELETE') expect(w.contentLength).toBeUndefined();
    }
  });
});

describe('faults, through the proxy', () => {
  const pass: Fault = { kind: 'pass' };
  /** `fault` for the next request, then pass. */
  const once = (fault: Fault) => proxy.setFault((r) => (r.index === 0 ? fault : pass));

  async function fresh(login: string) {
    proxy.setFault(() => pass);
    proxy.resetLog();
    return signIn(login);
  }

  it('relays requests and answers intact, Date header included', async () => {
    const { token } = await fresh('relay');
    const created = await proxied().createMeeting(token, meetingBody('Relayed'));
    const listed = await proxied().listMeetings(token, { 'start_date[gte]': T0 });
    expect(listed.value).toEqual([created.value]);
    expect(listed.serverDate).not.toBeNull();
    expect(proxy.requests).toEqual([
      { method: 'POST', path: '/meetings.json', status: 201, upstreamStatus: 201, fault: 'pass' },
      {
        method: 'GET',
        path: `/meetings.json?start_date[gte]=${T0}`,
        status: 200,
        upstreamStatus: 200,
        fault: 'pass',
      },
    ]);
  });

  it('down: a network error, and the server never saw the request', async () => {
    const { token } = await fresh('downer');
    once({ kind: 'down' });
    const seen = wire.length;
    const error = await remoteError(proxied().createMeeting(token, meetingBody('Never')));
    expect(error).toMatchObject({ kind: 'network', status: null });
    expect(error.message).not.toContain(token);
    expect(wire.length).toBe(seen);
    expect(proxy.requests.at(-1)).toMatchObject({ status: null, upstreamStatus: null });
    // The next request goes through again.
    expect((await proxied().listMeetings(token, {})).value).toEqual([]);
  });

  it('setDown holds every request until it is lifted', async () => {
    const { token } = await fresh('outage');
    proxy.setDown(true);
    for (let i = 0; i < 2; i++) {
      expect(await remoteError(proxied().listMeetings(token, {}))).toMatchObject({
        kind: 'network',
      });
    }
    proxy.setDown(false);
    expect((await proxied().listMeetings(token, {})).value).toEqual([]);
    expect(proxy.requests.map((r) => r.fault)).toEqual(['down', 'down', 'pass']);
  });

  it('a refused connection is a network error naming the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await remoteError(
      client({ serverUrl: `http://127.0.0.1:${port}` }).listMeetings('t', {}),
    );
    expect(error).toMatchObject({ kind: 'network', status: null });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('drop-after: the create took effect but its answer was lost', async () => {
    const { token } = await fresh('lost');
    once({ kind: 'drop-after' });
    const error = await remoteError(proxied().createMeeting(token, meetingBody('Lost answer')));
    expect(error).toMatchObject({ kind: 'network', status: null });
    expect(proxy.requests[0]).toMatchObject({ status: null, upstreamStatus: 201 });
    const listed = await proxied().listMeetings(token, {});
    expect(listed.value.map((m) => m.name)).toEqual(['Lost answer']);
  });

  it('delay: a slow answer within the timeout succeeds, a slower one times out', async () => {
    const { token } = await fresh('slow');
    once({ kind: 'delay', ms: 100 });
    expect((await proxied().listMeetings(token, {})).value).toEqual([]);

    once({ kind: 'delay', ms: 3_000 });
    const started = Date.now();
    const error = await remoteError(proxied({ timeoutMs: 200 }).listMeetings(token, {}));
    expect(error).toMatchObject({ kind: 'timeout', status: null });
    expect(error.message).toContain('200 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a body that stalls after the headers times out too', async () => {
    const stalling: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('[{"_id":');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const { port } = stalling.address() as AddressInfo;
    try {
      const error = await remoteError(
        client({ serverUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 }).listMeetings('t', {}),
      );
      expect(error).toMatchObject({ kind: 'timeout', status: 200 });
    } finally {
      stalling.closeAllConnections();
      await new Promise<void>((resolve) => stalling.close(() => resolve()));
    }
  });

  it.each([500, 502, 503] as const)('status %i: an http error with that status', async (status) => {
    const { token } = await fresh(`status-${status}`);
    once({ kind: 'status', status });
    const error = await remoteError(proxied().listMeetings(token, {}));
    expect(error).toMatchObject({ kind: 'http', status, retryAfterMs: null });
    expect(error.body).toEqual({ errors: { base: [expect.any(String)] } });
    expect(error.isSessionExpired).toBe(false);
  });

  it('status with a body of its own: the body is kept, text if it is not JSON', async () => {
    const { token } = await fresh('status-body');
    once({ kind: 'status', status: 503, body: { errors: { base: ['maintenance'] } } });
    expect((await remoteError(proxied().listMeetings(token, {}))).body).toEqual({
      errors: { base: ['maintenance'] },
    });
    const html = answering('<html>Bad gateway</html>', { status: 502 });
    const error = await remoteError(client({ fetch: html }).listMeetings(token, {}));
    expect(error).toMatchObject({ kind: 'http', status: 502, body: '<html>Bad gateway</html>' });
  });

  it('rate-limit: a 429 with Retry-After in milliseconds', async () => {
    const { token } = await fresh('limited');
    once({ kind: 'rate-limit', retryAfterSeconds: 7 });
    const error = await remoteError(proxied().createMeeting(token, meetingBody('Later')));
    expect(error).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 7_000 });
    expect((await proxied().listMeetings(token, {})).value).toEqual([]);
  });

  it('Retry-After as an HTTP-date counts from the server Date', async () => {
    const date = new Date(Date.UTC(2030, 0, 1, 12, 0, 0));
    const later = new Date(date.getTime() + 90_000);
    const answer = answering('{"errors":{"base":["slow down"]}}', {
      status: 503,
      headers: { date: date.toUTCString(), 'retry-after': later.toUTCString() },
    });
    const error = await remoteError(client({ fetch: answer }).listMeetings('t', {}));
    expect(error).toMatchObject({ status: 503, retryAfterMs: 90_000, serverDate: date.getTime() });
  });

  it('truncate: a cut-off success is a bad response, and the write may have happened', async () => {
    const { token } = await fresh('cut');
    await proxied().createMeeting(token, meetingBody('First'));
    once({ kind: 'truncate' });
    const listError = await remoteError(proxied().listMeetings(token, {}));
    expect(listError).toMatchObject({ kind: 'bad_response', status: 200 });

    once({ kind: 'truncate' });
    const createError = await remoteError(proxied().createMeeting(token, meetingBody('Second')));
    expect(createError).toMatchObject({ kind: 'bad_response', status: 201 });
    const names = (await proxied().listMeetings(token, {})).value.map((m) => m.name);
    expect(names.sort()).toEqual(['First', 'Second']);
  });

  it('truncate on a refusal: still an http error with its status', async () => {
    const { token } = await fresh('cut-refusal');
    once({ kind: 'truncate' });
    const error = await remoteError(
      proxied().createMeeting(token, { ...meetingBody('Bad'), end_date: T0 - 1 }),
    );
    expect(error).toMatchObject({ kind: 'http', status: 422 });
  });

  it('expire-session: a 401 with the exact body the SDK renews on', async () => {
    const { token } = await fresh('expiring');
    once({ kind: 'expire-session' });
    const error = await remoteError(proxied().listMeetings(token, {}));
    expect(error).toMatchObject({ kind: 'http', status: 401, body: EXPIRED_BODY });
    expect(error.isSessionExpired).toBe(true);
  });

  it('garbage from a 2xx is a bad response, never a crash', async () => {
    const answers: [string, string, number][] = [
      ['not JSON', '<html>ok</html>', 200],
      ['empty body', '', 200],
      ['wrong shape', '{"items":[]}', 200],
      ['meeting without _id', '[{"name":"x","start_date":1,"end_date":2}]', 200],
      ['attendees not a list', JSON.stringify([{ ...meetingBody('x'), attendees: 5 }]), 200],
    ];
    for (const [what, text, status] of answers) {
      const garbage = answering(text, { status });
      const error = await remoteError(client({ fetch: garbage }).listMeetings('t', {}));
      expect(error.kind, what).toBe('bad_response');
      expect(error.status, what).toBe(status);
    }
    const noToken = answering('{"session":{"user_id":1}}', { status: 201 });
    expect(await remoteError(client({ fetch: noToken }).createSession('x', 'y'))).toMatchObject({
      kind: 'bad_response',
    });
  });

  it('an empty 200 to a DELETE is fine (the SDK reads it as text)', async () => {
    const empty = answering('', { status: 200 });
    expect((await client({ fetch: empty }).deleteMeeting('t', 'abc')).value).toBeNull();
  });

  it('fills in fields a server leaves out of a meeting with their defaults', async () => {
    const sparse = {
      _id: '0123456789abcdef01234567',
      name: 'Sparse',
      start_date: T0,
      end_date: T0 + 60,
      host_id: 3,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    };
    const answer = answering(JSON.stringify(sparse), { status: 200 });
    expect((await client({ fetch: answer }).getMeeting('t', sparse._id)).value).toEqual({
      ...sparse,
      attendees: [],
      record: null,
      chat_dialog_id: null,
      public: false,
      scheduled: false,
      notify: false,
      notify_before: null,
      timezone: null,
    });
  });
});

describe('remote session', () => {
  const pass: Fault = { kind: 'pass' };

  function session(login: string, token: string | null, password = PASSWORD) {
    const tokens: string[] = [];
    const remote = proxied();
    const s = createRemoteSession({
      client: remote,
      login,
      password,
      token,
      onToken: (t) => tokens.push(t),
    });
    return { s, remote, tokens };
  }

  const sessionPosts = () => proxy.requests.filter((r) => r.path === '/session.json');

  it('signs in on first use when it has no token, and keeps the token', async () => {
    proxy.setFault(() => pass);
    proxy.resetLog();
    const { s, remote, tokens } = session('first-use', null);
    const list = await s.call((t) => remote.listMeetings(t, {}));
    expect(list.value).toEqual([]);
    expect(tokens).toHaveLength(1);
    expect(s.token).toBe(tokens[0]);
    await s.call((t) => remote.listMeetings(t, {}));
    expect(sessionPosts()).toHaveLength(1);
  });

  it('two calls that meet an expired session share one renewal (the proxy expires it)', async () => {
    const { token: stale } = await signIn('pair');
    proxy.setFault((r) => (r.headers['cb-token'] === stale ? { kind: 'expire-session' } : pass));
    proxy.resetLog();
    const { s, remote, tokens } = session('pair', stale);
    const [a, b] = await Promise.all([
      s.call((t) => remote.createMeeting(t, meetingBody('A'))),
      s.call((t) => remote.createMeeting(t, meetingBody('B'))),
    ]);
    expect([a.value.name, b.value.name]).toEqual(['A', 'B']);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).not.toBe(stale);
    expect(sessionPosts()).toHaveLength(1);
    expect(proxy.requests.map((r) => [r.method, r.status])).toEqual([
      ['POST', 401],
      ['POST', 401],
      ['POST', 201],
      ['POST', 201],
      ['POST', 201],
    ]);
  });

  it('two calls that meet an expired session share one renewal (the server expires it)', async () => {
    proxy.setFault(() => pass);
    const { token: stale } = await signIn('sleeper');
    server.clock.advance(TWO_HOURS);
    proxy.resetLog();
    const { s, remote, tokens } = session('sleeper', stale);
    const lists = await Promise.all([
      s.call((t) => remote.listMeetings(t, {})),
      s.call((t) => remote.listMeetings(t, {})),
    ]);
    expect(lists.map((l) => l.value)).toEqual([[], []]);
    expect(tokens).toHaveLength(1);
    expect(sessionPosts()).toHaveLength(1);
    expect(proxy.requests.filter((r) => r.status === 401)).toHaveLength(2);
  });

  it('refused credentials: needsSignIn, and no more sign-in attempts', async () => {
    proxy.setFault(() => pass);
    await signIn('grace');
    proxy.resetLog();
    const { s, remote, tokens } = session('grace', 'stale-token', 'wrong-password');
    for (let i = 0; i < 2; i++) {
      const error = await remoteError(s.call((t) => remote.listMeetings(t, {})));
      expect(error).toMatchObject({ kind: 'http', status: 401, needsSignIn: true });
      expect(error.message).not.toContain('wrong-password');
      expect(error.message).not.toContain('stale-token');
    }
    expect(tokens).toEqual([]);
    expect(sessionPosts()).toHaveLength(1);
  });

  it('a 422 from the sign-in (the login itself is invalid) also needs a sign-in', async () => {
    proxy.setFault(() => pass);
    const { s, remote } = session('', null);
    const error = await remoteError(s.call((t) => remote.listMeetings(t, {})));
    expect(error).toMatchObject({ kind: 'http', status: 401, needsSignIn: true });
    expect((error.cause as RemoteError).status).toBe(422);
  });

  it('renews only once: a 401 on the replay is thrown as it is', async () => {
    proxy.setFault((r) => (r.path.startsWith('/meetings') ? { kind: 'expire-session' } : pass));
    proxy.resetLog();
    const { s, remote, tokens } = session('hopeless', 'old');
    const error = await remoteError(s.call((t) => remote.listMeetings(t, {})));
    expect(error).toMatchObject({ kind: 'http', status: 401, needsSignIn: false });
    expect(tokens).toHaveLength(1);
    expect(proxy.requests.map((r) => r.path)).toEqual([
      '/meetings.json',
      '/session.json',
      '/meetings.json',
    ]);
  });

  it('does not renew on other errors, and a failed renewal is tried again next time', async () => {
    const { token } = await signIn('flaky');
    proxy.setFault((r) => (r.index === 0 ? { kind: 'status', status: 503 } : pass));
    proxy.resetLog();
    const { s, remote, tokens } = session('flaky', token);
    expect(await remoteError(s.call((t) => remote.listMeetings(t, {})))).toMatchObject({
      status: 503,
    });
    expect(sessionPosts()).toHaveLength(0);

    // Expired, and the network fails during the renewal: both callers see the network error.
    proxy.setFault((r) =>
      r.path === '/session.json' ? { kind: 'down' } : { kind: 'expire-session' },
    );
    const both = await Promise.allSettled([
      s.call((t) => remote.listMeetings(t, {})),
      s.call((t) => remote.listMeetings(t, {})),
    ]);
    expect(both.map((r) => r.status === 'rejected' && (r.reason as RemoteError).kind)).toEqual([
      'network',
      'network',
    ]);
    expect(sessionPosts()).toHaveLength(1);

    proxy.setFault((r) => (r.headers['cb-token'] === token ? { kind: 'expire-session' } : pass));
    expect((await s.call((t) => remote.listMeetings(t, {}))).value).toEqual([]);
    expect(tokens).toHaveLength(1);
  });
});
