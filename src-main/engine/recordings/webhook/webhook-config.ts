import { literalAddressOf, refusedAddressKind } from './address-policy';

/** The recording-done webhook (spec section 3), as the server's flags set it. */
export type WebhookConfig = {
  url: string;
  /** Standard Webhooks signing secret: `whsec_` and the base64 of 24 to 64 random bytes. */
  secret: string;
  /** Post to loopback, private and link-local addresses too (tests, a receiver on the same host). */
  allowPrivate?: boolean;
  /**
   * How long after a meeting's last file arrives the event is sent, so several files of one
   * meeting go out as one event (default 30 s); each new file restarts it, up to `maxWaitMs`
   * after the first.
   */
  quietMs?: number;
  /**
   * The latest an event waits after its first file, however many follow (default: 5 minutes, or
   * the quiet period if that is longer).
   */
  maxWaitMs?: number;
  /** Limit on each of connecting, waiting for the response headers, and the whole attempt. */
  timeoutMs?: number;
  /** Retries: the n-th waits about base·2ⁿ⁻¹ (half of it random), at most `capMs`. */
  retry?: { baseMs?: number; capMs?: number; maxAttempts?: number };
  /** Jitter source (tests pass a fixed one). */
  random?: () => number;
};

export const WEBHOOK_DEFAULTS = {
  quietMs: 30_000,
  maxWaitMs: 5 * 60_000,
  timeoutMs: 10_000,
  retry: { baseMs: 30_000, capMs: 60 * 60_000, maxAttempts: 10 },
} as const;

export const SECRET_HINT =
  "generate one with: node -e \"console.log('whsec_' + require('crypto').randomBytes(32).toString('base64'))\"";

/** Why a webhook secret is unusable, or null. */
export function webhookSecretProblem(secret: string): string | null {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  if (!match?.[1]) return `must be whsec_ followed by base64 (${SECRET_HINT})`;
  const bytes = Buffer.from(match[1], 'base64').length;
  if (bytes < 24 || bytes > 64) {
    return `must encode 24 to 64 random bytes, not ${bytes} (${SECRET_HINT})`;
  }
  return null;
}

/**
 * Why a webhook URL is unusable at start, or null. Host names are judged again, by the addresses
 * they resolve to, at every send; an IP literal is refused here already.
 */
export function webhookUrlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `is not a URL: "${raw}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http(s) URL';
  if (url.hash !== '') return 'must not have a #fragment';
  const literal = literalAddressOf(url);
  const kind = literal === undefined || allowPrivate ? null : refusedAddressKind(literal);
  return kind === null
    ? null
    : `points at a ${kind} address (${literal ?? ''}); pass --allow-private-webhooks to allow it`;
}
