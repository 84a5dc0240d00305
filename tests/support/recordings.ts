import { execFileSync } from 'node:child_process';

/** Helpers for the recorded-message tests (D5, D6, T2). */

/** Whether sox, which converts uploads, is installed; without it the test is skipped loudly, and fails under CI. */
export function soxInstalled(): boolean {
  try {
    execFileSync('sox', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI) throw new Error('sox is not installed: recorded messages are converted by it, and CI must install it (apt-get install sox).');
    process.stderr.write('\n*** WARNING: sox is not installed (apt-get install sox). The recorded-message tests are SKIPPED. ***\n\n');
    return false;
  }
}

/** A PCM WAV of a tone: `rate` Hz, `channels` channels, 16-bit. */
export function toneWav(seconds: number, rate = 44_100, channels = 2, amplitude = 8000): Buffer {
  const frames = Math.round(seconds * rate);
  const data = Buffer.alloc(frames * channels * 2);
  for (let i = 0; i < frames; i++) {
    const v = Math.round(amplitude * Math.sin((2 * Math.PI * 440 * i) / rate));
    for (let c = 0; c < channels; c++) data.writeInt16LE(v, (i * channels + c) * 2);
  }
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVEfmt ', 8, 'ascii');
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(channels, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * channels * 2, 28);
  head.writeUInt16LE(channels * 2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36, 'ascii');
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}
