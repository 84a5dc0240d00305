import type { DialerRuntime } from '../dialer/dialer-runtime.js';
import type { SocketRoute } from '../http/sockets.js';

/**
 * Issue 4 point 11: one WebSocket channel per signed-in user, `GET /api/agent/events`
 * (upgrade). The session cookie or bearer token is checked like any API call before the
 * upgrade. The first message is the current state; then offers, agent and call states and
 * messages (C7) as they happen, as JSON `{type, …}` (src/dialer/event-hub.ts). Messages from
 * the client are ignored: commands go through the REST routes, which answer with errors.
 */
export function agentSocket(runtime: DialerRuntime): SocketRoute {
  return (scope) => {
    scope.get('/agent/events', { websocket: true, schema: { hide: true } }, (socket, req) => {
      const userId = req.actor!.userId;
      const send = (data: unknown): void => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(data));
      };
      send({ type: 'agent.state', state: runtime.describe(userId) });
      const unsubscribe = runtime.events.subscribe(userId, send);
      socket.on('close', unsubscribe);
      socket.on('error', unsubscribe);
    });
  };
}
