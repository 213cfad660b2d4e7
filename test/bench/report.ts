import BetterSqlite3 from 'better-sqlite3';
import { cpus, loadavg } from 'node:os';

export type Row = {
  measurement: string;
  convene: string;
  baseline: string;
  ratio: string;
  aim: string;
  met: boolean | null;
};

/** The machine the figures belong to; printed with them, since they mean nothing without it. */
export function machineLines(): string[] {
  const cpu = cpus();
  const memory = new BetterSqlite3(':memory:');
  const sqlite = (memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  memory.close();
  return [
    `- CPU: ${cpu[0]?.model.trim() ?? 'unknown'}, ${String(cpu.length)} cores`,
    // Other work on the machine moves every figure; this says how busy it was when the run began.
    `- Load average at start: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ')} (1 / 5 / 15 min)`,
    `- Node ${process.version}, SQLite ${sqlite} (better-sqlite3), ${process.platform}/${process.arch}`,
  ];
}

export function markdownTable(rows: readonly Row[]): string {
  const header = ['measurement', 'Convene', 'baseline', 'ratio', 'aim', 'met'];
  const cells = rows.map((r) => [
    r.measurement,
    r.convene,
    r.baseline,
    r.ratio,
    r.aim,
    r.met === null ? '—' : r.met ? 'yes' : '**no**',
  ]);
  const line = (c: readonly string[]) => `| ${c.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...cells.map(line)].join('\n');
}
