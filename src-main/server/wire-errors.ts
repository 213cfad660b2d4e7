import type { EngineError, EngineErrorCode } from '../engine/errors';

/** HTTP status for each engine error code (spec section 5). */
export const STATUS: Readonly<Record<EngineErrorCode, number>> = {
  validation: 422,
  bad_request: 400,
  session_required: 401,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unavailable: 503,
};

export type WireErrorBody = { errors: Record<string, string[]> };

export function wireError(error: EngineError): { status: number; body: WireErrorBody } {
  const body =
    error.code === 'validation' && error.fields
      ? { errors: error.fields }
      : { errors: { base: [error.message] } };
  return { status: STATUS[error.code], body };
}

export const baseError = (message: string): WireErrorBody => ({ errors: { base: [message] } });
