import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { DoNotCall } from '../dnc/do-not-call.js';
import { type EnginePorts, realTimePorts } from '../engine/ports.js';
import { recordingByName } from '../recordings/manage-recordings.js';
import { AppError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { amdFrameDetector } from '../telephony/amd/create-amd-detector.js';
import { SimulatedCarrier } from '../telephony/adapters/simulated/simulated-carrier.js';
import { type SimulatedCarrierConfigInput, serverCarrierConfig } from '../telephony/adapters/simulated/simulated-config.js';
import { messageAudio } from '../telephony/adapters/sip/message-audio.js';
import { SipCarrier } from '../telephony/adapters/sip/sip-carrier.js';
import type { SipCarrierConfig } from '../telephony/adapters/sip/sip-config.js';
import type { Carrier } from '../telephony/carrier.js';
import { DialerRuntime } from './dialer-runtime.js';
import type { DialerLog } from './engine-context.js';

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

/**
 * The dialer as the server runs it (issue 4 point 6): real-time ports (wall clock, setTimeout,
 * a logged random seed) and a carrier — the simulated one (T1) unless a SIP trunk (T2) is
 * configured, which then dials for real, with Pacer's answering-machine detector (D5) on every
 * answer that asks for it, agents' own phones rung on connect and messages spoken or played
 * from recordings. Each process gets its own node ID, which is what campaign leases name; it
 * takes over the agents of a node that is gone (a restart: the same agents, records and wrap-ups).
 */
export interface DialerDeps {
  storage: Storage;
  dnc: DoNotCall;
  log: DialerLog;
  seed?: string;
  /** The simulated carrier's settings over the server's defaults (without `sip`). */
  carrier?: Partial<SimulatedCarrierConfigInput>;
  /** A SIP trunk to dial through instead of the simulated carrier, and where each agent's phone is. */
  sip?: SipDialing | null;
}

export interface SipDialing {
  config: SipCarrierConfig;
  /** An agent's phone line (SIP URI), null when she has none. */
  agentLine: (agentId: number) => Promise<string | null>;
}

export async function createDialer(deps: DialerDeps): Promise<{ runtime: DialerRuntime; carrier: Carrier; nodeId: string; seed: string }> {
  const seed = deps.seed ?? randomUUID();
  const ports = realTimePorts(seed);
  const carrier = deps.sip ? await sipCarrier(ports, deps.storage, deps.sip) : new SimulatedCarrier({ clock: ports.clock, timers: ports.timers, random: ports.random.fork('carrier') }, { ...serverCarrierConfig, ...deps.carrier });
  const nodeId = `${hostname()}:${process.pid}:${seed.slice(0, 8)}`;
  const runtime = new DialerRuntime({
    storage: deps.storage,
    dnc: deps.dnc,
    ports,
    carrier,
    nodeId,
    log: deps.log,
    options: { restoreAgents: true },
    isNodeAlive,
    ...(deps.sip ? { agentLine: deps.sip.agentLine } : {}),
  });
  return { runtime, carrier, nodeId, seed };
}

async function sipCarrier(ports: EnginePorts, storage: Storage, { config, agentLine }: SipDialing): Promise<SipCarrier> {
  const messages = messageAudio(config.messages, (name) => recordingByName(storage.db, name));
  return SipCarrier.start(
    {
      clock: ports.clock,
      timers: ports.timers,
      random: ports.random.fork('carrier'),
      agentUri: async (agentId) => {
        const uri = await agentLine(agentId);
        if (!uri) throw new AppError('invalid_state', `Agent ${agentId} has no phone line (SIP URI); set it under Users.`, { agentId });
        return uri;
      },
      messageAudio: (message) => messages.audio(message),
      prepareMessage: (message) => messages.prepare(message),
      detector: () => amdFrameDetector(),
    },
    config,
  );
}
