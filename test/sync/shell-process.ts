import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type {
  HandlerArgs,
  HandlerName,
  HandlerResults,
  Result,
} from '../../src-main/shared/contract';
import { REPO_ROOT } from '../../src-main/web/renderer-build';

/**
 * The web shell as a real child process (`node --import tsx src-main/web/cli.ts`), spoken to over
 * HTTP exactly as the page does: `POST /api/<channel>` with JSON and the launch's token header.
 */
export type ShellProcess = {
  pid: number;
  port: number;
  token: string;
  /** What the shell wrote to stderr so far (its warnings: why a sync pass stopped, ...). */
  stderr(): string;
  call<K extends HandlerName>(name: K, arg: HandlerArgs[K]): Promise<Result<HandlerResults[K]>>;
  /** Resolves when the process has exited (at once if it already has). */
  exited: Promise<void>;
  /** kill -9, then waits for the exit. */
  kill9(): Promise<void>;
};

const URL_LINE = /^Convene web shell on http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)$/;
const STDERR_KEEP = 64 * 1024;

/** Every child this module started that has not exited yet, so afterAll can kill what is left. */
export const liveShells = new Set<ChildProcessWithoutNullStreams>();

export function killLiveShells(): void {
  for (const child of liveShells) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, 'SIGKILL');
    }
  }
}

export async function startShellProcess(
  dataPath: string,
  timeoutMs = 20_000,
): Promise<ShellProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src-main/web/cli.ts', '--port', '0', '--data', dataPath],
    { cwd: REPO_ROOT, stdio: 'pipe' },
  );
  liveShells.add(child);
  let err = '';
  let out = '';
  // Both pipes are drained for the process's whole life: a full pipe would block the child.
  child.stderr.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-STDERR_KEEP);
  });
  const exited = new Promise<void>((resolve) => {
    child.on('exit', () => {
      liveShells.delete(child);
      resolve();
    });
  });

  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the web shell printed no URL within ${timeoutMs} ms: ${out}${err}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, newline));
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the web shell exited before printing its URL: ${out}${err}`));
    });
  }).catch(async (error: unknown) => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    await exited;
    throw error;
  });
  const match = URL_LINE.exec(line);
  if (!match || child.pid === undefined) throw new Error(`unexpected first line: ${line}`);
  const port = Number(match[1]);
  const token = match[2]!;
  const pid = child.pid;

  return {
    pid,
    port,
    token,
    stderr: () => err,
    async call(name, arg) {
      const response = await fetch(`http://127.0.0.1:${port}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-convene-token': token },
        body: JSON.stringify(arg),
      });
      return (await response.json()) as Result<HandlerResults[typeof name]>;
    },
    exited,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL');
      await exited;
    },
  };
}
