import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine';
import { validationError } from '../../engine/errors';
import type { RawQuery } from '../../engine/meetings/list-query';
import { userOf, wantsPaged } from '../request-context';

type IdParams = { Params: { id: string } };

/** Meetings and their recordings (spec section 2). */
export function registerMeetingRoutes(app: FastifyInstance, engine: Engine): void {
  app.post('/meetings', async (request, reply) => {
    const meeting = engine.meetings.create(userOf(engine, request), request.body);
    return reply.code(201).send(meeting);
  });

  app.get<{ Querystring: RawQuery }>('/meetings', async (request) => {
    const user = userOf(engine, request);
    const query = request.query;
    const id = query._id;
    if (typeof id === 'string') {
      if (!/^[0-9a-f]{24}$/i.test(id))
        throw validationError({ _id: ['must be a 24-character hex id'] });
      return engine.meetings.get(user, id.toLowerCase());
    }
    return wantsPaged(request)
      ? engine.meetings.listPaged(user, query)
      : engine.meetings.list(user, query);
  });

  // Only an absent body means "no changes"; a JSON `null` body is refused like any non-object.
  app.put<IdParams>('/meetings/:id', async (request) =>
    engine.meetings.update(
      userOf(engine, request),
      request.params.id,
      request.body === undefined ? {} : request.body,
    ),
  );

  app.delete<IdParams>('/meetings/:id', async (request) => {
    engine.meetings.remove(userOf(engine, request), request.params.id);
    return {};
  });

  app.get<IdParams>('/meetings/recordings/:id', async (request) =>
    engine.meetings.recordings(userOf(engine, request), request.params.id),
  );
}
