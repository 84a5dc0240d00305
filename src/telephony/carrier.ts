import type { AmdDecision } from '../calls/call-results.js';

/**
 * The Carrier port: how the engine places and controls calls, whatever carries them — the
 * simulated carrier (T1, adapters/simulated/) or a SIP trunk (T2, adapters/sip/, later). Every
 * adapter passes the same contract suite (tests/telephony/carrier-contract.ts).
 *
 * The carrier is mechanism, not policy: it does what it is told (it will hang up a held call);
 * the rules — D7, minimum ring time, abandon within 2 s — live in the engine's state machines.
 *
 * Contract, in short:
 * - Events are delivered asynchronously, never from inside `placeCall` or a control method.
 * - A call gets at most one `ringing`, at most one `answered`, at most one `amd` (only when
 *   `detectMachine` was asked for), and exactly one `ended`, after which nothing more.
 * - `hold`, `resume`, `bridge` and `playMessage` need an answered call (else AppError
 *   'invalid_state'), and are confirmed by `held`, `resumed`, `bridged`, `message_played`
 *   (unless the far end hangs up first); a `bridge` the agent's line does not take gets
 *   `bridge_failed` instead, and the call stays up.
 * - On an ended call every control method is ignored (hang-ups may cross on the wire).
 * - Event times are the carrier clock's time at delivery, and never go backwards.
 */
export interface PlaceCallRequest {
  /** The attempt's unique ID; events carry it. A second live call with the same ID is refused. */
  callId: string;
  /** E.164 number to dial. */
  to: string;
  /** E.164 caller ID to present, or null for the trunk's default. */
  callerId: string | null;
  /** Give up after this long unanswered (the regulatory profile sets the minimum, e.g. 15 s). */
  ringTimeoutSeconds: number;
  /** Run answering-machine detection on answer (D5); the decision arrives as an `amd` event. */
  detectMachine: boolean;
}

export type CarrierEndCause = 'busy' | 'no_answer' | 'bad_number' | 'failed' | 'remote_hang_up' | 'local_hang_up';

interface EventBase {
  callId: string;
  at: Date;
}

export type CarrierEvent =
  | ({ type: 'ringing' } & EventBase)
  | ({ type: 'answered' } & EventBase)
  /**
   * D5: the detector's decision and how long after the answer it took; `afterGreetingMs`, when
   * the far end spoke, is how long before the decision its greeting ended — the law's 2 seconds
   * to reach an agent run from the completed greeting, so the engine's D6 wait is that much shorter.
   */
  | ({ type: 'amd'; decision: AmdDecision; decisionMs: number; afterGreetingMs?: number } & EventBase)
  | ({ type: 'bridged'; agentId: number } & EventBase)
  /** The agent's line did not take the bridged call (refused, unreachable, not answering); the contact stays on the line, unbridged, and may be bridged again. */
  | ({ type: 'bridge_failed'; agentId: number; reason: string } & EventBase)
  | ({ type: 'held' } & EventBase)
  | ({ type: 'resumed' } & EventBase)
  | ({ type: 'message_played' } & EventBase)
  | ({ type: 'ended'; cause: CarrierEndCause; detail?: string } & EventBase);

export type CarrierEventType = CarrierEvent['type'];
export type CarrierListener = (event: CarrierEvent) => void;

/** Control of one placed call. */
export interface CarrierCall {
  readonly callId: string;
  /** End the call (at any stage; cancels a dial that is still ringing). */
  hangUp(): void;
  /** Connect the answered contact to an agent's line (with the zip tone on a real trunk, D1). */
  bridge(agentId: number): void;
  hold(): void;
  resume(): void;
  /** Play a recorded message (D5 machine message, D6 abandon message); optionally hang up after it. */
  playMessage(message: string, options?: { hangUpAfter?: boolean }): void;
}

export interface Carrier {
  readonly name: string;
  placeCall(request: PlaceCallRequest, listener: CarrierListener): CarrierCall;
  /**
   * Makes the audio of these messages ahead of their first `playMessage` (a real line speaks
   * or loads them; the simulated carrier needs nothing). Rejects, saying why, when one cannot
   * be played.
   */
  prepareMessages?(messages: readonly string[]): Promise<void>;
  /** Calls placed and not yet ended. */
  readonly liveCalls: number;
  /** Stop: drop every live call without further events and refuse new ones. */
  close(): Promise<void>;
}
