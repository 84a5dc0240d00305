import type { Random } from '../../../engine/random.js';

/**
 * Synthetic telephone audio for AMD tests (D5), made in code from a seeded Random: silence, noise
 * at a given level, word-shaped bursts (a voiced harmonic sound with a syllable envelope), pure
 * tones. Levels are mean absolute sample values, the unit of `silenceThreshold`.
 */
export const RATE = 8000;
const n = (ms: number): number => Math.round((ms * RATE) / 1000);

export type Part = Float64Array;

export const silence = (ms: number): Part => new Float64Array(n(ms));

/** Gaussian white noise whose mean absolute value is `level`. */
export function noise(ms: number, level: number, r: Random): Part {
  const out = new Float64Array(n(ms));
  const sd = level / Math.sqrt(2 / Math.PI); // E|X| = sd·√(2/π)
  for (let i = 0; i < out.length; i++) out[i] = r.normal(0, sd);
  return out;
}

/** A word: a harmonic sound at `pitchHz` (eight harmonics falling off as 1/k), rising and falling like a syllable, peaking near `level`. */
export function word(ms: number, level: number, pitchHz = 140): Part {
  const out = new Float64Array(n(ms));
  let norm = 0;
  for (let k = 1; k <= 8; k++) norm += 1 / k;
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    let v = 0;
    for (let k = 1; k <= 8; k++) v += Math.sin(2 * Math.PI * pitchHz * k * t + k) / k;
    const envelope = Math.sin((Math.PI * i) / out.length) ** 0.5;
    out[i] = ((level * 1.6) / norm) * envelope * v;
  }
  return out;
}

/** A pure tone, mean absolute value `level`. */
export function tone(ms: number, hz: number, level: number): Part {
  const out = new Float64Array(n(ms));
  const amplitude = (level * Math.PI) / 2; // mean |A sin| = 2A/π
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / RATE);
  return out;
}

/** Words of the given lengths separated by the given gaps: speech as a list of [wordMs, gapMs]. */
export function speech(pattern: Array<[number, number]>, level: number, pitchHz = 140): Part {
  return join(...pattern.flatMap(([w, g]) => [word(w, level, pitchHz), silence(g)]));
}

export function join(...parts: Part[]): Part {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `a` with `b` added (b is cut or zero-padded to a's length). */
export function mix(a: Part, b: Part): Part {
  const out = Float64Array.from(a);
  for (let i = 0; i < out.length && i < b.length; i++) out[i]! += b[i]!;
  return out;
}

/** 16-bit PCM frames of `frameMs`. */
export function toFrames(audio: Part, frameMs = 20): Int16Array[] {
  const size = n(frameMs);
  const frames: Int16Array[] = [];
  for (let at = 0; at + size <= audio.length; at += size) {
    const f = new Int16Array(size);
    for (let i = 0; i < size; i++) f[i] = Math.max(-32768, Math.min(32767, Math.round(audio[at + i]!)));
    frames.push(f);
  }
  return frames;
}
