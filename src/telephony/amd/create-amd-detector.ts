import type { AmdDecision } from '../../calls/call-results.js';
import { type AmdParams, amdParams } from './amd-params.js';
import { dominantTone, meanAbs, toneShare } from './frame-analysis.js';

/**
 * Answering-machine detection (D5) on the call's own audio: a pure, streaming detector. Push the
 * answered call's audio, 16-bit PCM frames (20 ms at 8 kHz is usual; any length works), and it
 * returns null until it decides, then the decision — and the same decision for every later frame.
 * No I/O, no clock: time is the audio pushed so far.
 *
 * It is Asterisk app_amd's state machine (docs/AMD.md draws it), with Pacer's additions:
 * - a noise floor: voice must stand `noiseFloorRatio` times above the quietest frame of the last
 *   `noiseWindowMs`, so steady background noise is silence rather than an endless word;
 * - fax tones: a CNG (1100 Hz) or CED (2100 Hz) tone held `faxToneMs` is a fax;
 * - a voicemail beep: any other steady tone from 400 to 2000 Hz held `beepMs` is a machine — the
 *   one sure sign of a short greeting ("Hi, it's Mike, leave a message") that ends in silence;
 * - word counting can be turned off (`maxWords` 0): a person's "Hello, Smith residence" is four
 *   words, which app_amd's default of 2 calls a machine;
 * - the silence after the greeting that makes a person grows with the greeting: short after one
 *   word ("Hello?"), longer after a phrase, since machines pause between sentences.
 */
export type AmdCause =
  | 'initial_silence' // no speech for initialSilenceMs: a machine (app_amd INITIALSILENCE)
  | 'long_greeting' // speech added up to greetingMs: a machine (LONGGREETING)
  | 'max_words' // maxWords words: a machine (MAXWORDS)
  | 'max_word_length' // one unbroken voice of maxWordLengthMs: a machine (MAXWORDLENGTH)
  | 'human_short_greeting' // a short greeting, then the silence its length asks for (afterOneWord/afterGreeting/afterLongGreetingSilenceMs): a person (HUMAN)
  | 'fax_tone' // a CNG or CED tone
  | 'beep' // a steady tone other than a fax's: a voicemail beep
  | 'max_analysis' // undecided after totalAnalysisMs (NOTSURE / TOOLONG)
  | 'audio_ended'; // the audio stopped (the far end hung up) before a decision (HANGUP)

export interface AmdResult {
  decision: AmdDecision;
  cause: AmdCause;
  /** Audio analysed when it decided, ms after the answer. */
  decisionMs: number;
  /** When the first word of the greeting began, ms after the answer; null if nobody spoke. */
  speechStartMs: number | null;
  /**
   * When the last word heard so far ended, ms after the answer; null if nobody spoke. For a
   * person (`human_short_greeting`) it is the end of her greeting, where the law starts the
   * 2-second rule's clock (D6, docs/AMD.md).
   */
  speechEndMs: number | null;
  /** Voice in the greeting, ms, and words counted, when it decided. */
  voiceMs: number;
  words: number;
}

export interface AmdDetector {
  readonly params: Readonly<AmdParams>;
  /** Analyse the next frame; null while undecided. Throws a TypeError for anything but a non-empty Int16Array. */
  push(frame: Int16Array): AmdResult | null;
  /** The audio has ended: the decision, or `unknown` / `audio_ended` if there was none yet. */
  end(): AmdResult;
  /** The decision so far, or null. */
  readonly result: AmdResult | null;
}

const CNG_HZ = 1100;
const CED_HZ = 2100;
/** A frame is tone when this share of its energy is in one Goertzel bin. */
const TONE_SHARE = 0.7;
/** A voicemail beep is a steady tone in this range, away from the fax's 1100 Hz. */
const BEEP_MIN_HZ = 400;
const BEEP_MAX_HZ = 2000;
const isBeep = (hz: number): boolean => hz >= BEEP_MIN_HZ && hz <= BEEP_MAX_HZ && Math.abs(hz - CNG_HZ) > 50;

export function createAmdDetector(overrides: Partial<AmdParams> = {}): AmdDetector {
  const p = amdParams(overrides);
  const levels: number[] = []; // the levels of the last noiseWindowMs of frames, for the noise floor
  const levelMs: number[] = [];
  let levelsMs = 0;

  let elapsedMs = 0;
  let greeting = false; // a word has been heard
  let inWord = false;
  let speechStartMs: number | null = null;
  let voiceRunMs = 0; // unbroken voice (gaps shorter than betweenWordsSilenceMs do not break it)
  let silenceRunMs = 0; // since the last voice that made a word (clicks shorter than a word count as silence)
  let gapMs = 0; // the current gap inside a word
  let quietMs = 0; // unbroken silence, not even a click: the after-greeting silence when utteranceGapMs is on
  let voiceMs = 0;
  let lastVoiceEndMs = 0;
  let words = 0;
  let cngMs = 0;
  let cedMs = 0;
  let beepMs = 0;
  let beepHz = 0;
  let result: AmdResult | null = null;

  const decide = (decision: AmdDecision, cause: AmdCause): AmdResult => {
    const speechEndMs = greeting ? Math.round(lastVoiceEndMs) : null;
    result = { decision, cause, decisionMs: Math.round(elapsedMs), speechStartMs, speechEndMs, voiceMs: Math.round(voiceMs), words };
    return result;
  };

  /** The silence that makes a greeting of `ms` a person: the shorter the greeting, the sooner. */
  const afterGreetingSilence = (ms: number): number => {
    if (ms <= p.oneWordGreetingMs) return p.afterOneWordSilenceMs;
    return ms > p.shortGreetingMs ? p.afterLongGreetingSilenceMs : p.afterGreetingSilenceMs;
  };

  const noiseFloor = (level: number, ms: number): number => {
    levels.push(level);
    levelMs.push(ms);
    levelsMs += ms;
    while (levels.length > 1 && levelsMs - levelMs[0]! >= p.noiseWindowMs) {
      levels.shift();
      levelsMs -= levelMs.shift()!;
    }
    let min = Infinity;
    for (const l of levels) if (l < min) min = l;
    return min;
  };

  return {
    params: p,
    get result() {
      return result;
    },
    end() {
      return result ?? decide('unknown', 'audio_ended');
    },
    push(frame) {
      if (!(frame instanceof Int16Array) || frame.length === 0) {
        throw new TypeError('AMD needs frames of 16-bit PCM as a non-empty Int16Array (20 ms at 8 kHz is 160 samples).');
      }
      if (result) return result;
      const ms = (frame.length * 1000) / p.sampleRate;
      elapsedMs += ms;
      const level = meanAbs(frame);

      if (p.faxToneMs > 0) {
        const loud = level >= p.silenceThreshold / 2;
        cngMs = loud && toneShare(frame, CNG_HZ, p.sampleRate) >= TONE_SHARE ? cngMs + ms : 0;
        cedMs = loud && toneShare(frame, CED_HZ, p.sampleRate) >= TONE_SHARE ? cedMs + ms : 0;
        if (cngMs >= p.faxToneMs || cedMs >= p.faxToneMs) return decide('fax', 'fax_tone');
      }
      if (p.beepMs > 0) {
        const tone = level >= p.silenceThreshold / 2 ? dominantTone(frame, p.sampleRate) : null;
        if (tone && tone.share >= TONE_SHARE && isBeep(tone.hz) && (beepMs === 0 || Math.abs(tone.hz - beepHz) <= 25)) {
          beepMs += ms;
          beepHz = tone.hz;
        } else beepMs = 0;
        if (beepMs >= p.beepMs) return decide('machine', 'beep');
      }

      const threshold = p.noiseFloorRatio > 0 ? Math.max(p.silenceThreshold, p.noiseFloorRatio * noiseFloor(level, ms)) : p.silenceThreshold;
      if (level >= threshold) {
        quietMs = 0;
        const bridged = voiceRunMs > 0 ? gapMs : 0; // a gap too short to end the word belongs to it
        voiceRunMs += ms + bridged;
        gapMs = 0;
        if (voiceRunMs >= p.minWordLengthMs) {
          if (!inWord) {
            inWord = true;
            words++;
            const startMs = elapsedMs - voiceRunMs;
            if (!greeting) {
              greeting = true;
              speechStartMs = Math.max(0, Math.round(startMs));
            } else if (startMs - lastVoiceEndMs < p.utteranceGapMs) voiceMs += startMs - lastVoiceEndMs;
            voiceMs += voiceRunMs;
          } else voiceMs += ms + (p.utteranceGapMs > 0 ? bridged : 0);
          lastVoiceEndMs = elapsedMs;
          silenceRunMs = 0;
          if (p.maxWords > 0 && words >= p.maxWords) return decide('machine', 'max_words');
          if (voiceRunMs >= p.maxWordLengthMs) return decide('machine', 'max_word_length');
          if (voiceMs >= p.greetingMs) return decide('machine', 'long_greeting');
        } else silenceRunMs += ms;
      } else {
        silenceRunMs += ms;
        quietMs += ms;
        gapMs += ms;
        if (gapMs >= p.betweenWordsSilenceMs) {
          inWord = false;
          voiceRunMs = 0;
          gapMs = 0;
        }
        if (!greeting && silenceRunMs >= p.initialSilenceMs) return decide('machine', 'initial_silence');
        const after = p.utteranceGapMs > 0 ? quietMs : silenceRunMs; // app_amd lets clicks count as silence
        if (greeting && after >= afterGreetingSilence(voiceMs)) return decide('human', 'human_short_greeting');
      }
      if (elapsedMs >= p.totalAnalysisMs) return decide('unknown', 'max_analysis');
      return null;
    },
  };
}


/**
 * The detector in the shape the SIP carrier's audio seam takes (`SipCarrierDeps.detector`,
 * docs/SIP.md): frames in, the decision once there is one, with how long before it the greeting
 * ended (null if nobody spoke).
 */
export function amdFrameDetector(overrides: Partial<AmdParams> = {}): { push(frame: Int16Array): AmdFrameDecision | null } {
  const detector = createAmdDetector(overrides);
  return {
    push: (frame) => {
      const r = detector.push(frame);
      return r && { decision: r.decision, afterGreetingMs: r.speechEndMs === null ? null : Math.max(0, r.decisionMs - r.speechEndMs) };
    },
  };
}

/** A detector's decision at the carrier's audio seam. */
export interface AmdFrameDecision {
  decision: AmdDecision;
  /** How long before the decision the far end's greeting (its last word) ended, ms; null if nothing was said. */
  afterGreetingMs: number | null;
}
