import type { FastifyInstance } from 'fastify';

/**
 * Parses `application/json` bodies with Fastify's own parser (which refuses prototype-poisoning
 * keys), except that an empty body is `{}`: the SDK posts `subscribe` with a JSON content type and
 * no body, and the web shell's argument-less handlers are called the same way. Used by both shells.
 */
export function acceptJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, {});
      return;
    }
    void parseJson(request, text, done);
  });
}
