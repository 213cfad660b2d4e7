import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordingFileName } from '../../src-main/engine/downloads/recording-name';
import { safeBaseName, uniqueName } from '../../src-main/engine/downloads/safe-name';
import { makeTempDir } from '../helpers/temp-dir';

const temp = makeTempDir('convene-names-');
afterAll(() => temp.cleanup());

describe('safe download names', () => {
  it.each([
    ['Weekly sync.mp4', 'Weekly sync.mp4'],
    ['../../etc/passwd', 'etc passwd.mp4'],
    ['..\\..\\boot.ini', 'boot.ini'],
    ['a/b\\c:d*e?f"g<h>i|j.webm', 'a b c d e f g h i j.webm'],
    ['..', 'recording.mp4'],
    ['', 'recording.mp4'],
    ['...mp4', 'recording.mp4'],
    ['line\nbreak\u0000nul\u001bx.mp4', 'line break nul x.mp4'],
    ['CON.mp4', 'CON_.mp4'],
    ['lpt1', 'lpt1_.mp4'],
    ['trailing dots... ', 'trailing dots.mp4'],
    ['.hidden.mp4', 'hidden.mp4'],
    ['evil\u202egpj.exe', 'evilgpj.exe'],
    ['no extension', 'no extension.mp4'],
    ['weird.ext with space', 'weird.ext with space.mp4'],
  ])('%j → %j', (raw, safe) => {
    expect(safeBaseName(raw)).toBe(safe);
  });

  it('keeps names within 200 bytes without splitting a character, extension kept', () => {
    const long = `${'ж'.repeat(300)}.mp4`;
    const safe = safeBaseName(long);
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(200);
    expect(safe.endsWith('ж.mp4')).toBe(true);
    expect(safe).not.toContain('\ufffd');
  });

  it('names a recording after its meeting and start, safely', () => {
    const start = Date.UTC(2026, 10, 23, 10, 0) / 1000;
    expect(recordingFileName({ name: 'Plan: Q1/Q2', start_date: start })).toBe(
      'Plan Q1 Q2 2026-11-23 10-00.mp4',
    );
  });

  it('never picks an existing file (or another download’s partial file)', () => {
    const dir = join(temp.dir, 'unique');
    mkdirSync(dir);
    expect(uniqueName(dir, 'a.mp4')).toBe('a.mp4');
    writeFileSync(join(dir, 'a.mp4'), 'x');
    writeFileSync(join(dir, 'a (1).mp4.part'), 'x');
    expect(uniqueName(dir, 'a.mp4')).toBe('a (2).mp4');
    expect(uniqueName(dir, 'a.mp4', (n) => n === 'a (2).mp4')).toBe('a (3).mp4');
  });
});
