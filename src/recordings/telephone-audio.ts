import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { throwIfIssues } from '../campaigns/issues.js';
import { AppError } from '../shared/errors.js';
import { readWav8k } from '../telephony/adapters/sip/audio.js';

const run = promisify(execFile);

/** What an uploaded message may be: long enough to say something, short enough for a caller to hear out. */
export const RECORDING_LIMITS = { minMs: 300, maxMs: 120_000 } as const;

/** The audio formats sox reads from every Debian install, by their first bytes. */
const FORMATS: Array<{ type: string; magic: (b: Buffer) => boolean }> = [
  { type: 'wav', magic: (b) => b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WAVE' },
  { type: 'flac', magic: (b) => b.toString('ascii', 0, 4) === 'fLaC' },
  { type: 'ogg', magic: (b) => b.toString('ascii', 0, 4) === 'OggS' },
  { type: 'aiff', magic: (b) => b.toString('ascii', 0, 4) === 'FORM' && /^AIF[FC]$/.test(b.toString('ascii', 8, 12)) },
];

const problem = (text: string): never => {
  throwIfIssues([{ path: 'file', problem: text }], 'The recording');
  throw new Error('unreachable');
};

/**
 * An uploaded recording as a telephone line carries it: 8 kHz mono 16-bit PCM (sox converts
 * the rate, the channels and the sample format). Refuses, naming the file field, what is not
 * WAV, FLAC, OGG or AIFF audio, what sox cannot read, and audio too short, too long or silent.
 */
export async function toTelephoneAudio(file: Buffer): Promise<Int16Array> {
  const format = FORMATS.find((f) => file.length >= 12 && f.magic(file));
  if (!format) problem('This is not a WAV, FLAC, OGG or AIFF audio file. Export the recording in one of those formats (WAV is the usual choice) and upload it again.');
  const dir = await mkdtemp(join(tmpdir(), 'pacer-recording-'));
  try {
    const input = join(dir, `upload.${format!.type}`);
    const output = join(dir, 'telephone.wav');
    await writeFile(input, file);
    try {
      // -D: no dither, so the same upload always gives the same audio.
      await run('sox', ['-D', input, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', output]);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AppError('invalid_state', 'Recordings are converted by sox, which is not installed on the server: install it (apt-get install sox) and upload again.');
      }
      const said = String((err as { stderr?: string }).stderr ?? '').split('\n').find((l) => l.trim()) ?? 'it could not be read';
      problem(`The ${format!.type.toUpperCase()} file could not be read as audio (${said.replace(/^sox (FAIL|WARN)[^:]*:\s*/, '').trim()}). Export it again and upload the new file.`);
    }
    const pcm = readWav8k(output);
    const ms = Math.round(pcm.length / 8);
    if (ms < RECORDING_LIMITS.minMs) problem(`The recording lasts ${ms} ms; a message needs at least ${RECORDING_LIMITS.minMs / 1000} s of audio.`);
    if (ms > RECORDING_LIMITS.maxMs) problem(`The recording lasts ${(ms / 1000).toFixed(1)} s; a message may last at most ${RECORDING_LIMITS.maxMs / 1000} s. Shorten it and upload it again.`);
    let peak = 0;
    for (const s of pcm) peak = Math.max(peak, Math.abs(s));
    if (peak < 100) problem('The recording is silent. Check the microphone level, record it again and upload the new file.');
    return pcm;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** 16-bit little-endian bytes of PCM, as stored, and back. */
export const pcmBytes = (pcm: Int16Array): Buffer => Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
export function pcmFrom(bytes: Uint8Array): Int16Array {
  const copy = new Uint8Array(bytes); // aligned, and not a view of a pooled buffer
  return new Int16Array(copy.buffer, 0, copy.byteLength >> 1);
}

