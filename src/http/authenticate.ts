import type { FastifyRequest } from 'fastify';
import { requireRole } from '../access/actor.js';
import { resolveActor, SESSION_COOKIE } from '../access/sessions.js';
import type { App, AppDeps } from './types.js';

/**
 * A1 at the edge: every request resolves its actor from the session cookie or a bearer token;
 * every /api route is closed unless it says `config: { public: true }`, and a route's
 * `config.roles` is enforced before its handler runs.
 */
export function registerAuthentication(app: App, deps: AppDeps): void {
  app.decorateRequest('actor', undefined);

  app.addHook('onRequest', async (request) => {
    request.actor = await resolveActor(deps.storage.db, deps.clock, {
      sessionToken: request.cookies[SESSION_COOKIE],
      bearerToken: bearer(request),
    });
  });

  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config;
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs') || config.public) return;
    if (request.routeOptions.url === undefined) return; // 404 handler
    requireRole(request.actor, config.roles ?? ['admin', 'supervisor', 'agent']);
  });
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}
