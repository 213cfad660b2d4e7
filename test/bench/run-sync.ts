/**
 * `npx tsx test/bench/run-sync.ts`: only the sync rows of `npm run bench` (sync-bench.ts), with the
 * machine they ran on. Figures are reported, never asserted.
 */
import { makeTempDir } from '../helpers/temp-dir';
import { machineLines, markdownTable } from './report';
import { msSince } from './stats';
import { benchSync } from './sync-bench';

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const machine = machineLines();
  const temp = makeTempDir('convene-sync-bench-');
  try {
    process.stderr.write('sync: the worker against the real server vs bare fetch...\n');
    const sync = await benchSync(temp.dir, (line) => process.stderr.write(line + '\n'));
    const out = [
      '',
      '## Convene sync benchmark',
      '',
      ...machine,
      ...sync.notes,
      '',
      markdownTable(sync.rows),
      '',
      `Total bench time ${(msSince(started) / 1000).toFixed(0)} s.`,
      '',
    ];
    process.stdout.write(out.join('\n'));
  } finally {
    temp.cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
