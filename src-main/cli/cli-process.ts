import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Logger } from '../engine/engine';

type Options = NonNullable<ParseArgsConfig['options']>;
/** The parsed flag values for a strict, positional-free parse of `O`. */
export type FlagValues<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O; strict: true }>
>['values'];

/**
 * What the Node shells' command lines (`npm run server`, `npm run web`) share: how they log, how
 * they refuse bad flags, and how they stop. Plain Node, never Electron.
 */
export type CliProcess = {
  logger: Logger;
  /** Prints the problem and the usage, then exits 2 (a usage error, as shells expect). */
  fail(message: string): never;
  /**
   * Parses the command line strictly; an unknown or malformed flag is `fail`. Returns null after
   * printing the usage for `--help` (the options must include a boolean `help`).
   */
  flags<O extends Options>(options: O): FlagValues<O> | null;
  /** An integer flag within [min, max], or `fail` naming the flag. */
  integer(flag: string, raw: string, min: number, max: number): number;
  /**
   * On SIGINT/SIGTERM runs `close` once (which must let in-flight requests finish and close the
   * database), prints `<what> stopped (<signal>)` and exits 0; exits 1 if closing fails.
   */
  stopOnSignals(what: string, close: () => Promise<void>): void;
  /** Runs `main`; an unexpected failure is one line on stderr and exit code 1. */
  run(main: () => Promise<void>): void;
};

export function cliProcess(name: string, usage: string): CliProcess {
  const fail = (message: string): never => {
    console.error(`${name}: ${message}\n\n${usage}`);
    process.exit(2);
  };
  return {
    logger: {
      info: (m, f) => console.log(m, f ?? ''),
      warn: (m, f) => console.warn(m, f ?? ''),
      error: (m, f) => console.error(m, f ?? ''),
    },
    fail,
    flags(options) {
      let values;
      try {
        ({ values } = parseArgs({ options, strict: true }));
      } catch (error) {
        return fail((error as Error).message);
      }
      if ((values as Record<string, unknown>).help === true) {
        console.log(usage);
        return null;
      }
      return values;
    },
    integer(flag, raw, min, max) {
      if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        fail(`--${flag} must be an integer from ${min} to ${max}, got "${raw}"`);
      }
      return Number(raw);
    },
    stopOnSignals(what, close) {
      let closing = false;
      const stop = (signal: string) => {
        if (closing) return;
        closing = true;
        close()
          .then(() => {
            console.log(`${what} stopped (${signal})`);
            process.exit(0);
          })
          .catch((error: unknown) => {
            console.error(`${name}: shutdown failed`, error);
            process.exit(1);
          });
      };
      process.on('SIGINT', () => {
        stop('SIGINT');
      });
      process.on('SIGTERM', () => {
        stop('SIGTERM');
      });
    },
    run(main) {
      main().catch((error: unknown) => {
        console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      });
    },
  };
}
