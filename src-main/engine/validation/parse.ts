import type { z } from 'zod';
import { validationError, type FieldErrors } from '../errors';

/**
 * Turns zod issues into the API's 422 shape: keys are top-level field names, and each message
 * says where inside the field (`[0].email`) and what is wrong, so one response names every bad field.
 */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const [head, ...rest] = issue.path;
    const key = typeof head === 'string' ? head : 'base';
    const where = rest.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    const message = where ? `${where.replace(/^\./, '')}: ${issue.message}` : issue.message;
    (fields[key] ??= []).push(message);
  }
  return fields;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(toFieldErrors(result.error));
  return result.data;
}
