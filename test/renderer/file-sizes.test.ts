import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, percentDone } from '../../src-renderer/lib/file-sizes';

describe('formatBytes', () => {
  it('counts small files in bytes', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(812)).toBe('812 bytes');
  });

  it('uses binary units with at most three significant digits, no trailing zeros', () => {
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(4 * 1024 * 1024)).toBe('4 MB');
    expect(formatBytes(4.2 * 1024 * 1024)).toBe('4.2 MB');
    expect(formatBytes(12.34 * 1024 * 1024)).toBe('12.3 MB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MB');
    expect(formatBytes(1.37 * 1024 ** 3)).toBe('1.37 GB');
  });

  it('shows a dash for nonsense rather than NaN', () => {
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(45.4)).toBe('45 s');
    expect(formatDuration(725)).toBe('12 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('percentDone', () => {
  it('is whole percent, clamped, and unknown without a total', () => {
    expect(percentDone(0, 100)).toBe(0);
    expect(percentDone(999, 1000)).toBe(99);
    expect(percentDone(1000, 1000)).toBe(100);
    expect(percentDone(2000, 1000)).toBe(100);
    expect(percentDone(10, null)).toBeNull();
    expect(percentDone(10, 0)).toBeNull();
  });
});
