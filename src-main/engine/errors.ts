/**
 * The engine's error vocabulary. Shells map each code to their own form: the server to HTTP status
 * and the API's `{"errors": ...}` body, the desktop IPC to an `{ok: false, error}` value.
 */
export type EngineErrorCode =
  | 'validation' // 422: `fields` names every bad field
  | 'bad_request' // 400: the request itself is malformed
  | 'session_required' // 401: missing, unknown or expired token
  | 'unauthorized' // 401: wrong credentials
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'unavailable'; // 503: a remote this engine depends on could not be reached

export type FieldErrors = Record<string, string[]>;

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export function validationError(fields: FieldErrors): EngineError {
  const summary = Object.entries(fields)
    .map(([field, messages]) => `${field} ${messages.join(', ')}`)
    .join('; ');
  return new EngineError('validation', summary, fields);
}

/** The exact text the ConnectyCube SDK matches to run its session-renewal hook. */
export const SESSION_REQUIRED_MESSAGE = 'Required session does not exist';

export const sessionRequired = (): EngineError =>
  new EngineError('session_required', SESSION_REQUIRED_MESSAGE);
export const forbidden = (message: string): EngineError => new EngineError('forbidden', message);
export const notFound = (message: string): EngineError => new EngineError('not_found', message);
