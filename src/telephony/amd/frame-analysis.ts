/**
 * Per-frame measurements for answering-machine detection (D5): the frame's level, the way
 * Asterisk's silence detector measures it (the mean absolute sample value, 0–32767), and the
 * share of the frame's energy at one frequency (Goertzel), for the fax tones.
 */

/** Mean absolute sample value of a frame of 16-bit PCM, 0–32768. */
export function meanAbs(frame: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < frame.length; i++) {
    const s = frame[i]!;
    sum += s < 0 ? -s : s;
  }
  return frame.length === 0 ? 0 : sum / frame.length;
}

/**
 * The share (0–1) of the frame's energy in the Goertzel bin at `frequency`. A pure tone at that
 * frequency gives about 1; speech and noise spread their energy and give little. The bin is
 * sampleRate / frame length wide (50 Hz for a 20 ms frame at 8 kHz).
 */
export function toneShare(frame: Int16Array, frequency: number, sampleRate: number): number {
  const n = frame.length;
  if (n === 0) return 0;
  const coeff = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (let i = 0; i < n; i++) {
    const x = frame[i]!;
    energy += x * x;
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  if (energy === 0) return 0;
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  // A sinusoid of amplitude A over n samples: power ≈ (A·n/2)², energy ≈ A²·n/2, so power / energy ≈ n/2.
  return Math.min(1, power / ((energy * n) / 2));
}

/**
 * The frequency of the frame's dominant tone and the share of its energy there. A sinusoid obeys
 * x[n-1] + x[n+1] = 2·cos(ω)·x[n]; the least-squares cos(ω) over the frame gives the frequency in
 * one pass. Noise biases that estimate — white noise toward a quarter of the sample rate (a 440 Hz
 * tone 6 dB above white noise reads about 850 Hz), low-frequency noise the other way — so Goertzel
 * filters search ±600 Hz around it every 50 Hz (a bin is 50 Hz wide for 20 ms at 8 kHz), then
 * halve the step twice around the best: 29 filters a frame. Below about 5 dB of signal to noise
 * no frequency holds 70 % of the energy anyway.
 */
export function dominantTone(frame: Int16Array, sampleRate: number): { hz: number; share: number } {
  let num = 0;
  let den = 0;
  for (let i = 1; i < frame.length - 1; i++) {
    const x = frame[i]!;
    num += x * (frame[i - 1]! + frame[i + 1]!);
    den += x * x;
  }
  if (den === 0) return { hz: 0, share: 0 };
  const c = Math.max(-1, Math.min(1, num / (2 * den)));
  const estimate = (Math.acos(c) * sampleRate) / (2 * Math.PI);
  let best = { hz: estimate, share: toneShare(frame, estimate, sampleRate) };
  const consider = (hz: number): void => {
    if (hz <= 0 || hz >= sampleRate / 2) return;
    const share = toneShare(frame, hz, sampleRate);
    if (share > best.share) best = { hz, share };
  };
  for (let d = -600; d <= 600; d += 50) if (d !== 0) consider(estimate + d);
  for (const step of [25, 12.5]) {
    const centre = best.hz;
    consider(centre - step);
    consider(centre + step);
  }
  return best;
}
