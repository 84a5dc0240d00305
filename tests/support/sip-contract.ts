import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { RealTimers } from '../../src/engine/real-time.js';
import { seededRandom } from '../../src/engine/random.js';
import { systemClock } from '../../src/shared/clock.js';
import { readWav8k, tone, wavBytes } from '../../src/telephony/adapters/sip/audio.js';
import { SipCarrier } from '../../src/telephony/adapters/sip/sip-carrier.js';
import { amdFrameDetector } from '../../src/telephony/amd/create-amd-detector.js';
import { type CarrierHarness, carrierContract, CONTRACT_NUMBERS } from '../telephony/carrier-contract.js';
import { BaresipPeer, freePort, sipPeersAvailable, speak, withSilence } from './sip-peer.js';

/**
 * Registers the Carrier contract for the SIP carrier (T2) against baresip on loopback, with its
 * peers' start and stop, in the calling test file (one file per transport, so they run in
 * parallel). The numbers are lines of one baresip process scripted over ctrl_tcp: a person who
 * answers, says "Hello?" and hangs up 4 s later, a voicemail that answers with a spoken greeting, a fax (CNG
 * tones), a busy line, one that never answers; a number with no line gets baresip's 404. Agents'
 * phones are a second baresip that auto-answers.
 */
const numbers = CONTRACT_NUMBERS;


/** A fax machine's calling tone: 1100 Hz for 0.5 s every 3.5 s (ITU-T T.30 CNG), for 35 s. */
function faxTones(): Int16Array {
  const period = [tone(1100, 500), new Int16Array(8000 * 3)];
  const out = new Int16Array(10 * (period[0]!.length + period[1]!.length));
  let at = 0;
  for (let i = 0; i < 10; i++) for (const part of period) (out.set(part, at), (at += part.length));
  return out;
}

export function sipCarrierContract(transport: 'udp' | 'tcp'): void {
  const available = sipPeersAvailable();
  let customers: BaresipPeer;
  let agents: BaresipPeer;
  let dir: string;
  let message: Int16Array;
  let harnesses = 0;

  beforeAll(async () => {
    if (!available) return;
    dir = mkdtempSync(join(tmpdir(), `pacer-sip-contract-${transport}-`));
    const hello = withSilence(dir, 'hello-padded', speak(dir, 'hello', 'Hello?'), 30_000, 600); // a person says hello a moment after picking up
    const greeting = withSilence(dir, 'greeting-padded', speak(dir, 'greeting', 'Hi, this is Sam. I can not take your call. Please leave a message after the tone.'), 30_000);
    const fax = join(dir, 'fax.wav');
    writeFileSync(fax, wavBytes(faxTones()));
    message = readWav8k(speak(dir, 'message', 'Please call us back.'));
    [customers, agents] = await Promise.all([
      BaresipPeer.start(`customers-${transport}`, [
        { user: numbers.human, answerAfterMs: 300, hangUpAfterMs: 4000, audio: hello },
        { user: numbers.machine, answerAfterMs: 300, audio: greeting },
        { user: numbers.fax, answerAfterMs: 300, audio: fax },
        { user: numbers.busy, rejectAfterMs: 200 },
        { user: numbers.noAnswer },
      ]),
      BaresipPeer.start(`agents-${transport}`, [1, 7].map((id) => ({ user: `agent${id}`, autoAnswer: true }))),
    ]);
  });

  afterAll(async () => {
    await Promise.all([customers?.stop(), agents?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const harness = async (): Promise<CarrierHarness> => {
    const timers = new RealTimers(systemClock);
    const carrier = await SipCarrier.start(
      {
        clock: systemClock,
        timers,
        random: seededRandom(`sip-contract-${transport}-${++harnesses}`),
        agentUri: (agentId) => agents.uri(`agent${agentId}`),
        messageAudio: () => message,
        detector: () => amdFrameDetector(), // D5 on the call's own audio (src/telephony/amd/)
      },
      {
        trunk: { host: customers.host, port: customers.sipPort, transport },
        from: { user: '+12025550199', domain: 'pacer.test' },
        local: { address: '127.0.0.1', sipPort: await freePort('127.0.0.1'), rtpPorts: { min: 30000, max: 39999 } },
      },
    );
    return {
      carrier,
      numbers,
      ringTimeoutSeconds: 2,
      timing: { answerMs: 1500, rejectMs: 1500, talkMs: 4000, messageMs: 3000, graceMs: 1500 },
      wait: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
      now: () => systemClock.now(),
      close: async () => {
        await carrier.close();
        timers.close();
      },
    };
  };

  describe.skipIf(!available)(`SIP carrier over ${transport.toUpperCase()} against baresip`, () => {
    carrierContract(`SIP carrier over ${transport.toUpperCase()} against baresip`, harness);
  });
}
