import type { Logger } from 'pino';
import type { Actor } from '../access/actor.js';
import { changeCampaignStatus } from '../campaigns/change-campaign-status.js';
import type { DialerRuntime } from '../dialer/dialer-runtime.js';
import { SimulatedAgent } from '../dialer/simulated-agents.js';
import type { AppDeps } from '../http/types.js';
import { demoAgents } from './demo-people.js';
import { DEMO_FLOOR_CAMPAIGN } from './load-demo.js';

/** How many of the demo's agents the simulation works with; the others are left for people to sign in as. */
export const DEMO_FLOOR_AGENTS = 4;

/**
 * `npm start -- --demo` (issue 4 point 10): a live floor without anyone clicking. After the
 * server listens, the demo's progressive campaign is started (if it is a draft or paused) and a
 * few of the demo's own agents — never a real user: only agents of the demo roster, and not the
 * one printed as the example sign-in — join it as simulated agents (src/dialer/simulated-agents.ts)
 * that go ready, talk to the simulated carrier's contacts, wrap up and take breaks.
 */
export interface DemoFloor {
  campaignId: number;
  agents: Array<{ userId: number; email: string }>;
  stop(): void;
}

export async function startDemoFloor(deps: AppDeps, runtime: DialerRuntime, logger: Logger): Promise<DemoFloor | null> {
  try {
    return await runFloor(deps, runtime, logger);
  } catch (err) {
    logger.error({ err }, 'demo floor: could not start the simulated agents; the server runs without them');
    return null;
  }
}

async function runFloor(deps: AppDeps, runtime: DialerRuntime, logger: Logger): Promise<DemoFloor | null> {
  const { db } = deps.storage;
  const campaign = await db.selectFrom('campaigns').select(['id', 'status', 'queue_id']).where('name', '=', DEMO_FLOOR_CAMPAIGN).where('deleted_at', 'is', null).executeTakeFirst();
  if (!campaign) {
    logger.warn(`demo floor: no campaign named "${DEMO_FLOOR_CAMPAIGN}" (demo data from an older version?); nothing is simulated`);
    return null;
  }
  if (campaign.status === 'draft' || campaign.status === 'paused') {
    const admin = await db.selectFrom('users').select(['id', 'email']).where('role', '=', 'admin').where('disabled', '=', false).orderBy('id').executeTakeFirstOrThrow();
    const actor: Actor = { userId: admin.id, role: 'admin', email: admin.email, via: 'session' };
    await changeCampaignStatus(db, deps.clock, actor, campaign.id, 'start');
  }
  const roster = demoAgents.slice(1).map((a) => a.email);
  const members = await db
    .selectFrom('queue_members')
    .innerJoin('users', 'users.id', 'queue_members.user_id')
    .select(['users.id', 'users.email'])
    .where('queue_members.queue_id', '=', campaign.queue_id)
    .where('users.role', '=', 'agent')
    .where('users.disabled', '=', false)
    .where('users.email', 'in', roster)
    .orderBy('users.id')
    .limit(DEMO_FLOOR_AGENTS)
    .execute();
  await runtime.ensureEngine(campaign.id);
  const bots: SimulatedAgent[] = [];
  for (const m of members) {
    const bot = new SimulatedAgent(runtime, m.id, runtime.deps.ports.random.fork(`demo-agent-${m.id}`));
    bots.push(bot);
    const st = runtime.desk.state(m.id);
    if (st.status === 'logged_out' || !st.campaigns.includes(campaign.id)) runtime.desk.apply(m.id, { type: 'login', campaignId: campaign.id });
    else bot.resume(); // restored after a restart: carry on from there
  }
  const agents = members.map((m) => ({ userId: m.id, email: m.email }));
  logger.info({ campaignId: campaign.id, agents: agents.map((a) => a.email) }, 'demo floor: simulated agents are working the demo campaign');
  process.stdout.write(`  Demo floor: ${agents.length} simulated agents (${agents.map((a) => a.email).join(', ')}) work "${DEMO_FLOOR_CAMPAIGN}".\n`);
  return {
    campaignId: campaign.id,
    agents,
    stop: () => {
      for (const b of bots) b.stop();
    },
  };
}
