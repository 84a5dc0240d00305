import { createSocket } from 'node:dgram';
import { createServer, isIPv6 } from 'node:net';
import sip, { type SipMessage, type SipRequest, type Stack } from 'sip';
import type { Clock, Random, TimerHandle, Timers } from '../../../engine/ports.js';
import { AppError, validationFailed } from '../../../shared/errors.js';
import type { AmdFrameDecision } from '../../amd/create-amd-detector.js';
import type { Carrier, CarrierCall, CarrierListener, PlaceCallRequest } from '../../carrier.js';
import { SipCall } from './sip-call.js';
import { type SipCarrierConfig, type SipCarrierConfigInput, parseSipCarrierConfig } from './sip-config.js';
import type { LegEnvironment, SipLeg } from './sip-leg.js';

/**
 * The SIP carrier (T2): calls go out as INVITEs to a SIP trunk over UDP or TCP (the npm `sip`
 * package does transactions and transport); SDP and G.711 RTP are ours (sdp.ts, rtp-stream.ts).
 * See docs/SIP.md for what each SIP outcome becomes.
 */

/** The answering-machine detection seam (D5): fed the answered call's audio, 20 ms at a time. */
export interface FrameDetector {
  /**
   * One frame of 160 samples of 8 kHz linear PCM, in order from the answer. Returns the decision
   * once made — with how long before it the greeting ended, which the engine's 2-second rule
   * counts from (D6) — else null.
   */
  push(frame: Int16Array): AmdFrameDecision | null;
}

export interface SipCarrierDeps {
  clock: Clock;
  timers: Timers;
  /** SSRCs, tags, Call-IDs, SDP session IDs. */
  random: Random;
  /** The SIP URI of an agent's line, where `bridge(agentId)` sends the call; throw (or reject) with an AppError if she has none. */
  agentUri(agentId: number): string | Promise<string>;
  /** The audio of a message to play (8 kHz mono PCM); throw an AppError if there is none. */
  messageAudio(message: string): Int16Array | Promise<Int16Array>;
  /** Makes a message's audio ahead of its first play (`Carrier.prepareMessages`). */
  prepareMessage?(message: string): Promise<void>;
  /** Makes a detector for a call placed with `detectMachine`. Without one the decision is `unknown` at the answer. */
  detector?: (callId: string) => FrameDetector;
  /** Every decoded 20 ms frame the customer sends after answering (recording, monitoring, tests). */
  onAudio?: (callId: string, frame: Int16Array) => void;
  /** Every SIP message sent and received (a SIP trace for debugging; keep it off in production logs: it has numbers). */
  trace?: (direction: 'sent' | 'received', message: SipMessage, remote: { protocol: string; address: string; port: number }) => void;
}

export class SipCarrier implements Carrier {
  /**
   * Checks that the SIP port is free (UDP and TCP) before starting: the `sip` package would
   * otherwise crash the process on a port in use. Prefer this to the constructor.
   */
  static async start(deps: SipCarrierDeps, config: SipCarrierConfigInput): Promise<SipCarrier> {
    const { local } = parseSipCarrierConfig(config);
    await assertPortFree(local.address, local.sipPort);
    return new SipCarrier(deps, config);
  }

  readonly name = 'sip';
  readonly config: SipCarrierConfig;
  private readonly calls = new Map<string, SipCall>();
  private readonly legs = new Map<string, SipLeg>();
  private readonly forgetting = new Set<TimerHandle>();
  private readonly stack: Stack;
  private readonly env: LegEnvironment;
  private rtpCursor: number;
  private closed = false;

  constructor(
    private readonly deps: SipCarrierDeps,
    config: SipCarrierConfigInput,
  ) {
    this.config = parseSipCarrierConfig(config);
    const { local, trunk } = this.config;
    if (!/^[0-9.]+$|:/.test(local.address)) throw validationFailed(`local.address must be an IP address to bind to, got "${local.address}".`, { field: 'local.address' });
    if (trunk.host === local.address && !trunk.domain) {
      // The sip package takes a next hop equal to its own host for one of its own flow tokens.
      throw validationFailed(`The trunk host (${trunk.host}) is this carrier's own address; give the trunk its own address.`, { field: 'trunk.host' });
    }
    this.stack = sip.create(
      {
        address: local.address,
        port: local.sipPort,
        udp: true, // agents' phones may use either transport
        tcp: true,
        rport: true,
        ...(deps.trace ? { logger: { send: (m, to) => deps.trace?.('sent', m, to), recv: (m, from) => deps.trace?.('received', m, from) } } : {}),
      },
      (rq) => this.onRequest(rq),
    );
    this.rtpCursor = deps.random.int(Math.max(1, (local.rtpPorts.max - local.rtpPorts.min) >> 1));
    const host = local.address.includes(':') ? `[${local.address}]` : local.address;
    this.env = {
      stack: this.stack,
      deps,
      address: local.address,
      contact: { udp: `sip:pacer@${host}:${local.sipPort}`, tcp: `sip:pacer@${host}:${local.sipPort};transport=tcp` },
      callIdHost: `${local.address.replace(/:/g, '-')}-${local.sipPort}`,
      rtpPorts: local.rtpPorts,
      codecs: this.config.codecs,
      nextRtpPort: () => this.rtpCursor++,
      token: () => deps.random.int(0x7fffffff).toString(36) + deps.random.int(0x7fffffff).toString(36),
      register: (id, leg) => this.legs.set(id, leg),
      forgetLater: (id) => {
        // Keep answering in-dialog requests (a BYE crossing ours) for 64*T1, then forget the dialog.
        const handle = deps.timers.after(32_000, () => {
          this.forgetting.delete(handle);
          this.legs.delete(id);
        });
        this.forgetting.add(handle);
      },
    };
  }

  get liveCalls(): number {
    return this.calls.size;
  }

  placeCall(request: PlaceCallRequest, listener: CarrierListener): CarrierCall {
    if (this.closed) throw new AppError('invalid_state', 'The SIP carrier is closed; no new calls can be placed.');
    if (!request.callId) throw validationFailed('Every call needs a callId (the attempt ID).');
    if (!(request.ringTimeoutSeconds > 0) || !Number.isFinite(request.ringTimeoutSeconds)) {
      throw validationFailed(`ringTimeoutSeconds must be a positive number of seconds, got ${request.ringTimeoutSeconds}.`, { field: 'ringTimeoutSeconds' });
    }
    if (!request.to) throw validationFailed('A call needs a number to dial (`to`).', { field: 'to' });
    if (this.calls.has(request.callId)) {
      throw new AppError('conflict', `Call ${request.callId} is already in progress; every attempt needs its own ID.`, { callId: request.callId });
    }
    const call = new SipCall(request, listener, this.config, this.deps, this.env, () => this.calls.delete(request.callId));
    this.calls.set(request.callId, call);
    call.start();
    return call;
  }

  async prepareMessages(messages: readonly string[]): Promise<void> {
    const prepare = this.deps.prepareMessage;
    if (prepare) await Promise.all(messages.map((m) => prepare(m)));
  }

  /** Hangs up every live call without events (BYE/CANCEL still go out), then stops listening. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const call of [...this.calls.values()]) call.drop();
    this.calls.clear();
    await new Promise<void>((resolve) => this.deps.timers.after(50, resolve)); // let the last BYEs and CANCELs leave the socket
    for (const handle of this.forgetting) this.deps.timers.cancel(handle);
    this.forgetting.clear();
    this.legs.clear();
    this.stack.destroy();
  }

  private onRequest(rq: SipRequest): void {
    const leg = this.legs.get(rq.headers['call-id']);
    if (leg) return leg.handleRequest(rq);
    if (rq.method === 'ACK') return;
    if (rq.method === 'OPTIONS') return this.stack.send(sip.makeResponse(rq, 200, 'OK'));
    if (rq.method === 'INVITE') return this.stack.send(sip.makeResponse(rq, 603, 'Decline')); // outbound only
    this.stack.send(sip.makeResponse(rq, 481, 'Call/Transaction Does Not Exist'));
  }
}

async function assertPortFree(address: string, port: number): Promise<void> {
  const inUse = (protocol: string) =>
    new AppError('invalid_state', `SIP port ${address}:${port}/${protocol} is in use (or the address is not this host's); set local.sipPort to a free port.`, { address, port, protocol });
  const udp = createSocket(isIPv6(address) ? 'udp6' : 'udp4');
  const udpFree = await new Promise<boolean>((resolve) => {
    udp.once('error', () => resolve(false));
    udp.bind(port, address, () => resolve(true));
  });
  await new Promise<void>((resolve) => (udpFree ? udp.close(() => resolve()) : resolve()));
  if (!udpFree) throw inUse('udp');
  const tcp = createServer();
  const tcpFree = await new Promise<boolean>((resolve) => {
    tcp.once('error', () => resolve(false));
    tcp.listen(port, address, () => resolve(true));
  });
  await new Promise<void>((resolve) => (tcpFree ? tcp.close(() => resolve()) : resolve()));
  if (!tcpFree) throw inUse('tcp');
}
