/**
 * Media types of recording files, by file extension and back. A media server says what it sends
 * (`Content-Type`); an operator's import only has a file name. Unknown types are stored as given
 * and their files get `.bin`, so a name never claims a type the bytes were not delivered as.
 */
const TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  m4a: 'audio/mp4',
  webm: 'video/webm',
  weba: 'audio/webm',
  mkv: 'video/x-matroska',
  mka: 'audio/x-matroska',
  mov: 'video/quicktime',
  ogv: 'video/ogg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/opus',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  aac: 'audio/aac',
  flac: 'audio/flac',
};

const EXTENSION_BY_TYPE: Readonly<Record<string, string>> = {
  'video/mp4': 'mp4',
  'audio/mp4': 'm4a',
  'video/webm': 'webm',
  'audio/webm': 'webm',
  'video/x-matroska': 'mkv',
  'audio/x-matroska': 'mka',
  'video/quicktime': 'mov',
  'video/ogg': 'ogv',
  'audio/ogg': 'ogg',
  'application/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/aac': 'aac',
  'audio/flac': 'flac',
};

export const DEFAULT_MEDIA_TYPE = 'application/octet-stream';

// RFC 9110 `type/subtype` tokens; parameters (`;codecs=...`) are not kept.
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

/** `video/webm; codecs=vp9` → `video/webm`; null when it is not a media type at all. */
export function mediaTypeEssence(header: string): string | null {
  const essence = (header.split(';')[0] ?? '').trim().toLowerCase();
  return MEDIA_TYPE.test(essence) ? essence : null;
}

export function extensionOfName(fileName: string): string | undefined {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return match?.[1]?.toLowerCase();
}

export function mediaTypeOfName(fileName: string): string | undefined {
  const extension = extensionOfName(fileName);
  return extension === undefined ? undefined : TYPE_BY_EXTENSION[extension];
}

export function extensionOfType(mediaType: string): string {
  return EXTENSION_BY_TYPE[mediaType] ?? 'bin';
}
