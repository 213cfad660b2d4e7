import { validationError, type FieldErrors } from '../errors';
import { DEFAULT_MEDIA_TYPE, mediaTypeEssence, mediaTypeOfName } from './media-types';

/** What a media server (query string and headers) or an operator (flags) says about a file. */
export type IngestParams = {
  /** `participants_ids`: comma-separated user ids, e.g. `1,2`. */
  participants?: string | undefined;
  /** `duration`: seconds, a decimal number. */
  duration?: string | undefined;
  /** The `Content-Type` the file was delivered with. */
  contentType?: string | undefined;
  /** `file_name`: the name a download is saved under. */
  fileName?: string | undefined;
};

export type ParsedIngestParams = {
  participants: number[];
  duration: number;
  contentType: string;
  fileName: string | null;
};

const MAX_PARTICIPANTS = 1000;
/** A week: longer than any call, short enough to catch seconds sent as milliseconds. */
const MAX_DURATION_SECONDS = 7 * 24 * 60 * 60;
const MAX_FILE_NAME = 200;

function parseParticipants(raw: string | undefined, errors: FieldErrors): number[] {
  if (raw === undefined || raw.trim() === '') return [];
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^[1-9]\d{0,14}$/.test(p))) {
    errors.participants_ids = ['must be user ids (positive integers) separated by commas'];
    return [];
  }
  const ids = [...new Set(parts.map(Number))];
  if (ids.length > MAX_PARTICIPANTS) {
    errors.participants_ids = [`must list at most ${MAX_PARTICIPANTS} users`];
  }
  return ids;
}

function parseDuration(raw: string | undefined, errors: FieldErrors): number {
  if (raw === undefined || raw === '') return 0;
  const value = /^\d{1,9}(\.\d{1,6})?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value > MAX_DURATION_SECONDS) {
    errors.duration = [`must be a number of seconds from 0 to ${MAX_DURATION_SECONDS}`];
    return 0;
  }
  return value;
}

/**
 * A name that is safe to offer as a download: no folders, no control or quote characters that
 * would break a header, no leading dot (a hidden file). Unicode letters stay; the header carries
 * them in RFC 6266's `filename*`.
 */
export function safeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  return (
    base
      // eslint-disable-next-line no-control-regex -- control characters are what is removed
      .replace(/[\u0000-\u001f\u007f"*:<>?|]/g, '_')
      .replace(/^[.\s]+/, '')
      .trim()
      .slice(0, MAX_FILE_NAME)
  );
}

/** Validates everything but the body, so a bad request is refused before a byte is written. */
export function parseIngestParams(params: IngestParams): ParsedIngestParams {
  const errors: FieldErrors = {};
  const participants = parseParticipants(params.participants, errors);
  const duration = parseDuration(params.duration, errors);

  let fileName: string | null = null;
  if (params.fileName !== undefined && params.fileName !== '') {
    fileName = safeFileName(params.fileName);
    if (fileName === '') errors.file_name = ['must be a file name'];
  }

  let contentType: string = DEFAULT_MEDIA_TYPE;
  if (params.contentType !== undefined && params.contentType.trim() !== '') {
    const essence = mediaTypeEssence(params.contentType);
    if (essence === null) errors.content_type = ['must be a media type such as video/mp4'];
    else contentType = essence;
  }
  // A generic type says nothing: the name's extension knows better (an operator's import).
  if (contentType === DEFAULT_MEDIA_TYPE && fileName !== null) {
    contentType = mediaTypeOfName(fileName) ?? DEFAULT_MEDIA_TYPE;
  }

  if (Object.keys(errors).length > 0) throw validationError(errors);
  return { participants, duration, contentType, fileName };
}
