import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine';
import { EngineError } from '../../engine/errors';
import { toUser } from '../../engine/users/users-repo';
import { authKeyOf, callerOf, numericId, userOf } from '../request-context';

/** Sessions, login and users (spec section 5). */
export function registerSessionRoutes(app: FastifyInstance, engine: Engine): void {
  app.post('/session', async (request, reply) => {
    const session = await engine.sessions.create(request.body);
    return reply.code(201).send({ session });
  });

  app.get('/session', async (request) => ({
    session: engine.sessions.get(callerOf(engine, request)),
  }));

  app.delete('/session', async (request, reply) => {
    engine.sessions.destroy(callerOf(engine, request));
    return reply.code(200).send();
  });

  app.post('/login', async (request) => {
    const user = await engine.sessions.login(callerOf(engine, request), request.body);
    return { user: toUser(user) };
  });

  app.delete('/login', async (request, reply) => {
    engine.sessions.logout(callerOf(engine, request));
    return reply.code(200).send();
  });

  app.post('/users', async (request, reply) => {
    // Sign-up needs an application: either a session or the application's auth key.
    if (!engine.sessions.checkAuthKey(authKeyOf(request))) callerOf(engine, request);
    const body = request.body as { user?: unknown } | undefined;
    if (typeof body?.user !== 'object' || body.user === null) {
      throw new EngineError('validation', 'user is required', { user: ['must be an object'] });
    }
    const user = await engine.users.signUp(body.user);
    return reply.code(201).send({ user: toUser(user) });
  });

  app.get<{ Params: { id: string } }>('/users/:id', async (request) => {
    userOf(engine, request);
    return { user: engine.users.get(numericId(request.params.id)) };
  });

  app.put<{ Params: { id: string } }>('/users/:id', async (request) => {
    const caller = userOf(engine, request);
    const body = request.body as { user?: unknown } | undefined;
    if (typeof body?.user !== 'object' || body.user === null) {
      throw new EngineError('validation', 'user is required', { user: ['must be an object'] });
    }
    return { user: await engine.users.update(caller.id, numericId(request.params.id), body.user) };
  });
}
