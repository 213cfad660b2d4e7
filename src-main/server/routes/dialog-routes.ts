import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine';
import { userOf } from '../request-context';

/** The chat dialogs a meeting needs (spec section 4). */
export function registerDialogRoutes(app: FastifyInstance, engine: Engine): void {
  app.get('/chat/Dialog', async (request) =>
    engine.dialogs.list(userOf(engine, request).id, request.query),
  );

  app.post<{ Params: { id: string } }>('/chat/Dialog/:id/subscribe', async (request) => {
    const user = userOf(engine, request);
    return engine.dialogs.subscribe(user.id, request.params.id, (meetingId) =>
      engine.meetings.mayRead(user, meetingId),
    );
  });
}
