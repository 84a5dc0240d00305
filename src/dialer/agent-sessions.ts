import { sql, type Kysely } from 'kysely';
import { agentStatuses, type AgentState } from '../agents/agent-state.js';
import type { Database } from '../storage/schema.js';
import type { RestoredAgent } from './restore-work.js';

/**
 * Nodes and the agents they hold (migration 0010; issue 4 point 14, issue 5 point 9). A node
 * beats every tick; its agents' latest states are written with their transitions
 * (batch-writes.ts). The agents of a node that is gone are taken over by one node — a
 * conditional UPDATE, so two nodes starting at once never restore the same agent.
 */
type Db = Kysely<Database>;

export async function beat(db: Db, nodeId: string, now: Date): Promise<void> {
  await db
    .insertInto('dialer_nodes')
    .values({ node_id: nodeId, started_at: now, seen_at: now })
    .onConflict((oc) => oc.column('node_id').doUpdateSet({ seen_at: now }))
    .execute();
}

/** A clean shutdown: the node is gone at once (its agents are restored by the next node to look). */
export async function leave(db: Db, nodeId: string): Promise<void> {
  await db.deleteFrom('dialer_nodes').where('node_id', '=', nodeId).execute();
}

/**
 * Takes over the agents of nodes that are gone: no heartbeat row, none for `ttlMs`, or said dead
 * by `isAlive` (a process of this host that no longer runs). Returns their last states.
 */
export async function takeOverAgents(db: Db, a: { nodeId: string; now: Date; ttlMs: number; isAlive: (nodeId: string) => boolean | undefined }): Promise<RestoredAgent[]> {
  const nodes = await db.selectFrom('dialer_nodes').select('node_id').where('node_id', '<>', a.nodeId).execute();
  const dead = nodes.map((n) => n.node_id).filter((id) => a.isAlive(id) === false);
  if (dead.length > 0) {
    // A process that is gone holds nothing: its leases lapse now rather than in `ttlMs`.
    await db.deleteFrom('dialer_nodes').where('node_id', 'in', dead).execute();
    await db.updateTable('campaign_leases').set({ expires_at: new Date(a.now.getTime() - 1) }).where('holder', 'in', dead).execute();
  }
  const cutoff = new Date(a.now.getTime() - a.ttlMs);
  // Gone: no fresh heartbeat, and no campaign lease it could still be dialing under.
  const { rows } = await sql<{ user_id: number; state: unknown; from_node: string }>`
    WITH gone AS (
      SELECT s.user_id, s.node_id FROM agent_sessions s
       WHERE s.node_id <> ${a.nodeId}
         AND NOT EXISTS (SELECT 1 FROM dialer_nodes n WHERE n.node_id = s.node_id AND n.seen_at > ${cutoff})
         AND NOT EXISTS (SELECT 1 FROM campaign_leases l WHERE l.holder = s.node_id AND l.expires_at >= ${a.now})
       FOR UPDATE OF s SKIP LOCKED
    )
    UPDATE agent_sessions s SET node_id = ${a.nodeId}, updated_at = ${a.now}
      FROM gone WHERE s.user_id = gone.user_id AND s.node_id = gone.node_id
    RETURNING s.user_id, s.state, gone.node_id AS from_node
  `.execute(db);
  const restored: RestoredAgent[] = [];
  for (const row of rows) {
    const state = readState(row.state);
    if (state) restored.push({ userId: Number(row.user_id), state, fromNode: row.from_node });
  }
  return restored;
}

/** Forgets a session that cannot be restored (none of its campaigns runs here any more). */
export async function dropSession(db: Db, userId: number, nodeId: string): Promise<void> {
  await db.deleteFrom('agent_sessions').where('user_id', '=', userId).where('node_id', '=', nodeId).execute();
}

/** A stored state, checked: anything not shaped like a logged-in agent's state is skipped. */
function readState(raw: unknown): RestoredAgent['state'] | null {
  const value = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (typeof value !== 'object' || value === null) return null;
  const s = value as Record<string, unknown>;
  if (typeof s.status !== 'string' || !agentStatuses.includes(s.status as AgentState['status']) || s.status === 'logged_out') return null;
  if (!Array.isArray(s.campaigns) || !s.campaigns.every((c) => Number.isInteger(c))) return null;
  if ('work' in s) {
    const w = s.work as Record<string, unknown> | null;
    if (typeof w !== 'object' || w === null || !Number.isInteger(w.campaignId)) return null;
  }
  return { ...(s as unknown as RestoredAgent['state']), since: new Date(String(s.since)) };
}
