import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Windows refuses these as a file's base name, with any extension (`CON.mp4` too). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Bytes, not characters: most file systems cap a name at 255 bytes; room left for ` (99).part`. */
const MAX_NAME_BYTES = 200;
const MAX_EXTENSION_CHARS = 10;
const FALLBACK = 'recording';

/**
 * A name from a remote (or a meeting title) reduced to one safe base name (DESIGN.md, "download
 * targets reduced to a base name inside the chosen folder"): no path separators or `..`, no control
 * or characters Windows forbids, no trailing dots or spaces, not a reserved device name, at most
 * 200 bytes, and the extension kept when it is a plain one.
 */
export function safeBaseName(raw: string, defaultExtension = '.mp4'): string {
  const cleaned = raw
    .normalize('NFC')
    // Control characters, separators and what Windows forbids in a name.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"/\\|?*]/g, ' ')
    // Bidirectional overrides could show `gpj.exe` as `exe.jpg`.
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  const rawExt = dot > 0 ? cleaned.slice(dot) : '';
  const extOk = /^\.[A-Za-z0-9]{1,10}$/.test(rawExt) && rawExt.length <= MAX_EXTENSION_CHARS + 1;
  const ext = extOk ? rawExt.toLowerCase() : defaultExtension;
  let stem = (extOk ? cleaned.slice(0, dot) : cleaned)
    // Leading dots would hide the file (and `..` is a path); trailing dots and spaces Windows drops.
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (stem === '' || RESERVED.test(stem)) stem = stem === '' ? FALLBACK : `${stem}_`;
  stem = truncateBytes(stem, MAX_NAME_BYTES - Buffer.byteLength(ext)).replace(/[.\s]+$/, '');
  return `${stem || FALLBACK}${ext}`;
}

/** Cuts to at most `max` UTF-8 bytes without splitting a character. */
function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  for (const char of text) {
    if (Buffer.byteLength(out + char) > max) break;
    out += char;
  }
  return out;
}

/**
 * `name` in `folder`, or `name (1)`, `name (2)`… the first that neither exists nor is `taken`
 * (another job's target). Never an existing file: a download must not overwrite anything.
 */
export function uniqueName(
  folder: string,
  name: string,
  taken: (fileName: string) => boolean = () => false,
): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? name : `${stem} (${n})${ext}`;
    const busy =
      taken(candidate) ||
      existsSync(join(folder, candidate)) ||
      existsSync(join(folder, `${candidate}.part`));
    if (!busy) return candidate;
  }
}
