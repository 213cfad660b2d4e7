import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/engine/engine';
import { FakeClock } from '../helpers/fake-clock';
import { TEST_APP } from '../helpers/test-engine';
import { makeTempDir } from '../helpers/temp-dir';
import { newSdk, signIn } from '../sdk/sdk-harness';
import {
  endedMeeting,
  filesIn,
  MB,
  randomFile,
  sha256,
  startRecordingsServer,
  upload,
  type RecordingsServer,
} from './recordings-harness';

const DAY = 24 * 60 * 60 * 1000;

let server: RecordingsServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** Through the official SDK, signed in afresh: a session made days ago (fake days) has expired. */
async function recordingsAs(s: RecordingsServer, login: string, meetingId: string) {
  const sdk = newSdk(s.url);
  await signIn(sdk, login);
  return sdk.meeting.getRecordings(meetingId);
}

const count = (s: RecordingsServer) =>
  s.engine.db.get<{ n: number }>({ text: 'SELECT count(*) AS n FROM recordings', values: [] })?.n;

describe('recording retention', () => {
  it('deletes recordings and their files after --recording-retention-days, not before', async () => {
    server = await startRecordingsServer({ retentionDays: 30 });
    const meeting = await endedMeeting(server);
    const early = randomFile(MB);
    const late = randomFile(MB);
    expect((await upload(server.url, meeting._id, early)).status).toBe(201);
    server.clock.advance(10 * DAY);
    expect((await upload(server.url, meeting._id, late)).status).toBe(201);
    expect(await recordingsAs(server, 'alice', meeting._id)).toHaveLength(2);

    // A minute short of 30 days after the first: both still there.
    server.clock.advance(20 * DAY - 60_000);
    await server.engine.recordings.waitForIdle();
    expect(count(server)).toBe(2);

    server.clock.advance(2 * 60_000);
    await server.engine.recordings.waitForIdle();
    const left = await recordingsAs(server, 'alice', meeting._id);
    expect(left.map((r: any) => r.file_uid)).toEqual([`${sha256(late)}.mp4`]);
    expect(filesIn(server.dir)).toEqual([`${sha256(late)}.mp4`]);

    server.clock.advance(10 * DAY);
    await server.engine.recordings.waitForIdle();
    expect(count(server)).toBe(0);
    expect(filesIn(server.dir)).toEqual([]);
  });

  it('keeps the host access after the meeting is deleted, until retention ends', async () => {
    server = await startRecordingsServer({ retentionDays: 7 });
    const sdk = newSdk(server.url);
    const bobId = await signIn(sdk, 'bob');
    const meeting = await endedMeeting(server, 'alice', { attendees: [{ id: bobId }] });
    const file = randomFile(MB);
    expect((await upload(server.url, meeting._id, file)).status).toBe(201);
    expect((await server.api.call('DELETE', `/meetings/${meeting._id}.json`)).status).toBe(200);

    const [kept] = await recordingsAs(server, 'alice', meeting._id);
    const r = await fetch(kept!.download_url);
    expect(sha256(Buffer.from(await r.arrayBuffer()))).toBe(sha256(file));
    // The attendee's access went with the meeting.
    await expect(sdk.meeting.getRecordings(meeting._id)).rejects.toMatchObject({ code: 404 });

    server.clock.advance(7 * DAY + 60_000);
    await server.engine.recordings.waitForIdle();
    await expect(recordingsAs(server, 'alice', meeting._id)).rejects.toMatchObject({ code: 404 });
    // The link has expired by now anyway, but what it names is gone first: 404.
    expect((await fetch(kept!.download_url)).status).toBe(404);
    expect(filesIn(server.dir)).toEqual([]);
  });

  it('keeps a file shared by identical uploads until the last recording that names it expires', async () => {
    server = await startRecordingsServer({ retentionDays: 2 });
    const meeting = await endedMeeting(server);
    const file = randomFile(MB);
    await upload(server.url, meeting._id, file);
    server.clock.advance(DAY);
    await upload(server.url, meeting._id, file);
    server.clock.advance(DAY + 60_000);
    await server.engine.recordings.waitForIdle();
    expect(count(server)).toBe(1);
    expect(filesIn(server.dir)).toEqual([`${sha256(file)}.mp4`]);
    server.clock.advance(DAY);
    await server.engine.recordings.waitForIdle();
    expect(filesIn(server.dir)).toEqual([]);
  });

  it('sweeps at start, removes day-old leftovers of crashed uploads, and close() stops the sweeper', async () => {
    const temp = makeTempDir();
    const databasePath = join(temp.dir, 'server.db');
    const clock = new FakeClock(Date.now());
    const open = () =>
      createEngine({
        databasePath,
        application: TEST_APP,
        clock,
        recordings: { timers: clock, retentionDays: 1 },
      });
    let engine = open();
    const alice = await engine.users.signUp({ login: 'alice', password: 'secret123' });
    const end = Math.floor(clock.now() / 1000) - 60;
    const meeting = engine.meetings.create(alice, {
      name: 'Standup',
      start_date: end - 900,
      end_date: end,
      attendees: [],
    });
    const { Readable } = await import('node:stream');
    await engine.recordings.ingest({
      meetingId: meeting._id,
      source: Readable.from([randomFile(MB)]),
    });
    const dir = engine.recordings.dir!;
    expect(filesIn(dir)).toHaveLength(1);
    await engine.close();
    expect(clock.pendingTimers()).toBe(0);

    // Two days later: a leftover temp file of an upload that crashed, and a fresh one.
    clock.advance(2 * DAY);
    writeFileSync(join(dir, '.crashed.part'), 'half a file');
    const old = (clock.now() - 2 * DAY) / 1000;
    utimesSync(join(dir, '.crashed.part'), old, old);
    writeFileSync(join(dir, '.fresh.part'), 'an upload in another process');
    const fresh = (clock.now() - 60_000) / 1000;
    utimesSync(join(dir, '.fresh.part'), fresh, fresh);

    engine = open();
    await engine.recordings.waitForIdle();
    expect(engine.recordings.ofMeeting(meeting._id)).toEqual([]);
    expect(filesIn(dir)).toEqual(['.fresh.part']);
    expect(clock.pendingTimers()).toBeGreaterThan(0);
    await engine.close();
    expect(clock.pendingTimers()).toBe(0);
    temp.cleanup();
  });
});
