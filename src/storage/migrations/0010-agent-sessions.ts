import type { Kysely } from 'kysely';
import { runScript } from '../run-script.js';

/**
 * Agents survive a restart (issue 4 points 2, 14; issue 5 point 9). Each node writes a heartbeat
 * (`dialer_nodes.seen_at`, every tick) and, with every batch of agent transitions, each agent's
 * latest state (`agent_sessions`: campaigns joined, status, reason, the record or call in hand).
 * When a node is gone — its heartbeat row deleted on shutdown, older than the lease time, or its
 * process no longer running on this host — another node (or the same one, restarted) takes its
 * agents' sessions over in one conditional UPDATE, so two nodes never restore the same agent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE dialer_nodes (
      node_id     text PRIMARY KEY,
      started_at  timestamptz NOT NULL,
      seen_at     timestamptz NOT NULL
    );
    CREATE TABLE agent_sessions (
      user_id     integer PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      node_id     text NOT NULL,
      state       jsonb NOT NULL,
      updated_at  timestamptz NOT NULL
    );
    CREATE INDEX agent_sessions_node_idx ON agent_sessions (node_id);
  `);
}
