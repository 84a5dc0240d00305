import { type Socket, createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { Clock, Random, TimerHandle, Timers } from '../../../engine/ports.js';
import { FRAME_MS, FRAME_SAMPLES } from './audio.js';
import { type G711Codec, decodeG711, encodeG711, payloadTypeOf } from './g711.js';

/**
 * One call leg's RTP (RFC 3550) over UDP: G.711 in 20 ms packets. Received packets are decoded to
 * 160-sample frames for `onFrame` (answering-machine detection, the bridge relay); `play` sends
 * PCM paced on the injected timers. No RTCP, no jitter buffer: enough for a dialer's legs.
 */
export interface RtpPorts {
  min: number;
  max: number;
}

export interface RtpDeps {
  clock: Clock;
  timers: Timers;
  random: Random;
}

const HEADER = 12;

export class RtpStream {
  onFrame: ((frame: Int16Array) => void) | null = null;
  private remote: { address: string; port: number; codec: G711Codec } | null = null;
  private seq: number;
  private timestamp: number;
  private readonly ssrc: number;
  private marker = true;
  private playing: { timer: TimerHandle | null; done: () => void } | null = null;
  private closed = false;
  private partial = new Int16Array(0);

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    private readonly deps: RtpDeps,
  ) {
    this.seq = deps.random.int(0x10000);
    this.timestamp = deps.random.int(0x7fffffff);
    this.ssrc = deps.random.int(0x7fffffff);
    socket.on('message', (packet) => this.receive(packet));
    socket.on('error', () => undefined); // ICMP unreachable after the far end is gone: nothing to do
  }

  /** Binds the first free even port of the range, starting from `from` (rotating through the range). */
  static async open(address: string, ports: RtpPorts, from: number, deps: RtpDeps): Promise<RtpStream> {
    const evenMin = ports.min + (ports.min % 2);
    const count = Math.floor((ports.max - evenMin) / 2) + 1;
    for (let i = 0; i < count; i++) {
      const port = evenMin + 2 * ((from + i) % count);
      const socket = createSocket(isIPv6(address) ? 'udp6' : 'udp4');
      const bound = await new Promise<boolean>((resolve) => {
        socket.once('error', () => resolve(false));
        socket.bind(port, address, () => resolve(true));
      });
      if (bound) return new RtpStream(socket, port, deps);
      socket.close();
    }
    throw new Error(`No free RTP port on ${address} between ${ports.min} and ${ports.max}; widen rtpPorts or end some calls.`);
  }

  get codec(): G711Codec | null {
    return this.remote?.codec ?? null;
  }

  setRemote(address: string, port: number, codec: G711Codec): void {
    this.remote = { address, port, codec };
  }

  /** Sends one 20 ms frame now (the relay's path). */
  sendFrame(pcm: Int16Array): void {
    if (this.closed || !this.remote || this.remote.port === 0) return;
    const payload = encodeG711(this.remote.codec, pcm);
    const packet = Buffer.allocUnsafe(HEADER + payload.length);
    packet[0] = 0x80;
    packet[1] = (this.marker ? 0x80 : 0) | payloadTypeOf[this.remote.codec];
    packet.writeUInt16BE(this.seq, 2);
    packet.writeUInt32BE(this.timestamp >>> 0, 4);
    packet.writeUInt32BE(this.ssrc >>> 0, 8);
    payload.copy(packet, HEADER);
    this.marker = false;
    this.seq = (this.seq + 1) & 0xffff;
    this.timestamp = (this.timestamp + pcm.length) >>> 0;
    this.socket.send(packet, this.remote.port, this.remote.address);
  }

  /** Sends PCM in real-time 20 ms packets; `done` when the last one is out. Replaces anything still playing. */
  play(pcm: Int16Array, done: () => void = () => undefined): void {
    this.stopPlaying();
    const started = this.deps.clock.now().getTime();
    const frames = Math.ceil(pcm.length / FRAME_SAMPLES);
    const state: { timer: TimerHandle | null; done: () => void } = { timer: null, done };
    this.playing = state;
    const next = (k: number): void => {
      if (this.playing !== state) return;
      if (k >= frames) {
        this.playing = null;
        done();
        return;
      }
      const frame = new Int16Array(FRAME_SAMPLES);
      frame.set(pcm.subarray(k * FRAME_SAMPLES, (k + 1) * FRAME_SAMPLES));
      this.sendFrame(frame);
      state.timer = this.deps.timers.at(started + (k + 1) * FRAME_MS, () => next(k + 1));
    };
    next(0);
  }

  get isPlaying(): boolean {
    return this.playing !== null;
  }

  stopPlaying(): void {
    if (this.playing?.timer) this.deps.timers.cancel(this.playing.timer);
    this.playing = null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopPlaying();
    this.onFrame = null;
    this.socket.close();
  }

  private receive(packet: Buffer): void {
    if (packet.length < HEADER || packet[0]! >> 6 !== 2 || !this.onFrame) return;
    const csrc = packet[0]! & 0x0f;
    let offset = HEADER + 4 * csrc;
    if (packet[0]! & 0x10) {
      if (packet.length < offset + 4) return;
      offset += 4 + 4 * packet.readUInt16BE(offset + 2);
    }
    let end = packet.length;
    if (packet[0]! & 0x20) end -= packet[end - 1]!;
    const pt = packet[1]! & 0x7f;
    const codec: G711Codec | null = pt === 0 ? 'PCMU' : pt === 8 ? 'PCMA' : null;
    if (!codec || end <= offset) return; // comfort noise, telephone-events: not audio
    this.deliver(decodeG711(codec, packet.subarray(offset, end)));
  }

  /** Whatever the far end's packet time (10, 20, 30 ms…), frames go out as 20 ms of 160 samples. */
  private deliver(samples: Int16Array): void {
    let pcm = samples;
    if (this.partial.length > 0) {
      pcm = new Int16Array(this.partial.length + samples.length);
      pcm.set(this.partial);
      pcm.set(samples, this.partial.length);
    }
    let at = 0;
    for (; at + FRAME_SAMPLES <= pcm.length; at += FRAME_SAMPLES) this.onFrame?.(pcm.slice(at, at + FRAME_SAMPLES));
    this.partial = pcm.slice(at);
  }
}
