import websocket from '@fastify/websocket';
import type { App } from './types.js';

/**
 * The WebSocket routes (issue 4 point 11: the agent channel, the supervisors' dashboard) share
 * one registration of @fastify/websocket: each registration listens to the server's upgrades
 * and would route every upgrade once more. The session cookie or bearer token and the route's
 * roles are checked like any API call, before the upgrade.
 */
export type SocketRoute = (scope: App) => void;

export function registerSockets(app: App, routes: readonly SocketRoute[]): void {
  void app.register(async (scope) => {
    await scope.register(websocket, { options: { maxPayload: 4096 } });
    for (const route of routes) route(scope as App);
  });
}
