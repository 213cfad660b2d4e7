/**
 * Why a `--public-url` cannot be used as the base of the links the server hands out, or null.
 * Links are made by appending a path and a signed query, so the base must be a plain http(s)
 * address: a query or fragment of its own would end up inside every link.
 */
export function publicUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `is not a URL: "${raw}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `must be an http:// or https:// URL, got "${raw}"`;
  }
  if (url.search !== '' || raw.includes('?')) return `must not have a query string, got "${raw}"`;
  if (url.hash !== '' || raw.includes('#')) return `must not have a #fragment, got "${raw}"`;
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  return null;
}
