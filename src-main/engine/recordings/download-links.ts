import { createHmac, timingSafeEqual } from 'node:crypto';

/** Download links are valid for one hour from the response that carries them (spec section 2). */
export const DOWNLOAD_URL_TTL_SECONDS = 60 * 60;

/** The path a file is served at, under the server's public URL. */
export const downloadPath = (fileUid: string): string =>
  `recordings/files/${encodeURIComponent(fileUid)}`;

export function signRecordingPath(fileUid: string, expires: number, secret: string): string {
  return createHmac('sha256', secret).update(`${fileUid}:${expires}`).digest('hex');
}

export function signedDownloadUrl(
  publicUrl: string,
  fileUid: string,
  expires: number,
  secret: string,
): string {
  const url = new URL(downloadPath(fileUid), `${publicUrl.replace(/\/$/, '')}/`);
  url.searchParams.set('expires', String(expires));
  url.searchParams.set('signature', signRecordingPath(fileUid, expires, secret));
  return url.toString();
}

export type LinkCheck = 'valid' | 'expired' | 'invalid';

/**
 * Checks a link's `expires` and `signature` query values. The signature covers the expiry, so a
 * link whose expiry was moved is `invalid`, not `expired`; the comparison is constant-time.
 */
export function checkDownloadLink(
  fileUid: string,
  expires: unknown,
  signature: unknown,
  secret: string,
  nowMs: number,
): LinkCheck {
  if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires)) return 'invalid';
  if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/i.test(signature)) return 'invalid';
  const expected = Buffer.from(signRecordingPath(fileUid, Number(expires), secret), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'invalid';
  return Number(expires) * 1000 <= nowMs ? 'expired' : 'valid';
}
