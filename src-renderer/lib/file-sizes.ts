/**
 * Sizes as people read them, in the units a file manager uses (1 KB = 1024 bytes, as the server's
 * `size` in megabytes is): `812 bytes`, `4.2 MB`, `1.37 GB`. Three significant digits at most, so a
 * progress line such as "1.2 MB of 4.0 MB" does not jitter with every chunk.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${Math.round(bytes)} ${Math.round(bytes) === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  // Trailing zeros add nothing: `4 MB`, not `4.00 MB`; but one decimal stays for steadiness.
  const text = value.toFixed(digits).replace(/(\.\d*?[1-9])0+$|\.0+$/, '$1');
  return `${text} ${units[unit]}`;
}

/** A recording's length: `45 s`, `12 min 05 s`, `1 h 02 min`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h} h ${two(m)} min`;
  if (m > 0) return `${m} min ${two(s)} s`;
  return `${s} s`;
}

/** Whole percent done, 0–100; null when the total is not known yet (an indeterminate bar). */
export function percentDone(received: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.max(0, Math.floor((received / total) * 100)));
}
