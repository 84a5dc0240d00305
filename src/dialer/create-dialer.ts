import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { DoNotCall } from '../dnc/do-not-call.js';
import { realTimePorts } from '../engine/ports.js';
import type { Storage } from '../storage/database.js';
import { SimulatedCarrier } from '../telephony/adapters/simulated/simulated-carrier.js';
import { type SimulatedCarrierConfigInput, serverCarrierConfig } from '../telephony/adapters/simulated/simulated-config.js';
import { DialerRuntime } from './dialer-runtime.js';
import type { DialerLog } from './engine-context.js';

/**
 * The dialer as the server runs it (issue 4 point 6): real-time ports (wall clock, setTimeout,
 * a logged random seed) and the simulated carrier (T1) — the default until a SIP trunk (T2) is
 * configured. Each process gets its own node ID, which is what campaign leases name; it takes
 * over the agents of a node that is gone (a restart: the same agents, records and wrap-ups).
 */
/** A node of this host (`host:pid:…`) is alive while its process runs; of another host, its heartbeat says. */
function isNodeAlive(nodeId: string): boolean | undefined {
  const [host, pid] = nodeId.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return undefined;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // running, but not ours to signal
  }
}

export function createDialer(deps: { storage: Storage; dnc: DoNotCall; log: DialerLog; seed?: string; carrier?: Partial<SimulatedCarrierConfigInput> }): { runtime: DialerRuntime; carrier: SimulatedCarrier; nodeId: string; seed: string } {
  const seed = deps.seed ?? randomUUID();
  const ports = realTimePorts(seed);
  const carrier = new SimulatedCarrier({ clock: ports.clock, timers: ports.timers, random: ports.random.fork('carrier') }, { ...serverCarrierConfig, ...deps.carrier });
  const nodeId = `${hostname()}:${process.pid}:${seed.slice(0, 8)}`;
  const runtime = new DialerRuntime({ storage: deps.storage, dnc: deps.dnc, ports, carrier, nodeId, log: deps.log, options: { restoreAgents: true }, isNodeAlive });
  return { runtime, carrier, nodeId, seed };
}
