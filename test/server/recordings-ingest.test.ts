import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newSdk, signIn } from '../sdk/sdk-harness';
import { TEST_APP } from '../helpers/test-engine';
import { makeTempDir } from '../helpers/temp-dir';
import {
  endedMeeting,
  eventually,
  filesIn,
  MB,
  randomFile,
  sha256,
  startRecordingsServer,
  upload,
  type RecordingsServer,
} from './recordings-harness';

let server: RecordingsServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const rows = (s: RecordingsServer) =>
  s.engine.db.all<Record<string, unknown>>({ text: 'SELECT * FROM recordings', values: [] });

describe('POST /meetings/recordings/{meeting_id}', () => {
  it('streams the file to <sha256>.<ext>, creates the row, and the SDK lists it for host and attendee', async () => {
    server = await startRecordingsServer();
    const sdk = newSdk(server.url);
    const bobId = await signIn(sdk, 'bob');
    const meeting = await endedMeeting(server, 'alice', { attendees: [{ id: bobId }] });
    const file = randomFile(3 * MB + 12345);

    const r = await upload(server.url, meeting._id, file, {
      query: { participants_ids: `${meeting.host_id},${bobId}`, duration: '1834.5' },
      stream: true, // chunked: no Content-Length, the server learns the size as it writes
    });
    expect(r.status).toBe(201);
    const fileUid = `${sha256(file)}.mp4`;
    expect(r.body).toMatchObject({
      room_id: meeting._id,
      participants_ids: [meeting.host_id, bobId],
      participants_count: 2,
      duration: 1834.5,
      size: file.length / MB,
      file_uid: fileUid,
    });
    expect(filesIn(server.dir)).toEqual([fileUid]);
    expect(sha256(readFileSync(join(server.dir, fileUid)))).toBe(sha256(file));
    expect(rows(server)[0]).toMatchObject({
      size_bytes: file.length,
      sha256: sha256(file),
      content_type: 'video/mp4',
      file_name: `Weekly sync ${new Date(meeting.start_date * 1000).toISOString().slice(0, 10)}.mp4`,
    });

    // Listed through the official SDK, by the attendee (bob) and the host (alice).
    const listed = await sdk.meeting.getRecordings(meeting._id);
    expect(listed).toEqual([r.body].map((x) => ({ ...x, download_url: expect.any(String) })));
    const alice = newSdk(server.url);
    await signIn(alice, 'alice');
    expect(await alice.meeting.getRecordings(meeting._id)).toHaveLength(1);
    const carol = newSdk(server.url);
    await signIn(carol, 'carol');
    await expect(carol.meeting.getRecordings(meeting._id)).rejects.toMatchObject({ code: 404 });
  });

  it('takes the body with a Content-Length too, and shares one file between identical uploads', async () => {
    server = await startRecordingsServer();
    const meeting = await endedMeeting(server);
    const file = randomFile(2 * MB);
    const first = await upload(server.url, meeting._id, file, { contentType: 'audio/webm' });
    const second = await upload(server.url, meeting._id, file, { contentType: 'audio/webm' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body._id).not.toBe(second.body._id);
    expect(filesIn(server.dir)).toEqual([`${sha256(file)}.webm`]);
    expect(rows(server).map((row) => row.content_type)).toEqual(['audio/webm', 'audio/webm']);
  });

  it('refuses without the auth key, with a user token alone, or with a wrong key', async () => {
    server = await startRecordingsServer();
    const meeting = await endedMeeting(server);
    const file = randomFile(MB);
    const token = server.api.token!;

    const none = await upload(server.url, meeting._id, file, { authKey: null });
    expect(none.status).toBe(401);
    expect(none.body).toEqual({
      errors: { base: ['The application auth key (CB-AuthKey header) is required'] },
    });
    expect(none.headers.get('content-type')).toBe('application/json; charset=utf-8');

    const tokenOnly = await upload(server.url, meeting._id, file, { authKey: null, token });
    expect(tokenOnly.status).toBe(403);
    expect(tokenOnly.body.errors.base[0]).toMatch(/auth key \(CB-AuthKey\), not a user token/);

    const wrong = await upload(server.url, meeting._id, file, { authKey: `${TEST_APP.authKey}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ errors: { base: ['Wrong application auth key'] } });

    expect(rows(server)).toEqual([]);
    expect(filesIn(server.dir)).toEqual([]);
  });

  it('refuses an unknown meeting (404), one not yet ended (422), an empty body and bad parameters (422)', async () => {
    server = await startRecordingsServer();
    const ended = await endedMeeting(server);
    const now = Math.floor(server.clock.now() / 1000);
    const running = await server.api.call('POST', '/meetings.json', {
      name: 'Still on',
      start_date: now - 600,
      end_date: now + 600,
      attendees: [],
    });
    const file = randomFile(MB);

    const unknown = await upload(server.url, 'f'.repeat(24), file);
    expect(unknown).toMatchObject({
      status: 404,
      body: { errors: { base: ['Meeting not found'] } },
    });
    expect((await upload(server.url, 'not-an-id', file)).status).toBe(404);

    const notEnded = await upload(server.url, running.body._id, file);
    expect(notEnded.status).toBe(422);
    expect(Object.keys(notEnded.body.errors)).toEqual(['end_date']);
    expect(notEnded.body.errors.end_date[0]).toMatch(/once the meeting has ended/);

    const empty = await upload(server.url, ended._id, Buffer.alloc(0));
    expect(empty.status).toBe(422);
    expect(empty.body).toEqual({
      errors: { body: ['is empty: send the recording file as the request body'] },
    });
    const emptyStream = await upload(server.url, ended._id, Buffer.alloc(0), { stream: true });
    expect(emptyStream.status).toBe(422);

    const bad = await upload(server.url, ended._id, file, {
      query: { participants_ids: '1,bob', duration: '-3' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual({
      errors: {
        participants_ids: ['must be user ids (positive integers) separated by commas'],
        duration: ['must be a number of seconds from 0 to 604800'],
      },
    });
    // A Content-Type that is not a media type at all is Fastify's 415, in the API's shape.
    const badType = await upload(server.url, ended._id, file, { contentType: 'not a type' });
    expect(badType.status).toBe(415);
    expect(badType.body.errors.base).toHaveLength(1);

    expect(rows(server)).toEqual([]);
    expect(filesIn(server.dir)).toEqual([]);
  });

  it('refuses a file over --max-recording-mb with 413, announced or discovered while streaming', async () => {
    server = await startRecordingsServer({ maxBytes: 2 * MB });
    const meeting = await endedMeeting(server);
    const file = randomFile(3 * MB);
    const message = { errors: { base: ['The recording is larger than the 2 MB limit'] } };

    const announced = await upload(server.url, meeting._id, file);
    expect(announced).toMatchObject({ status: 413, body: message });
    const streamed = await upload(server.url, meeting._id, file, { stream: true });
    expect(streamed).toMatchObject({ status: 413, body: message });

    expect(rows(server)).toEqual([]);
    expect(filesIn(server.dir)).toEqual([]);
    // Exactly the limit is fine.
    expect((await upload(server.url, meeting._id, file.subarray(0, 2 * MB))).status).toBe(201);
  });

  it('leaves nothing behind when the upload breaks off half-way', async () => {
    server = await startRecordingsServer();
    const meeting = await endedMeeting(server);
    const { port } = new URL(server.url);
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/meetings/recordings/${meeting._id}`,
      headers: {
        'CB-AuthKey': TEST_APP.authKey,
        'Content-Type': 'video/mp4',
        'Content-Length': 4 * MB,
      },
    });
    req.on('error', () => {});
    req.write(randomFile(MB));
    await eventually(() =>
      expect(filesIn(server!.dir).some((f) => f.endsWith('.part'))).toBe(true),
    );
    req.destroy();
    await eventually(() => expect(filesIn(server!.dir)).toEqual([]));
    expect(rows(server)).toEqual([]);
  });
});

describe('a disk that fails while writing', () => {
  it('answers 507 or 500 in the API shape and removes the half-written temp file', async () => {
    const { openTempFile } = await import('../../src-main/engine/recordings/recording-files');
    const { Writable } = await import('node:stream');
    let failWith = 'ENOSPC';
    const partials: string[] = [];
    // The real temp file, which fails once a megabyte has gone into it.
    const failing = async (path: string) => {
      const real = await openTempFile(path);
      partials.push(path);
      let written = 0;
      return new Writable({
        write(chunk: Buffer, _encoding, done) {
          written += chunk.length;
          if (written > MB) {
            done(Object.assign(new Error(`${failWith}: disk trouble`), { code: failWith }));
            return;
          }
          real.write(chunk, done);
        },
        destroy(error, done) {
          real.destroy();
          done(error);
        },
      });
    };
    server = await startRecordingsServer({ openTempFile: failing });
    const meeting = await endedMeeting(server);

    const full = await upload(server.url, meeting._id, randomFile(3 * MB));
    expect(full).toMatchObject({
      status: 507,
      body: { errors: { base: ['The recordings folder is out of space'] } },
    });
    failWith = 'EIO';
    const broken = await upload(server.url, meeting._id, randomFile(3 * MB), { stream: true });
    expect(broken).toMatchObject({
      status: 500,
      body: {
        errors: { base: ['The recording could not be stored; nothing was kept, try again'] },
      },
    });
    expect(partials).toHaveLength(2);
    expect(filesIn(server.dir)).toEqual([]);
    expect(rows(server)).toEqual([]);
  });

  it('answers 500 when the recordings folder cannot be created, and keeps no row', async () => {
    const temp = makeTempDir();
    const blocked = join(temp.dir, 'blocked');
    writeFileSync(blocked, 'a file where the folder should be');
    server = await startRecordingsServer({ dir: join(blocked, 'recordings') });
    const meeting = await endedMeeting(server);
    const r = await upload(server.url, meeting._id, randomFile(MB));
    expect(r.status).toBe(500);
    expect(r.body.errors.base).toEqual([
      'The recording could not be stored; nothing was kept, try again',
    ]);
    expect(rows(server)).toEqual([]);
    temp.cleanup();
  });
});
