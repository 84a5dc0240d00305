/**
 * Issue 4 point 13: the whole dialer in virtual time at scale — 1,000 agents in power mode with
 * 3 lines each (up to 3,000 concurrent calls), simulated agents, the seeded simulated carrier and
 * a real database (embedded PGlite in memory by default, or a fresh PostgreSQL database). Prints
 * simulated hours per wall-clock second, the peak of concurrent calls and the attempts stored.
 *
 * `--mode predictive` runs the same floor paced by the predictive policy (D3) instead of 3 power lines.
 *
 * Run: node --import tsx bench/dialer-virtual.ts [--agents 1000] [--lines 3] [--minutes 10] [--engine embedded|postgres] [--mode power|predictive]
 */
import { parseArgs } from 'node:util';
import { defaultBehaviour, SimulatedAgent } from '../src/dialer/simulated-agents.js';
import { seededRandom } from '../src/engine/random.js';
import { startHarness } from '../tests/dialer/harness.js';
import type { Engine } from '../tests/support/storage.js';
import { seedFloor } from './dialer-floor.js';

const { values } = parseArgs({ options: { agents: { type: 'string', default: '1000' }, lines: { type: 'string', default: '3' }, minutes: { type: 'string', default: '10' }, engine: { type: 'string', default: 'embedded' }, mode: { type: 'string', default: 'power' } } });
const MODE = values.mode === 'predictive' ? 'predictive' : 'power';
const AGENTS = Number(values.agents);
const LINES = Number(values.lines);
const MINUTES = Number(values.minutes);
const engine = values.engine as Engine;
// Enough records that the lines never run dry: ~one call per line every 30 s, plus margin.
const RECORDS = Math.ceil(AGENTS * LINES * MINUTES * 2.5);

const wall = () => performance.now();
const t0 = wall();
const h = await startHarness(engine, {
  seed: 'bench-dialer-virtual',
  carrier: {
    outcomes: { live: 0.3, machine: 0.15, busy: 0.1, noAnswer: 0.4, badNumber: 0.05 },
    answerDelay: { dist: 'lognormal', median: 8, p90: 20 },
    talk: { dist: 'lognormal', median: 40, p90: 150 },
    amd: { falseMachineRate: 0.02, falseHumanRate: 0.1 },
  },
});
const db = h.storage.db;
const now = h.time.now();
const { queueId, agentIds, listId } = await seedFloor(db, now, { agents: AGENTS, records: RECORDS });
const id = await h.makeCampaign({ mode: MODE, queueId, listIds: [listId], ...(MODE === 'power' ? { linesPerAgent: LINES } : {}), abandonMessage: 'Sorry we missed you.', regulatoryProfile: 'none', retryRules: { maxAttemptsPerRecord: 1 } });
await h.start(id);
const random = seededRandom('bench-agents');
const bots = agentIds.map((userId, i) => new SimulatedAgent(h.runtime, userId, random.fork(`agent-${i}`), { ...defaultBehaviour, breakChance: 0, wrap: { dist: 'lognormal', median: 8, p90: 20 } }));
await h.runtime.ensureEngine(id);
for (const userId of agentIds) h.runtime.desk.apply(userId, { type: 'login', campaignId: id });
await h.run(1_000);
const setupMs = wall() - t0;
process.stdout.write(`setup: ${AGENTS} agents, ${RECORDS.toLocaleString('en')} records on ${engine} in ${(setupMs / 1000).toFixed(1)} s\n`);

const engineRef = h.runtime.engineOf(id);
let peak = 0;
const start = wall();
const startEvents = h.time.nowMs();
for (let s = 0; s < MINUTES * 6; s++) {
  await h.run(10_000);
  peak = Math.max(peak, engineRef.calls.count);
}
const elapsedS = (wall() - start) / 1000;
const simulatedH = (h.time.nowMs() - startEvents) / 3_600_000;
const attempts = await db.selectFrom('dial_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', id).executeTakeFirstOrThrow();
const failures = h.runtime.takeFailures();
const rate = engineRef.abandons.rate('us', h.time.now());
for (const b of bots) b.stop();
await h.close();
process.stdout.write(
  `${MODE === 'power' ? `${AGENTS} agents × ${LINES} lines` : `${AGENTS} agents, predictive`}, ${MINUTES} simulated minutes: ${elapsedS.toFixed(1)} s wall clock → ${(simulatedH / elapsedS).toFixed(4)} simulated hours per wall-clock second ` +
    `(${((simulatedH * 3600) / elapsedS).toFixed(2)}× real time); peak concurrent calls ${peak}; attempts stored ${Number(attempts.n).toLocaleString('en')}; abandoned ${rate.abandoned} of ${rate.liveAnswers} live answers; failures ${failures.length}\n`,
);
process.exit(failures.length > 0 ? 1 : 0);
