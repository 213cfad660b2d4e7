const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `a=1&user[login]=x` → `{a: '1', user: {login: 'x'}}`: one level of nesting is all the
 * form-encoded session request ever used. Keys that would reach an object's prototype are dropped.
 */
export function parseFormBody(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(key);
    const parent = nested?.[1] ?? key;
    const child = nested?.[2];
    if (FORBIDDEN_KEYS.has(parent) || (child !== undefined && FORBIDDEN_KEYS.has(child))) continue;
    if (child === undefined) {
      out[parent] = value;
      continue;
    }
    const existing = out[parent];
    const target: Record<string, unknown> =
      typeof existing === 'object' && existing !== null
        ? (existing as Record<string, unknown>)
        : {};
    target[child] = value;
    out[parent] = target;
  }
  return out;
}
