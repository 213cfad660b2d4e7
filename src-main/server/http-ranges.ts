/**
 * The conditional and range parts of serving a file (RFC 9110 sections 13 and 14), for one
 * representation with a strong ETag. One range per request: a multi-range request gets the whole
 * file, which the RFC allows, rather than a multipart body no client of ours asks for.
 */
export type RangeDecision =
  { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return { kind: 'whole' };
  const unit = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  // Another unit, or syntax we do not understand: the header is ignored (RFC 9110 14.2).
  if (!unit?.[1]) return { kind: 'whole' };
  const specs = unit[1].split(',').map((s) => s.trim());
  if (specs.length !== 1) return { kind: 'whole' };
  const spec = /^(\d*)-(\d*)$/.exec(specs[0] ?? '');
  if (!spec || (spec[1] === '' && spec[2] === '')) return { kind: 'whole' };
  const [, first = '', last = ''] = spec;
  if (first === '') {
    // `bytes=-N`: the last N bytes (all of them when N exceeds the size).
    const length = Number(last);
    if (length === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  if (last === '') return { kind: 'part', start, end: size - 1 };
  const end = Number(last);
  if (end < start) return { kind: 'whole' }; // invalid: ignored, like unknown syntax
  return { kind: 'part', start, end: Math.min(end, size - 1) };
}

/**
 * `If-Range`: the range applies only if the client's copy is this very file. Strong comparison
 * (a weak tag never matches), and a date never validates: these responses carry no Last-Modified.
 */
export function rangeStillValid(ifRange: string | undefined, etag: string): boolean {
  return ifRange === undefined || ifRange.trim() === etag;
}

/** `If-None-Match` (weak comparison, RFC 9110 13.1.2): true when the client's copy is current. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .includes(etag);
}

/**
 * `attachment` with a plain-ASCII `filename` for old clients and RFC 6266's `filename*` (UTF-8,
 * percent-encoded) for the real name. Quotes, backslashes and percent signs never reach the
 * quoted form, so the header cannot be broken out of.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
