import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_TTL_MS } from '../../src-main/engine/sessions/sessions-service';
import { apiClient, startTestServer, type TestServer } from '../helpers/test-server';
import { TEST_APP } from '../helpers/test-engine';

let s: TestServer;
const start = Date.UTC(2027, 4, 3, 10) / 1000;
const meetingBody = { name: 'Standup', start_date: start, end_date: start + 900, attendees: [] };

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

describe('wire format', () => {
  it('answers every path bare and with .json', async () => {
    const c = apiClient(s.url);
    await c.signIn('alice');
    const created = await c.call('POST', '/meetings', meetingBody);
    expect(created.status).toBe(201);
    const id = created.body._id as string;
    expect((await c.call('GET', `/meetings.json?_id=${id}`)).body._id).toBe(id);
    expect((await c.call('GET', `/meetings?_id=${id}`)).body._id).toBe(id);
    expect((await c.call('PUT', `/meetings/${id}.json`, { name: 'Renamed' })).body.name).toBe(
      'Renamed',
    );
    expect((await c.call('GET', `/meetings/recordings/${id}.json`)).body).toEqual([]);
    expect((await c.call('GET', `/meetings/recordings/${id}`)).body).toEqual([]);
    expect((await c.call('GET', '/session.json')).body.session.user.login).toBe('alice');
    expect((await c.call('GET', '/chat/Dialog.json')).body).toEqual({
      total_entries: 0,
      skip: 0,
      limit: 100,
      items: [],
    });
    const deleted = await c.call('DELETE', `/meetings/${id}.json`, undefined, {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(deleted).toMatchObject({ status: 200, body: {} });
  });

  it('parses filters the way the SDK sends them: raw brackets, encoded values, a trailing ?', async () => {
    const c = apiClient(s.url);
    await c.signIn('filters');
    const m = (await c.call('POST', '/meetings.json', meetingBody)).body;
    const encodedIso = encodeURIComponent('2000-01-01T00:00:00.000Z');
    const list = await c.call(
      'GET',
      `/meetings.json?created_at[gt]=${encodedIso}&start_date[gte]=${start}`,
      undefined,
      {
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    );
    expect(list.body.map((x: { _id: string }) => x._id)).toEqual([m._id]);
    expect((await c.call('GET', '/meetings.json?')).body).toHaveLength(1);
    expect((await c.call('GET', `/meetings.json?start_date%5Bgt%5D=${start}`)).body).toEqual([]);
  });

  it('responds with the paged form for CB-Api-Version: 2', async () => {
    const c = apiClient(s.url);
    await c.signIn('pager');
    for (let i = 0; i < 3; i++)
      await c.call('POST', '/meetings.json', {
        ...meetingBody,
        start_date: start + i,
        end_date: start + 100,
      });
    const r = await c.call('GET', '/meetings.json?limit=2&offset=1', undefined, {
      'CB-Api-Version': '2',
    });
    expect(r.body).toMatchObject({ total_entries: 3, limit: 2, skip: 1 });
    expect(r.body.items).toHaveLength(2);
  });

  it('accepts a POST with a JSON content type and no body', async () => {
    const alice = apiClient(s.url);
    const bob = apiClient(s.url);
    await alice.signIn('chat-host');
    const bobSession = await bob.signIn('chat-guest');
    const m = (
      await alice.call('POST', '/meetings.json', { ...meetingBody, chat: true, public: true })
    ).body;
    const r = await bob.call('POST', `/chat/Dialog/${m.chat_dialog_id}/subscribe.json`, undefined, {
      'Content-Type': 'application/json',
    });
    expect(r.status).toBe(200);
    expect(r.body.occupants_ids).toContain(bobSession.user_id);
  });

  it('answers CORS preflights with the headers the SDK sends', async () => {
    const r = await fetch(`${s.url}/meetings.json`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'cb-token,content-type',
      },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(r.headers.get('access-control-allow-headers')).toBe(
      'CB-Token, CB-SDK, CB-AuthKey, CB-Api-Version, Content-Type',
    );
    expect(r.headers.get('access-control-allow-methods')).toContain('PUT');
  });
});

describe('errors', () => {
  it('gives the exact 401 the SDK renews sessions on: missing, unknown and expired tokens', async () => {
    const expected = {
      status: 401,
      body: { errors: { base: ['Required session does not exist'] } },
    };
    const c = apiClient(s.url);
    expect(await c.call('GET', '/meetings.json')).toMatchObject(expected);
    c.setToken('0'.repeat(48));
    const unknown = await c.call('GET', '/meetings.json');
    expect(unknown).toMatchObject(expected);
    expect(unknown.headers.get('content-type')).toBe('application/json; charset=utf-8');
    await c.signIn('expiring');
    s.clock.advance(SESSION_TTL_MS + 1);
    expect(await c.call('GET', '/meetings.json')).toMatchObject(expected);
  });

  it('refuses meetings to app-only sessions with 403 Need user', async () => {
    const c = apiClient(s.url);
    const r = await c.call('POST', '/session.json', {
      application_id: TEST_APP.id,
      auth_key: TEST_APP.authKey,
    });
    expect(r.status).toBe(201);
    expect(r.body.session.user_id).toBeNull();
    c.setToken(r.body.session.token);
    expect(await c.call('GET', '/meetings.json')).toMatchObject({
      status: 403,
      body: { errors: { base: ['Forbidden. Need user.'] } },
    });
  });

  it('answers 422 naming every field, 400 for malformed JSON, 404 as JSON', async () => {
    const c = apiClient(s.url);
    await c.signIn('errors');
    const r = await c.call('POST', '/meetings.json', {});
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.errors).sort()).toEqual([
      'attendees',
      'end_date',
      'name',
      'start_date',
    ]);
    expect(await c.call('POST', '/meetings.json', '{"name":')).toMatchObject({
      status: 400,
      body: { errors: { base: ['Malformed JSON body'] } },
    });
    expect(await c.call('GET', '/meetings.json?_id=aaaaaaaaaaaaaaaaaaaaaaaa')).toMatchObject({
      status: 404,
      body: { errors: { base: ['Meeting not found'] } },
    });
    expect(await c.call('PUT', '/meetings/not-an-id.json', { name: 'x' })).toMatchObject({
      status: 404,
    });
    expect(await c.call('GET', '/nothing-here.json')).toMatchObject({
      status: 404,
      body: { errors: { base: ['Not found'] } },
    });
  });
});

describe('sessions and users', () => {
  it('signs up with the auth key header, logs in and out, and updates the own profile', async () => {
    const c = apiClient(s.url);
    const created = await c.call(
      'POST',
      '/users.json',
      { user: { login: 'ivy', password: 'secret123', email: 'ivy@example.com' } },
      { 'CB-AuthKey': TEST_APP.authKey },
    );
    expect(created).toMatchObject({
      status: 201,
      body: { user: { login: 'ivy', email: 'ivy@example.com' } },
    });
    expect(
      (await c.call('POST', '/users.json', { user: { login: 'x1x', password: 'secret123' } }))
        .status,
    ).toBe(401);

    const app = await c.call('POST', '/session.json', {
      application_id: '1',
      auth_key: TEST_APP.authKey,
    });
    c.setToken(app.body.session.token);
    const login = await c.call('POST', '/login.json', { login: 'ivy', password: 'secret123' });
    expect(login).toMatchObject({ status: 200, body: { user: { id: created.body.user.id } } });
    const put = await c.call('PUT', `/users/${created.body.user.id}.json`, {
      user: { full_name: 'Ivy' },
    });
    expect(put.body.user.full_name).toBe('Ivy');
    expect((await c.call('DELETE', '/login.json')).status).toBe(200);
    expect((await c.call('GET', '/session.json')).body.session.user_id).toBeNull();
    expect((await c.call('DELETE', '/session.json')).status).toBe(200);
    expect((await c.call('GET', '/session.json')).status).toBe(401);
  });
});
