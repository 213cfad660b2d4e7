import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLER_NAMES } from '../../src-main/shared/contract';
import {
  contractClient,
  openEventStream,
  raw,
  startTestShell,
  type TestShell,
} from './web-test-shell';

const start = Date.UTC(2027, 2, 26, 9) / 1000;
const draft = {
  name: 'Design review',
  start,
  end: start + 3600,
  attendees: [{ email: 'pat@example.com' }],
  timeZone: 'Europe/Paris',
};

let shell: TestShell;
let call: ReturnType<typeof contractClient>;
beforeAll(async () => {
  shell = await startTestShell();
  call = contractClient(shell);
});
afterAll(() => shell.stop());

describe('the contract over HTTP', () => {
  it('answers profile:get with the local profile', async () => {
    const r = await call('profile:get', {});
    expect(r).toMatchObject({ status: 200, ok: true, value: { displayName: 'Sam' } });
    expect(typeof r.value.userId).toBe('number');
  });

  it('creates, gets, lists, updates, deletes and restores a meeting', async () => {
    const created = await call('meetings:create', { draft });
    expect(created).toMatchObject({ status: 200, ok: true, value: { name: 'Design review' } });
    const { id } = created.value;

    expect((await call('meetings:get', { id })).value).toMatchObject({
      id,
      timeZone: { name: 'Europe/Paris', offset: 60 },
    });
    const week = await call('meetings:list', { from: start, to: start + 7 * 86400 });
    expect(week.value.map((m: { id: number }) => m.id)).toEqual([id]);

    const updated = await call('meetings:update', { id, changes: { name: 'Design review II' } });
    expect(updated).toMatchObject({ ok: true, value: { id, name: 'Design review II' } });

    expect(await call('meetings:delete', { id })).toMatchObject({ ok: true, value: { id } });
    expect(await call('meetings:get', { id })).toMatchObject({
      status: 200,
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await call('meetings:restore', { id })).toMatchObject({
      ok: true,
      value: { id, name: 'Design review II' },
    });
    expect((await call('meetings:get', { id })).ok).toBe(true);
  });

  it('serves every channel the contract names', async () => {
    for (const name of HANDLER_NAMES) {
      const r = await call(name, { surely: 'not an argument' });
      // Reaching the handler means its own validation answered, as a value with status 200.
      expect(r, name).toMatchObject({ status: 200, ok: false, error: { code: 'bad_request' } });
    }
  });

  it('answers engine refusals as values with field errors', async () => {
    const r = await call('meetings:create', { draft: { ...draft, name: '', end: start - 1 } });
    expect(r).toMatchObject({ status: 200, ok: false, error: { code: 'validation' } });
    expect(Object.keys(r.error.fields).sort()).toEqual(['end', 'name']);
  });

  it('answers an unknown channel with 404 and malformed JSON with 400, both as JSON', async () => {
    const headers = { 'content-type': 'application/json', 'x-convene-token': shell.token };
    const unknown = await raw(shell.port, '/api/meetings:explode', {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Inherited object keys are not channels.
    const proto = await raw(shell.port, '/api/constructor', {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(proto.status).toBe(404);

    const malformed = await raw(shell.port, '/api/profile:get', {
      method: 'POST',
      headers,
      body: '{"oops',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'Malformed JSON body' },
    });
  });

  it('takes an empty body as the empty argument and refuses non-JSON bodies', async () => {
    const headers = { 'x-convene-token': shell.token };
    const empty = await raw(shell.port, '/api/profile:get', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
    });
    expect(empty.json).toMatchObject({ ok: true });
    // text/plain is what a cross-site form could send without a preflight.
    const text = await raw(shell.port, '/api/profile:get', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);
    expect(text.json).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});

describe('events over Server-Sent Events', () => {
  it('pushes a change made by a second client to an open stream', async () => {
    const stream = await openEventStream(shell);
    try {
      expect(stream.status).toBe(200);
      const created = await call('meetings:create', { draft: { ...draft, name: 'Pushed' } });
      const frame = await stream.next();
      expect(frame).toEqual({
        event: 'meetings:changed',
        data: { kind: 'created', meeting: created.value },
      });
      await call('meetings:delete', { id: created.value.id });
      expect(await stream.next()).toEqual({
        event: 'meetings:changed',
        data: { kind: 'deleted', id: created.value.id },
      });
    } finally {
      stream.close();
    }
  });

  it('sends the stream with the security headers and no caching', async () => {
    const stream = await openEventStream(shell);
    stream.close();
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-store');
    expect(stream.headers['x-content-type-options']).toBe('nosniff');
    expect(stream.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('ends open streams when the shell closes, so close() does not hang', async () => {
    const other = await startTestShell();
    const stream = await openEventStream(other);
    await other.stop();
    await stream.ended;
  });
});
