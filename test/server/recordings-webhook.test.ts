import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/engine/engine';
import type { WebhookConfig } from '../../src-main/engine/recordings/webhook/webhook-config';
import { FakeClock } from '../helpers/fake-clock';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_APP } from '../helpers/test-engine';
import {
  download,
  endedMeeting,
  MB,
  newWebhookSecret,
  randomFile,
  sha256,
  startReceiver,
  startRecordingsServer,
  upload,
  type RecordingsServer,
} from './recordings-harness';

const SECOND = 1000;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const events = (s: { engine: RecordingsServer['engine'] }) =>
  s.engine.db.all<Record<string, any>>({
    text: 'SELECT * FROM recording_webhooks ORDER BY id',
    values: [],
  });

/** A server whose webhook posts to `url`; retries wait 2 s, 4 s, 8 s... (jitter fixed at the middle). */
async function serverWithWebhook(webhook: Partial<WebhookConfig> & { url: string }) {
  const secret = webhook.secret ?? newWebhookSecret();
  const server = await startRecordingsServer({
    webhook: {
      secret,
      allowPrivate: true,
      quietMs: 30 * SECOND,
      retry: { baseMs: 2 * SECOND, capMs: 60 * SECOND, maxAttempts: 4 },
      random: () => 0.5,
      ...webhook,
    },
  });
  stops.push(server.stop);
  return { server, secret };
}

/** Moves the fake clock, then waits for the attempt it started (real HTTP) to finish. */
async function advance(server: RecordingsServer, ms: number) {
  await server.clock.advanceAsync(ms);
  await server.engine.recordings.waitForIdle();
}

describe('the recording-done webhook', () => {
  it("sends one signed event per meeting after the quiet period: the seed's {meeting, hostUser, callRecords}", async () => {
    const receiver = await startReceiver();
    stops.push(receiver.stop);
    const { server, secret } = await serverWithWebhook({ url: receiver.url });
    const meeting = await endedMeeting(server);
    const files = [randomFile(MB), randomFile(2 * MB)];

    expect((await upload(server.url, meeting._id, files[0]!)).status).toBe(201);
    await advance(server, 20 * SECOND);
    expect((await upload(server.url, meeting._id, files[1]!)).status).toBe(201);
    // 29 s after the second file (49 s after the first): still quiet, nothing sent.
    await advance(server, 29 * SECOND);
    expect(receiver.received).toHaveLength(0);
    await advance(server, 2 * SECOND);
    expect(receiver.received).toHaveLength(1);

    const [hook] = receiver.received;
    const payload = new Webhook(secret).verify(hook!.body, hook!.headers as Record<string, string>);
    const host = (await server.api.call('GET', `/users/${meeting.host_id}.json`)).body.user;
    const listed = (await server.api.call('GET', `/meetings/recordings/${meeting._id}.json`)).body;
    const current = (await server.api.call('GET', `/meetings.json?_id=${meeting._id}`)).body;
    expect(Object.keys(payload as object)).toEqual(['meeting', 'hostUser', 'callRecords']);
    expect(payload).toEqual({
      meeting: current,
      hostUser: { ...host, last_request_at: expect.any(String) },
      callRecords: listed.map((r: any) => ({ ...r, download_url: expect.any(String) })),
    });
    const records = (payload as { callRecords: { file_uid: string; download_url: string }[] })
      .callRecords;
    expect(records.map((r) => r.file_uid)).toEqual(files.map((f) => `${sha256(f)}.mp4`));
    // The links in the event work.
    for (const [i, record] of records.entries()) {
      expect(sha256((await download(record.download_url)).bytes)).toBe(sha256(files[i]!));
    }
    expect(hook!.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(hook!.headers['content-type']).toBe('application/json');
    expect(events(server)).toMatchObject([{ status: 'delivered', attempts: 1, last_status: 200 }]);

    // A file that arrives later makes a new event.
    expect((await upload(server.url, meeting._id, randomFile(MB))).status).toBe(201);
    await advance(server, 31 * SECOND);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['webhook-id']).not.toBe(hook!.headers['webhook-id']);
  });

  it('retries after two 500s with backoff, with the same webhook-id each time, then is delivered', async () => {
    const receiver = await startReceiver((i, res) => res.writeHead(i < 2 ? 500 : 204).end());
    stops.push(receiver.stop);
    const { server, secret } = await serverWithWebhook({ url: receiver.url });
    const meeting = await endedMeeting(server);
    await upload(server.url, meeting._id, randomFile(MB));

    await advance(server, 30 * SECOND);
    expect(receiver.received).toHaveLength(1);
    expect(events(server)).toMatchObject([
      { status: 'pending', attempts: 1, last_status: 500, last_error: 'answered 500' },
    ]);
    // First retry: 2 s step, half of it random (0.5 here) → 1.5 s.
    const firstRetryAt = events(server)[0]!.next_attempt_at_ms;
    expect(firstRetryAt - server.clock.now()).toBe(1500);
    await advance(server, 1499);
    expect(receiver.received).toHaveLength(1);
    await advance(server, 1);
    expect(receiver.received).toHaveLength(2);
    // Second retry: 4 s step → 3 s.
    await advance(server, 2999);
    expect(receiver.received).toHaveLength(2);
    await advance(server, 1);
    expect(receiver.received).toHaveLength(3);

    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    for (const hook of receiver.received) {
      new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>);
    }
    expect(events(server)).toMatchObject([{ status: 'delivered', attempts: 3, last_status: 204 }]);
  });

  it('gives up after the last attempt and marks the event failed', async () => {
    const receiver = await startReceiver((_i, res) => res.writeHead(503).end());
    stops.push(receiver.stop);
    const { server } = await serverWithWebhook({ url: receiver.url });
    const meeting = await endedMeeting(server);
    await upload(server.url, meeting._id, randomFile(MB));
    await advance(server, 30 * SECOND);
    for (let i = 0; i < 3; i++) await advance(server, 60 * SECOND);
    expect(receiver.received).toHaveLength(4);
    expect(events(server)).toMatchObject([
      { status: 'failed', attempts: 4, last_status: 503, last_error: 'answered 503' },
    ]);
  });

  it('gives up on a receiver that does not answer within the timeout, and retries later', async () => {
    const receiver = await startReceiver(() => {
      // Never answers.
    });
    stops.push(receiver.stop);
    const { server } = await serverWithWebhook({ url: receiver.url, timeoutMs: 300 });
    const meeting = await endedMeeting(server);
    await upload(server.url, meeting._id, randomFile(MB));
    await advance(server, 30 * SECOND);
    expect(receiver.received).toHaveLength(1);
    expect(events(server)).toMatchObject([
      { status: 'pending', attempts: 1, last_status: null, last_error: 'no answer within 300 ms' },
    ]);
  });

  it('does not follow a redirect', async () => {
    const elsewhere = await startReceiver();
    stops.push(elsewhere.stop);
    const receiver = await startReceiver((_i, res) =>
      res.writeHead(307, { location: elsewhere.url }).end(),
    );
    stops.push(receiver.stop);
    const { server } = await serverWithWebhook({ url: receiver.url });
    const meeting = await endedMeeting(server);
    await upload(server.url, meeting._id, randomFile(MB));
    await advance(server, 30 * SECOND);
    expect(receiver.received).toHaveLength(1);
    expect(elsewhere.received).toHaveLength(0);
    expect(events(server)).toMatchObject([
      {
        status: 'pending',
        last_status: 307,
        last_error: 'answered 307 (redirects are not followed)',
      },
    ]);
  });

  it('refuses a private address without allowPrivate: a name resolving to loopback, and a literal', async () => {
    const receiver = await startReceiver();
    stops.push(receiver.stop);
    for (const url of [
      `http://localhost:${receiver.port}/hooks`,
      `http://127.0.0.1:${receiver.port}/hooks`,
      `http://[::ffff:127.0.0.1]:${receiver.port}/hooks`,
    ]) {
      const { server } = await serverWithWebhook({ url, allowPrivate: false });
      const meeting = await endedMeeting(server);
      await upload(server.url, meeting._id, randomFile(MB));
      await advance(server, 30 * SECOND);
      const [event] = events(server);
      expect(event, url).toMatchObject({ status: 'failed', attempts: 1 });
      expect(event!.last_error, url).toMatch(/^refused: .*loopback address/);
    }
    expect(receiver.received).toHaveLength(0);
  });

  it('keeps a queued event across a restart and sends it with the id it was queued with', async () => {
    const receiver = await startReceiver();
    stops.push(receiver.stop);
    const temp = makeTempDir();
    stops.push(() => {
      temp.cleanup();
      return Promise.resolve();
    });
    const clock = new FakeClock(Date.now());
    const webhook = { url: receiver.url, secret: newWebhookSecret(), allowPrivate: true };
    const open = () =>
      createEngine({
        databasePath: join(temp.dir, 'server.db'),
        application: TEST_APP,
        clock,
        recordings: { timers: clock, webhook },
      });
    const first = open();
    const alice = await first.users.signUp({ login: 'alice', password: 'secret123' });
    const end = Math.floor(clock.now() / 1000) - 60;
    const meeting = first.meetings.create(alice, {
      name: 'Standup',
      start_date: end - 900,
      end_date: end,
      attendees: [],
    });
    await first.recordings.ingest({
      meetingId: meeting._id,
      source: Readable.from([randomFile(MB)]),
    });
    const [queued] = events({ engine: first });
    await first.close();

    clock.advance(10 * 60 * SECOND);
    const second = open();
    stops.push(() => second.close());
    await second.recordings.waitForIdle();
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([queued!.event_id]);
  });

  it('marks events skipped when no webhook URL is configured', async () => {
    const server = await startRecordingsServer();
    stops.push(server.stop);
    const meeting = await endedMeeting(server);
    await upload(server.url, meeting._id, randomFile(MB));
    await advance(server, 30 * SECOND);
    expect(events(server)).toMatchObject([
      { status: 'skipped', last_error: 'no recording webhook URL is configured' },
    ]);
  });
});
