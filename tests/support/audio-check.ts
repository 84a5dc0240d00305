import { rms } from '../../src/telephony/adapters/sip/audio.js';

/** Checks on received audio for the telephony tests: what a listener would notice. */

/** Power of one frequency in 8 kHz PCM (Goertzel), normalised by the signal's length. */
export function toneLevel(pcm: Int16Array, frequencyHz: number): number {
  const k = (2 * Math.cos((2 * Math.PI * frequencyHz) / 8000));
  let s1 = 0;
  let s2 = 0;
  for (const x of pcm) {
    const s = x + k * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  return Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - k * s1 * s2)) / pcm.length;
}

export function concat(frames: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(frames.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of frames) {
    out.set(f, at);
    at += f.length;
  }
  return out;
}

/** Loudness of each 20 ms frame. */
export function envelope(pcm: Int16Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 160 <= pcm.length; i += 160) out.push(rms(pcm.subarray(i, i + 160)));
  return out;
}

/** Best Pearson correlation of `heard` against `source` over every alignment (how well a recording matches what was played). */
export function bestCorrelation(heard: number[], source: number[]): number {
  let best = -1;
  for (let shift = 0; shift + heard.length <= source.length; shift++) {
    const b = source.slice(shift, shift + heard.length);
    best = Math.max(best, pearson(heard, b));
  }
  return best;
}

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return da && db ? num / Math.sqrt(da * db) : 0;
}
