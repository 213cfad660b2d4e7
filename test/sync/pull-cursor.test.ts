import { describe, expect, it } from 'vitest';
import { PULL_OVERLAP_MS, startCursor } from '../../src-main/engine/sync/pull';

const at = (iso: string) => new Date(iso).toISOString();

describe('where a pull starts reading', () => {
  it('reads everything on the first pull', () => {
    expect(startCursor(null, null)).toBeNull();
  });

  it('reaches the overlap back from the watermark while no pull has completed', () => {
    expect(startCursor(at('2026-12-02T10:00:00Z'), null)).toBe(
      at(new Date(Date.parse('2026-12-02T10:00:00Z') - PULL_OVERLAP_MS).toISOString()),
    );
  });

  it('after a burst, reaches back only from the last complete pull, not across the burst', () => {
    // The burst's newest change is the watermark; the last pull began a minute later.
    expect(startCursor(at('2026-12-02T10:00:00Z'), at('2026-12-02T10:01:00Z'))).toBe(
      at('2026-12-02T10:00:00Z'),
    );
  });

  it('still re-reads the overlap before the last pull when changes are that recent', () => {
    expect(startCursor(at('2026-12-02T10:00:50Z'), at('2026-12-02T10:01:00Z'))).toBe(
      at('2026-12-02T10:00:30Z'),
    );
  });
});
