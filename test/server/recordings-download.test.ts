import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSdk, signIn } from '../sdk/sdk-harness';
import {
  download,
  endedMeeting,
  MB,
  randomFile,
  sha256,
  startRecordingsServer,
  upload,
  type RecordingsServer,
} from './recordings-harness';

let server: RecordingsServer;
const file = randomFile(4 * MB + 777);
const etag = `"${sha256(file)}"`;
let downloadUrl: string;
let meetingId: string;

beforeAll(async () => {
  server = await startRecordingsServer();
  const meeting = await endedMeeting(server);
  meetingId = meeting._id;
  const r = await upload(server.url, meeting._id, file, {
    query: { file_name: 'Réunion d’équipe "final".mp4' },
  });
  expect(r.status).toBe(201);
  // The link as a user gets it: through the official SDK.
  const sdk = newSdk(server.url);
  await signIn(sdk, 'alice');
  const [recording] = await sdk.meeting.getRecordings(meeting._id);
  downloadUrl = recording!.download_url;
});
afterAll(async () => {
  await server.stop();
});

describe('download_url', () => {
  it('serves the whole file byte-identical, with a strong ETag, type and attachment name', async () => {
    expect(downloadUrl.startsWith(`${server.url}/recordings/files/${sha256(file)}.mp4?`)).toBe(
      true,
    );
    const r = await download(downloadUrl);
    expect(r.status).toBe(200);
    expect(sha256(r.bytes)).toBe(sha256(file));
    expect(r.headers.get('content-length')).toBe(String(file.length));
    expect(r.headers.get('content-type')).toBe('video/mp4');
    expect(r.headers.get('etag')).toBe(etag);
    expect(r.headers.get('accept-ranges')).toBe('bytes');
    expect(r.headers.get('content-disposition')).toBe(
      // Quotes were made safe at ingest; the ASCII form also loses the accents, filename* keeps them.
      `attachment; filename="R_union d__quipe _final_.mp4"; filename*=UTF-8''R%C3%A9union%20d%E2%80%99%C3%A9quipe%20_final_.mp4`,
    );
  });

  it('serves ranges: first bytes, the middle, a suffix and an open end', async () => {
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000000-2999999', 1000000, 2999999],
      ['bytes=-5000', file.length - 5000, file.length - 1],
      ['bytes=3000000-', 3000000, file.length - 1],
      ['bytes=4194000-99999999', 4194000, file.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const r = await download(downloadUrl, { Range: range });
      expect(r.status, range).toBe(206);
      expect(r.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${file.length}`);
      expect(r.headers.get('content-length'), range).toBe(String(end - start + 1));
      expect(sha256(r.bytes), range).toBe(sha256(file.subarray(start, end + 1)));
    }
    // A resumed download put together from parts is the file.
    const head = await download(downloadUrl, { Range: 'bytes=0-2097151' });
    const tail = await download(downloadUrl, { Range: 'bytes=2097152-', 'If-Range': etag });
    expect(sha256(Buffer.concat([head.bytes, tail.bytes]))).toBe(sha256(file));
  });

  it('answers HEAD with the headers alone', async () => {
    const r = await download(downloadUrl, {}, 'HEAD');
    expect(r.status).toBe(200);
    expect(r.bytes.length).toBe(0);
    expect(r.headers.get('content-length')).toBe(String(file.length));
    expect(r.headers.get('etag')).toBe(etag);
    const part = await download(downloadUrl, { Range: 'bytes=-10' }, 'HEAD');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-length')).toBe('10');
  });

  it('honours If-Range (a different or weak tag or a date gets the whole file) and If-None-Match', async () => {
    const same = await download(downloadUrl, { Range: 'bytes=10-19', 'If-Range': etag });
    expect(same.status).toBe(206);
    for (const ifRange of ['"0000"', `W/${etag}`, 'Wed, 21 Oct 2015 07:28:00 GMT']) {
      const whole = await download(downloadUrl, { Range: 'bytes=10-19', 'If-Range': ifRange });
      expect(whole.status, ifRange).toBe(200);
      expect(sha256(whole.bytes)).toBe(sha256(file));
    }
    const current = await download(downloadUrl, { 'If-None-Match': `"x", ${etag}` });
    expect(current.status).toBe(304);
    expect(current.bytes.length).toBe(0);
    expect(current.headers.get('etag')).toBe(etag);
    expect((await download(downloadUrl, { 'If-None-Match': '"stale"' })).status).toBe(200);
  });

  it('answers 416 with Content-Range bytes */size for a range past the end', async () => {
    for (const range of [`bytes=${file.length}-`, 'bytes=-0']) {
      const r = await download(downloadUrl, { Range: range });
      expect(r.status, range).toBe(416);
      expect(r.headers.get('content-range')).toBe(`bytes */${file.length}`);
      expect(JSON.parse(r.bytes.toString())).toEqual({
        errors: { base: [`Range not satisfiable: the file has ${file.length} bytes`] },
      });
    }
    // Syntax it does not understand, or several ranges, is ignored: the whole file.
    for (const range of ['bytes=5-1', 'items=0-1', 'bytes=0-1,5-9']) {
      expect((await download(downloadUrl, { Range: range })).status, range).toBe(200);
    }
  });

  it('refuses a tampered link with 403 JSON, and a wrong id with 404', async () => {
    const url = new URL(downloadUrl);
    const signature = url.searchParams.get('signature')!;
    const tampered = new URL(url);
    tampered.searchParams.set(
      'signature',
      `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
    );
    const moved = new URL(url);
    moved.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    const unsigned = new URL(url);
    unsigned.searchParams.delete('signature');
    for (const bad of [tampered, moved, unsigned]) {
      const r = await download(bad.toString());
      expect(r.status).toBe(403);
      expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(JSON.parse(r.bytes.toString())).toEqual({
        errors: { base: ['This download link is not valid (bad signature)'] },
      });
    }
    const wrongId = new URL(url);
    wrongId.pathname = `/recordings/files/${'0'.repeat(64)}.mp4`;
    const r = await download(wrongId.toString());
    expect(r.status).toBe(404);
    expect(JSON.parse(r.bytes.toString())).toEqual({ errors: { base: ['Recording not found'] } });
  });

  it('refuses an expired link with 403 JSON once its hour is over, and a fresh listing works again', async () => {
    server.clock.advance(60 * 60 * 1000 + 1000);
    const r = await download(downloadUrl);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.bytes.toString())).toEqual({
      errors: { base: ['This download link has expired: list the recordings for a fresh one'] },
    });
    await server.api.signIn('alice');
    const [fresh] = (await server.api.call('GET', `/meetings/recordings/${meetingId}.json`)).body;
    expect((await download(fresh.download_url, { Range: 'bytes=0-0' })).status).toBe(206);
  });
});
