import type { z } from 'zod';
import {
  handlerArgSchemas,
  type AppError,
  type HandlerName,
  type Result,
} from '../../shared/contract';
import type { Logger } from '../engine';
import { EngineError, type EngineErrorCode } from '../errors';
import { toFieldErrors } from '../validation/parse';
import { fieldsFromApi } from './meeting-dto';

const ERROR_CODES: Readonly<Record<EngineErrorCode, AppError['code']>> = {
  validation: 'validation',
  bad_request: 'bad_request',
  session_required: 'forbidden',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  not_found: 'not_found',
  unavailable: 'unavailable',
};

export type Parsed<K extends HandlerName> = z.output<(typeof handlerArgSchemas)[K]>;

/**
 * Runs one handler: the argument parsed with its schema first, every outcome a value, never a
 * throw, so IPC and HTTP carry it as is. An unexpected error is logged and said plainly.
 */
export async function runHandler<K extends HandlerName, T>(
  logger: Logger,
  name: K,
  arg: unknown,
  body: (parsed: Parsed<K>) => T | Promise<T>,
): Promise<Result<T>> {
  const parsed = handlerArgSchemas[name].safeParse(arg);
  if (!parsed.success) {
    const fields = toFieldErrors(parsed.error);
    return {
      ok: false,
      error: { code: 'bad_request', message: `Invalid argument for ${name}`, fields },
    };
  }
  try {
    return { ok: true, value: await body(parsed.data as Parsed<K>) };
  } catch (error) {
    if (error instanceof EngineError) {
      return {
        ok: false,
        error: {
          code: ERROR_CODES[error.code],
          message: error.message,
          ...(error.fields ? { fields: fieldsFromApi(error.fields) } : {}),
        },
      };
    }
    logger.error(`${name} failed`, { error: error instanceof Error ? error.stack : String(error) });
    return {
      ok: false,
      error: { code: 'internal', message: 'Something went wrong; nothing was changed.' },
    };
  }
}
