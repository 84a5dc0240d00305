import { readFileSync } from 'node:fs';
import { validationFailed } from '../../../shared/errors.js';

/** Telephone audio inside the SIP adapter: 8 kHz mono 16-bit linear PCM, in 20 ms frames of 160 samples. */
export const SAMPLE_RATE = 8000;
export const FRAME_MS = 20;
export const FRAME_SAMPLES = (SAMPLE_RATE * FRAME_MS) / 1000;

/** A sine tone, e.g. the zip tone an agent hears before a bridged call (D1): 440 Hz for 200 ms. */
export function tone(frequencyHz: number, durationMs: number, amplitude = 8000): Int16Array {
  const n = Math.round((SAMPLE_RATE * durationMs) / 1000);
  return Int16Array.from({ length: n }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / SAMPLE_RATE)));
}

/**
 * Reads a WAV file of 8 kHz mono 16-bit PCM (what `sox in.wav -r 8000 -c 1 -b 16 out.wav` writes),
 * the format messages must be recorded in. Anything else is refused with how to convert it.
 */
export function readWav8k(path: string): Int16Array {
  const data = readFileSync(path);
  const fail = (why: string) =>
    validationFailed(`${path} is not usable as a message: ${why}. Convert it with: sox "${path}" -r 8000 -c 1 -b 16 out.wav`, { path });
  if (data.length < 12 || data.toString('ascii', 0, 4) !== 'RIFF' || data.toString('ascii', 8, 12) !== 'WAVE') throw fail('not a RIFF/WAVE file');
  let offset = 12;
  let format: { audioFormat: number; channels: number; rate: number; bits: number } | null = null;
  while (offset + 8 <= data.length) {
    const id = data.toString('ascii', offset, offset + 4);
    const size = data.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = { audioFormat: data.readUInt16LE(body), channels: data.readUInt16LE(body + 2), rate: data.readUInt32LE(body + 4), bits: data.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!format) throw fail('the data chunk comes before the format chunk');
      if (format.audioFormat !== 1 && format.audioFormat !== 0xfffe) throw fail(`audio format ${format.audioFormat} is not PCM`);
      if (format.channels !== 1 || format.rate !== SAMPLE_RATE || format.bits !== 16) throw fail(`it is ${format.rate} Hz, ${format.channels} channel(s), ${format.bits}-bit; 8000 Hz mono 16-bit is needed`);
      const end = Math.min(data.length, body + size);
      const pcm = new Int16Array((end - body) >> 1);
      for (let i = 0; i < pcm.length; i++) pcm[i] = data.readInt16LE(body + 2 * i);
      return pcm;
    }
    offset = body + size + (size & 1);
  }
  throw fail('it has no data chunk');
}

/** Writes 8 kHz mono 16-bit PCM as a WAV file's bytes. */
export function wavBytes(pcm: Int16Array): Buffer {
  const out = Buffer.alloc(44 + pcm.length * 2);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + pcm.length * 2, 4);
  out.write('WAVEfmt ', 8, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(SAMPLE_RATE, 24);
  out.writeUInt32LE(SAMPLE_RATE * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(pcm.length * 2, 40);
  for (let i = 0; i < pcm.length; i++) out.writeInt16LE(pcm[i]!, 44 + 2 * i);
  return out;
}

/** Root-mean-square level of a stretch of PCM (0 for silence, ~5700 for a 8000-amplitude sine). */
export function rms(pcm: Int16Array): number {
  if (pcm.length === 0) return 0;
  let sum = 0;
  for (const s of pcm) sum += s * s;
  return Math.sqrt(sum / pcm.length);
}
