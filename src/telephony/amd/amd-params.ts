import { validationFailed } from '../../shared/errors.js';

/**
 * The parameters of answering-machine detection (D5). The first nine are Asterisk app_amd's
 * (amd.conf / the AMD() application), with the same meaning and unit; the rest are Pacer's
 * additions. Times are milliseconds of audio, counted from the frames pushed, never a clock.
 */
export interface AmdParams {
  /** Sample rate of the frames, Hz (telephone audio: 8000). */
  sampleRate: number;
  /** No speech for this long after the answer: a machine (app_amd INITIALSILENCE). */
  initialSilenceMs: number;
  /** Speech adding up to this long in the greeting: a machine (app_amd LONGGREETING). */
  greetingMs: number;
  /** Silence this long after a short greeting: a person waiting for an answer (app_amd HUMAN). */
  afterGreetingSilenceMs: number;
  /** Undecided after this long: give up with `unknown` (app_amd NOTSURE / TOOLONG). */
  totalAnalysisMs: number;
  /** Voice shorter than this is a click or a breath, not a word. */
  minWordLengthMs: number;
  /** Silence at least this long ends a word. */
  betweenWordsSilenceMs: number;
  /** This many words in the greeting: a machine (app_amd MAXWORDS); 0 turns the rule off. */
  maxWords: number;
  /** Frames whose mean absolute sample value (0–32767) is below this are silence. */
  silenceThreshold: number;
  /** One unbroken stretch of voice this long: a machine (app_amd MAXWORDLENGTH). */
  maxWordLengthMs: number;
  /**
   * Pacer: follow the background noise. Voice must stand this many times above the quietest
   * frame of the last `noiseWindowMs`, as well as above `silenceThreshold`; 0 turns it off (app_amd).
   */
  noiseFloorRatio: number;
  /** Pacer: how far back the noise floor looks, ms. */
  noiseWindowMs: number;
  /**
   * Pacer: silence shorter than this between words still belongs to the greeting, whose length
   * (`greetingMs`) then counts the whole utterance, not only its loud frames. With it on, the
   * silence after the greeting must also be unbroken: any voice frame, even one too short to be a
   * word, starts it again (the fragments in a machine's pause are its next sentence). 0 turns
   * both off: voice only, and clicks count as silence (app_amd).
   */
  utteranceGapMs: number;
  /**
   * Pacer: a greeting longer than `shortGreetingMs` — a phrase, or a machine's first sentence —
   * needs `afterLongGreetingSilenceMs` of silence to be a person; a shorter one `afterGreetingSilenceMs`.
   */
  shortGreetingMs: number;
  afterLongGreetingSilenceMs: number;
  /**
   * Pacer: a greeting no longer than `oneWordGreetingMs` — one word, a person's "Hello?" — needs
   * only `afterOneWordSilenceMs` of silence to be a person: someone who said one word and stopped
   * is waiting for an answer, while a machine's first sentence is rarely a single short word.
   * 0 turns the tier off (app_amd).
   */
  oneWordGreetingMs: number;
  afterOneWordSilenceMs: number;
  /** Pacer: a steady tone (400–2000 Hz, not the fax's 1100 Hz) this long is a voicemail beep, a machine; 0 turns it off. */
  beepMs: number;
  /** Pacer: a fax calling tone (CNG, 1100 Hz) or answer tone (CED, 2100 Hz) this long is a fax; 0 turns it off. */
  faxToneMs: number;
}

/** Asterisk app_amd's documented defaults (amd.conf.sample), with Pacer's additions off. */
export const APP_AMD_PARAMS: Readonly<AmdParams> = Object.freeze({
  sampleRate: 8000,
  initialSilenceMs: 2500,
  greetingMs: 1500,
  afterGreetingSilenceMs: 800,
  totalAnalysisMs: 5000,
  minWordLengthMs: 100,
  betweenWordsSilenceMs: 50,
  maxWords: 2,
  silenceThreshold: 256,
  maxWordLengthMs: 5000,
  noiseFloorRatio: 0,
  noiseWindowMs: 1500,
  utteranceGapMs: 0,
  shortGreetingMs: 5000,
  afterLongGreetingSilenceMs: 800,
  oneWordGreetingMs: 0,
  afterOneWordSilenceMs: 800,
  beepMs: 0,
  faxToneMs: 0,
});

/**
 * Pacer's defaults: app_amd's, tuned on the labelled corpus (bench/amd-corpus.ts, seed 1;
 * see docs/AMD.md for the figures and why each one moved).
 */
export const DEFAULT_AMD_PARAMS: Readonly<AmdParams> = Object.freeze({
  ...APP_AMD_PARAMS,
  initialSilenceMs: 3000,
  silenceThreshold: 128,
  greetingMs: 2600,
  afterGreetingSilenceMs: 700,
  totalAnalysisMs: 6000,
  maxWords: 0,
  noiseFloorRatio: 1.5,
  utteranceGapMs: 250,
  shortGreetingMs: 1100,
  afterLongGreetingSilenceMs: 1300,
  oneWordGreetingMs: 700,
  afterOneWordSilenceMs: 500,
  beepMs: 200,
  faxToneMs: 400,
});

type Rule = { min: number; max: number; integer?: boolean };
const rules: Record<keyof AmdParams, Rule> = {
  sampleRate: { min: 4000, max: 48000, integer: true },
  initialSilenceMs: { min: 100, max: 60000 },
  greetingMs: { min: 100, max: 60000 },
  afterGreetingSilenceMs: { min: 20, max: 60000 },
  totalAnalysisMs: { min: 500, max: 120000 },
  minWordLengthMs: { min: 0, max: 10000 },
  betweenWordsSilenceMs: { min: 0, max: 10000 },
  maxWords: { min: 0, max: 1000, integer: true },
  silenceThreshold: { min: 0, max: 32767 },
  maxWordLengthMs: { min: 100, max: 120000 },
  noiseFloorRatio: { min: 0, max: 100 },
  noiseWindowMs: { min: 100, max: 60000 },
  utteranceGapMs: { min: 0, max: 5000 },
  shortGreetingMs: { min: 0, max: 60000 },
  afterLongGreetingSilenceMs: { min: 20, max: 60000 },
  oneWordGreetingMs: { min: 0, max: 60000 },
  afterOneWordSilenceMs: { min: 20, max: 60000 },
  beepMs: { min: 0, max: 10000 },
  faxToneMs: { min: 0, max: 10000 },
};

/**
 * The full parameters: the defaults with `overrides` on top, checked. Throws AppError
 * `validation_failed` naming every field out of range, with the range.
 */
export function amdParams(overrides: Partial<AmdParams> = {}, base: Readonly<AmdParams> = DEFAULT_AMD_PARAMS): AmdParams {
  const params: AmdParams = { ...base, ...overrides };
  const problems: Array<{ field: string; value: unknown; problem: string }> = [];
  for (const key of Object.keys(overrides)) {
    if (!(key in rules)) problems.push({ field: key, value: (overrides as Record<string, unknown>)[key], problem: `is not an AMD parameter; known: ${Object.keys(rules).join(', ')}` });
  }
  for (const [key, rule] of Object.entries(rules) as Array<[keyof AmdParams, Rule]>) {
    const value = params[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < rule.min || value > rule.max || (rule.integer && !Number.isInteger(value))) {
      problems.push({ field: key, value, problem: `must be ${rule.integer ? 'a whole number' : 'a number'} from ${rule.min} to ${rule.max}` });
    }
  }
  if (problems.length === 0 && params.minWordLengthMs >= params.greetingMs) {
    problems.push({ field: 'minWordLengthMs', value: params.minWordLengthMs, problem: `must be shorter than greetingMs (${params.greetingMs})` });
  }
  // The tiers nest: a one-word greeting is a short one, so its tier must lie inside the short tier.
  if (problems.length === 0 && params.oneWordGreetingMs > params.shortGreetingMs) {
    problems.push({ field: 'oneWordGreetingMs', value: params.oneWordGreetingMs, problem: `must not be longer than shortGreetingMs (${params.shortGreetingMs})` });
  }
  if (problems.length > 0) {
    throw validationFailed(`Invalid AMD parameters: ${problems.map((p) => `${p.field} ${p.problem} (got ${String(p.value)})`).join('; ')}.`, problems);
  }
  return params;
}
