import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Engine } from '../engine/engine';
import { EngineError, forbidden } from '../engine/errors';
import { authKeyOf, tokenOf } from './request-context';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares two secrets in constant time, whatever their lengths (hashes are always 32 bytes). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Requests only a media server (or an operator) may make: they carry the application's auth key in
 * `CB-AuthKey`. A user's session token is refused, since any signed-in user has one.
 */
export function requireApplicationKey(engine: Engine, request: FastifyRequest): void {
  const key = authKeyOf(request);
  if (key === undefined) {
    if (tokenOf(request) !== undefined) {
      throw forbidden(
        'Uploading recordings needs the application auth key (CB-AuthKey), not a user token',
      );
    }
    throw new EngineError(
      'unauthorized',
      'The application auth key (CB-AuthKey header) is required',
    );
  }
  if (!sameSecret(key, engine.application.authKey)) {
    throw new EngineError('unauthorized', 'Wrong application auth key');
  }
}
