import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../engine/random.js';
import { AppError } from '../../shared/errors.js';
import { amdParams, APP_AMD_PARAMS, type AmdParams, DEFAULT_AMD_PARAMS } from './amd-params.js';
import { type AmdResult, createAmdDetector } from './create-amd-detector.js';
import { join, mix, noise, type Part, silence, speech, toFrames, tone, word } from './testing/synthetic-audio.js';

/** Push the audio frame by frame; the decision, or what end() says. */
function detect(audio: Part, params: Partial<AmdParams> = {}, frameMs = 20): AmdResult {
  const detector = createAmdDetector(params);
  for (const frame of toFrames(audio, frameMs)) {
    const result = detector.push(frame);
    if (result) return result;
  }
  return detector.end();
}

const SPEECH = 2000; // mean absolute level of speech, well above the 256 threshold
const hello = (): Part => word(450, SPEECH, 180);
/** A machine's greeting: sentences of short words with ~120 ms between words and 400 ms between sentences. */
const greeting = (seconds: number): Part => {
  const parts: Part[] = [];
  for (let t = 0; t < seconds * 1000; t += 1500) parts.push(speech([[260, 110], [340, 120], [220, 100], [300, 400]], SPEECH, 120));
  return join(...parts);
};

describe('answering-machine detection (D5)', () => {
  it('D5: a person\'s short "Hello?" and then silence is a person, decided within 1.5 s of the answer', () => {
    const r = detect(join(silence(300), hello(), silence(4000)));
    expect(r).toMatchObject({ decision: 'human', cause: 'human_short_greeting' });
    expect(r.decisionMs).toBeLessThan(1500);
    expect(r.speechStartMs).toBeGreaterThanOrEqual(280);
    expect(r.speechStartMs).toBeLessThanOrEqual(360);
  });

  it('D5: "Yes, hello?" — two words — is a person with Pacer\'s parameters but a machine with app_amd\'s two-word limit', () => {
    const audio = join(silence(400), speech([[300, 150], [450, 0]], SPEECH), silence(4000));
    expect(detect(audio)).toMatchObject({ decision: 'human', cause: 'human_short_greeting' });
    expect(detect(audio, APP_AMD_PARAMS)).toMatchObject({ decision: 'machine', cause: 'max_words' });
  });

  it('D5: a one-word "Hello?" followed by silence is a person afterOneWordSilenceMs after it stops — sooner than a two-word greeting', () => {
    const { afterOneWordSilenceMs, afterGreetingSilenceMs } = DEFAULT_AMD_PARAMS;
    expect(afterOneWordSilenceMs).toBeLessThan(afterGreetingSilenceMs);
    const oneWord = detect(join(silence(300), hello(), silence(3000))); // 450 ms of speech, ending at 750 ms
    expect(oneWord).toMatchObject({ decision: 'human', cause: 'human_short_greeting', words: 1 });
    expect(oneWord.decisionMs - 750).toBeGreaterThanOrEqual(afterOneWordSilenceMs - 60); // the word's soft edges are silence
    expect(oneWord.decisionMs - 750).toBeLessThanOrEqual(afterOneWordSilenceMs + 20);
    const twoWords = detect(join(silence(300), speech([[300, 150], [450, 0]], SPEECH), silence(3000))); // ending at 1200 ms
    expect(twoWords).toMatchObject({ decision: 'human', cause: 'human_short_greeting', words: 2 });
    expect(twoWords.decisionMs - 1200).toBeGreaterThanOrEqual(afterGreetingSilenceMs - 60);
    expect(twoWords.decisionMs - 1200).toBeLessThanOrEqual(afterGreetingSilenceMs + 20);
  });

  it('D5: with the one-word tier off (oneWordGreetingMs 0, as app_amd) a "Hello?" waits the whole afterGreetingSilenceMs', () => {
    const r = detect(join(silence(300), hello(), silence(3000)), { oneWordGreetingMs: 0, afterGreetingSilenceMs: 800 });
    expect(r).toMatchObject({ decision: 'human', cause: 'human_short_greeting' });
    expect(r.decisionMs - 750).toBeGreaterThanOrEqual(800 - 60);
    expect(r.decisionMs - 750).toBeLessThanOrEqual(800 + 20);
  });

  it('D5: a machine\'s short first word ("Hi, …") with a pause shorter than afterOneWordSilenceMs is not taken for a person; a longer pause is (the tier\'s price)', () => {
    const machine = (pauseMs: number): Part => join(silence(300), word(300, SPEECH), silence(pauseMs), greeting(6), silence(1000));
    expect(detect(machine(DEFAULT_AMD_PARAMS.afterOneWordSilenceMs - 100))).toMatchObject({ decision: 'machine', cause: 'long_greeting' });
    expect(detect(machine(DEFAULT_AMD_PARAMS.afterOneWordSilenceMs + 100))).toMatchObject({ decision: 'human', cause: 'human_short_greeting' });
  });

  it('D5: a long greeting spoken with pauses between sentences is a machine, decided while it still speaks', () => {
    const r = detect(join(silence(500), greeting(9), silence(1000)));
    expect(r).toMatchObject({ decision: 'machine', cause: 'long_greeting' });
    expect(r.decisionMs).toBeLessThan(4000);
  });

  it('D5: 2.5 s of silence after the answer is a machine (app_amd INITIALSILENCE); Pacer waits 3 s, for an answering fax\'s late CED', () => {
    expect(detect(silence(6000), APP_AMD_PARAMS)).toMatchObject({ decision: 'machine', cause: 'initial_silence', decisionMs: 2500, speechStartMs: null });
    expect(detect(silence(6000))).toMatchObject({ decision: 'machine', cause: 'initial_silence', decisionMs: 3000 });
    // T.30: the answering fax waits 1.8–2.5 s before its 2100 Hz answer tone.
    expect(detect(join(silence(2500), tone(3000, 2100, 1000)))).toMatchObject({ decision: 'fax', cause: 'fax_tone', decisionMs: 2900 });
  });

  it('D5: many short words are a machine by the word count when maxWords is set (app_amd MAXWORDS)', () => {
    const words = speech(Array.from({ length: 8 }, () => [150, 120] as [number, number]), SPEECH);
    const r = detect(join(silence(300), words, silence(3000)), { maxWords: 5 });
    expect(r).toMatchObject({ decision: 'machine', cause: 'max_words', words: 5 });
  });

  it('D5: one unbroken voice longer than maxWordLengthMs is a machine (app_amd MAXWORDLENGTH)', () => {
    const r = detect(join(silence(200), word(4000, SPEECH), silence(1000)), { maxWordLengthMs: 1200, greetingMs: 5000 });
    expect(r).toMatchObject({ decision: 'machine', cause: 'max_word_length' });
  });

  it('D5: a fax calling tone (CNG, 1100 Hz, 0.5 s on, 3 s off) is a fax — app_amd would call it a person', () => {
    const cng = join(silence(300), tone(500, 1100, 1500), silence(3000), tone(500, 1100, 1500), silence(1000));
    const r = detect(cng);
    expect(r).toMatchObject({ decision: 'fax', cause: 'fax_tone' });
    expect(r.decisionMs).toBeLessThanOrEqual(300 + 500);
    expect(detect(cng, APP_AMD_PARAMS).decision).toBe('human');
  });

  it('D5: an answering fax\'s CED tone (2100 Hz) is a fax', () => {
    expect(detect(join(silence(200), tone(3000, 2100, 1200), silence(1000)))).toMatchObject({ decision: 'fax', cause: 'fax_tone' });
  });

  it('D5: a short greeting followed by a voicemail beep is a machine, at the beep', () => {
    const audio = join(silence(400), speech([[300, 100], [350, 100], [300, 0]], SPEECH), silence(500), tone(400, 1000, 3000), silence(3000));
    const r = detect(audio);
    expect(r).toMatchObject({ decision: 'machine', cause: 'beep' });
    expect(r.decisionMs).toBeGreaterThan(2000);
    expect(r.decisionMs).toBeLessThan(2300);
  });

  it('D5: a quiet 440 Hz beep in loud noise is still heard (the tone search is not thrown off by the noise)', () => {
    const r = seededRandom('d5-beep-in-noise');
    const audio = join(silence(300), speech([[300, 100], [350, 100], [300, 0]], SPEECH), silence(400), tone(500, 440, 900), silence(3000));
    const result = detect(mix(audio, noise(audio.length / 8, 400, r)));
    expect(result).toMatchObject({ decision: 'machine', cause: 'beep' });
  });

  it('D5: quiet background noise below the silence threshold is silence', () => {
    const r = seededRandom('d5-quiet-noise');
    const quiet = noise(6000, 100, r);
    expect(detect(quiet)).toMatchObject({ decision: 'machine', cause: 'initial_silence' });
    expect(detect(quiet, APP_AMD_PARAMS)).toMatchObject({ decision: 'machine', cause: 'initial_silence' });
    expect(detect(mix(join(silence(500), hello(), silence(5000)), quiet))).toMatchObject({ decision: 'human' });
  });

  it('D5: loud background noise above the threshold is an endless word to app_amd (a machine) but silence to Pacer\'s noise floor', () => {
    const r = seededRandom('d5-loud-noise');
    const loud = noise(7000, 500, r);
    expect(detect(loud, APP_AMD_PARAMS).decision).toBe('machine'); // a person in a noisy street, hung up on
    expect(detect(loud)).toMatchObject({ decision: 'machine', cause: 'initial_silence' });
    const person = detect(mix(join(silence(600), word(450, 3 * SPEECH, 180), silence(6000)), loud));
    expect(person).toMatchObject({ decision: 'human', cause: 'human_short_greeting' });
    expect(person.decisionMs).toBeLessThan(1800);
  });

  it('D5: undecided at totalAnalysisMs is unknown (app_amd NOTSURE), which the engine passes to an agent', () => {
    // Words with 700 ms pauses: never enough silence for a person, never enough voice for a machine.
    const halting = speech(Array.from({ length: 10 }, () => [200, 700] as [number, number]), SPEECH);
    expect(detect(join(silence(200), halting), { totalAnalysisMs: 5000, greetingMs: 3000, afterOneWordSilenceMs: 900, afterGreetingSilenceMs: 900, afterLongGreetingSilenceMs: 900 })).toMatchObject({
      decision: 'unknown',
      cause: 'max_analysis',
      decisionMs: 5000,
    });
  });

  it('D5: time is counted from the audio, so 10 ms and 20 ms frames decide alike; a decision is final', () => {
    const audio = join(silence(300), hello(), silence(4000));
    const a = detect(audio, {}, 20);
    const b = detect(audio, {}, 10);
    expect(b.decision).toBe(a.decision);
    expect(Math.abs(b.decisionMs - a.decisionMs)).toBeLessThanOrEqual(20);

    const detector = createAmdDetector();
    let first: AmdResult | null = null;
    for (const frame of toFrames(audio)) first ??= detector.push(frame);
    expect(first).not.toBeNull();
    expect(detector.push(new Int16Array(160).fill(8000))).toBe(first); // later audio changes nothing
    expect(detector.end()).toBe(first);
  });

  it('D5: audio that ends before a decision (the far end hung up) is unknown', () => {
    const detector = createAmdDetector();
    for (const frame of toFrames(join(silence(300), hello()))) expect(detector.push(frame)).toBeNull();
    expect(detector.end()).toMatchObject({ decision: 'unknown', cause: 'audio_ended' });
  });

  it('D5: frames must be non-empty 16-bit PCM', () => {
    const detector = createAmdDetector();
    expect(() => detector.push(new Int16Array(0))).toThrow(/non-empty Int16Array/);
    expect(() => detector.push(new Float32Array(160) as unknown as Int16Array)).toThrow(TypeError);
  });

  it('D5: nonsense parameters are refused, naming each field and its range', () => {
    expect(() => createAmdDetector({ initialSilenceMs: -5 })).toThrow(AppError);
    expect(() => createAmdDetector({ initialSilenceMs: -5 })).toThrow(/initialSilenceMs must be a number from 100 to 60000 \(got -5\)/);
    expect(() => amdParams({ maxWords: 2.5, silenceThreshold: Number.NaN })).toThrow(/maxWords must be a whole number.*silenceThreshold/);
    expect(() => amdParams({ greetingMs: 100, minWordLengthMs: 200 })).toThrow(/minWordLengthMs must be shorter than greetingMs/);
    expect(() => amdParams({ afterOneWordSilenceMs: 10 })).toThrow(/afterOneWordSilenceMs must be a number from 20 to 60000 \(got 10\)/);
    expect(() => amdParams({ oneWordGreetingMs: -1 })).toThrow(/oneWordGreetingMs must be a number from 0 to 60000/);
    expect(() => amdParams({ oneWordGreetingMs: 900, shortGreetingMs: 800 })).toThrow(/oneWordGreetingMs must not be longer than shortGreetingMs \(800\)/);
    expect(() => amdParams({ initialSilence: 2500 } as unknown as Partial<AmdParams>)).toThrow(/initialSilence is not an AMD parameter/);
    try {
      amdParams({ totalAnalysisMs: 0 });
    } catch (err) {
      expect(err).toMatchObject({ code: 'validation_failed', details: [{ field: 'totalAnalysisMs', value: 0 }] });
    }
    expect(amdParams(APP_AMD_PARAMS)).toEqual(APP_AMD_PARAMS);
  });
});
