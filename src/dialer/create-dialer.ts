import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { DoNotCall } from '../dnc/do-not-call.js';
import { realTimePorts } from '../engine/ports.js';
import type { Storage } from '../storage/database.js';
import { SimulatedCarrier } from '../telephony/adapters/simulated/simulated-carrier.js';
import type { SimulatedCarrierConfigInput } from '../telephony/adapters/simulated/simulated-config.js';
import { DialerRuntime } from './dialer-runtime.js';
import type { DialerLog } from './engine-context.js';

/**
 * The dialer as the server runs it (issue 4 point 6): real-time ports (wall clock, setTimeout,
 * a logged random seed) and the simulated carrier (T1) — the default until a SIP trunk (T2) is
 * configured. Each process gets its own node ID, which is what campaign leases name.
 */
export const serverCarrierConfig: SimulatedCarrierConfigInput = {
  outcomes: { live: 0.3, machine: 0.15, fax: 0.02, busy: 0.1, noAnswer: 0.35, badNumber: 0.05, failed: 0.03 },
  answerDelay: { dist: 'lognormal', median: 8, p90: 20 },
  talk: { dist: 'lognormal', median: 60, p90: 240 },
  patience: { dist: 'lognormal', median: 6, p90: 20 },
  amd: { falseMachineRate: 0.02, falseHumanRate: 0.1 },
};

export function createDialer(deps: { storage: Storage; dnc: DoNotCall; log: DialerLog; seed?: string }): { runtime: DialerRuntime; carrier: SimulatedCarrier; nodeId: string; seed: string } {
  const seed = deps.seed ?? randomUUID();
  const ports = realTimePorts(seed);
  const carrier = new SimulatedCarrier({ clock: ports.clock, timers: ports.timers, random: ports.random.fork('carrier') }, serverCarrierConfig);
  const nodeId = `${hostname()}:${process.pid}:${seed.slice(0, 8)}`;
  const runtime = new DialerRuntime({ storage: deps.storage, dnc: deps.dnc, ports, carrier, nodeId, log: deps.log });
  return { runtime, carrier, nodeId, seed };
}
