import { validationError } from '../errors';

const LOOPBACK_V4 = /^127(\.\d{1,3}){3}$/;

/** This computer: the only place plain http is acceptable (nothing crosses a network). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    LOOPBACK_V4.test(host) ||
    host === '[::1]'
  );
}

/**
 * The account's server address: `https:` (credentials and meetings cross the network), except
 * for loopback; no user info, query or fragment. Returned without a trailing slash.
 */
export function validateServerUrl(raw: string): string {
  const bad = (message: string) => validationError({ serverUrl: [message] });
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw bad('must be a web address such as https://api.connectycube.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw bad('must start with https://');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw bad(
      'must use https:// (plain http:// is allowed only for this computer, e.g. http://127.0.0.1)',
    );
  }
  if (url.username !== '' || url.password !== '')
    throw bad('must not contain a user name or password');
  if (url.search !== '' || url.hash !== '') throw bad('must not have a query (?) or fragment (#)');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
