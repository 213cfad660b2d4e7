import type { FastifyRequest } from 'fastify';
import type { Engine } from '../engine/engine';
import { requireUser, type Caller } from '../engine/sessions/sessions-service';
import type { UserRow } from '../engine/users/users-repo';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export const tokenOf = (request: FastifyRequest) => header(request, 'cb-token');
export const authKeyOf = (request: FastifyRequest) => header(request, 'cb-authkey');
export const wantsPaged = (request: FastifyRequest) => header(request, 'cb-api-version') === '2';

export function callerOf(engine: Engine, request: FastifyRequest): Caller {
  return engine.sessions.resolve(tokenOf(request));
}

/** The signed-in user behind the request: 401 without a session, 403 for an app-only one. */
export function userOf(engine: Engine, request: FastifyRequest): UserRow {
  return requireUser(callerOf(engine, request));
}

/** Path ids arrive as strings; a non-numeric one can match no user. */
export function numericId(raw: string): number {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : -1;
}
