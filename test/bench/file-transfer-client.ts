/**
 * The other end of the recordings bench, in its own process (as a media server or a downloader
 * would be): `upload URL FILE HEADERS_JSON` streams a file as a POST body, `download URL` reads a
 * response to its end. Prints `{"ms": N, "bytes": N, "status": N}` on stdout.
 */
import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';

const [mode, url, file, headersJson] = process.argv.slice(2);
if (!url || (mode !== 'upload' && mode !== 'download')) {
  throw new Error('usage: file-transfer-client.ts upload URL FILE HEADERS_JSON | download URL');
}
const started = performance.now();
const req = request(url, {
  method: mode === 'upload' ? 'POST' : 'GET',
  headers:
    mode === 'upload' && file
      ? {
          ...(JSON.parse(headersJson ?? '{}') as Record<string, string>),
          'content-length': String(statSync(file).size),
        }
      : {},
});
req.on('response', (res) => {
  let bytes = 0;
  res.on('data', (chunk: Buffer) => (bytes += chunk.length));
  res.on('end', () => {
    process.stdout.write(
      JSON.stringify({ ms: performance.now() - started, bytes, status: res.statusCode }),
    );
  });
});
req.on('error', (error) => {
  throw error;
});
if (mode === 'upload' && file) createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(req);
else req.end();
