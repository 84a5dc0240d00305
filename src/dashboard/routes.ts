import { STAFF } from '../access/actor.js';
import { errors } from '../http/schemas.js';
import type { SocketRoute } from '../http/sockets.js';
import type { App, AppDeps } from '../http/types.js';
import { DashboardFeed } from './dashboard-feed.js';
import { dashboardQuery, dashboardView, idsOf } from './dashboard-schemas.js';
import { checkFilter, DashboardReader, visibleCampaignIds } from './read-dashboard.js';

/**
 * The supervisors' dashboard (issue 4 point 11; R1, O11, X2): `GET /api/dashboard` and the live
 * channel `GET /api/dashboard/events` (WebSocket, registered by the caller with the other
 * socket routes). Staff only; supervisors see the campaigns they hold a grant on.
 */
export function dashboardRoutes(app: App, deps: AppDeps): { socket: SocketRoute | null } {
  const { db } = deps.storage;
  const runtime = deps.dialer;
  const clock = runtime?.deps.ports.clock ?? deps.clock;
  const reader = new DashboardReader(db, runtime, clock);

  app.get('/dashboard', {
    config: { roles: STAFF },
    schema: {
      tags: ['dashboard'],
      summary: 'The live dashboard (R1, O11, X2): campaigns I may watch with progress, dial ratio, abandon rates, calls and agents by state, per-agent progress, the last pacing decision',
      querystring: dashboardQuery,
      response: { 200: dashboardView, ...errors },
    },
  }, async (req) => {
    const only = idsOf(req.query);
    if (only) await checkFilter(db, req.actor!, only);
    const ids = only ? new Set(only) : await visibleCampaignIds(db, req.actor!);
    return reader.read(ids);
  });

  if (!runtime) return { socket: null };
  const feed = new DashboardFeed(db, runtime, reader);
  app.addHook('onListen', async () => feed.startMaintenance());
  app.addHook('onClose', async () => feed.close());
  return { socket: dashboardSocket(feed, deps) };
}

function dashboardSocket(feed: DashboardFeed, { storage: { db } }: AppDeps): SocketRoute {
  return (scope) => {
    scope.get('/dashboard/events', {
      websocket: true,
      config: { roles: STAFF },
      schema: { hide: true, querystring: dashboardQuery },
      preHandler: async (req) => {
        const only = idsOf(req.query as { campaignIds?: string });
        if (only) await checkFilter(db, req.actor!, only);
      },
    }, (socket, req) => {
      const send = (data: unknown): void => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(data));
      };
      const unsubscribe = feed.subscribe(req.actor!, idsOf(req.query as { campaignIds?: string }), send);
      socket.on('close', unsubscribe);
      socket.on('error', unsubscribe);
    });
  };
}
