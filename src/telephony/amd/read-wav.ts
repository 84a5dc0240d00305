/**
 * A WAV reader for AMD recordings: RIFF, PCM, 16-bit, mono or more channels (the first one is
 * kept). Anything else is refused with an error that says what the file is and what is needed.
 */
export interface PcmAudio {
  sampleRate: number;
  samples: Int16Array;
}

export function readWav(bytes: Uint8Array, name = 'the file'): PcmAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error(`${name} is not a RIFF WAVE file.`);
  let format: { channels: number; sampleRate: number; bits: number; code: number } | undefined;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16) throw new Error(`${name}: the fmt chunk is too short (${size} bytes).`);
      format = { code: view.getUint16(body, true), channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
      // WAVE_FORMAT_EXTENSIBLE carries the real format code in its sub-format GUID.
      if (format.code === 0xfffe && size >= 26) format.code = view.getUint16(body + 24, true);
      if (format.code !== 1 || format.bits !== 16) {
        throw new Error(`${name} is ${format.bits}-bit, format code ${format.code}; AMD reads 16-bit PCM (code 1) only — convert it, e.g. sox in.wav -b 16 -e signed-integer out.wav.`);
      }
      if (format.channels < 1) throw new Error(`${name} says it has no channels.`);
    } else if (id === 'data') {
      if (!format) throw new Error(`${name}: the data chunk comes before the fmt chunk.`);
      const end = Math.min(bytes.length, body + size);
      const frames = Math.floor((end - body) / (2 * format.channels));
      const samples = new Int16Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = view.getInt16(body + i * 2 * format.channels, true);
      return { sampleRate: format.sampleRate, samples };
    }
    at = body + size + (size % 2); // chunks are padded to an even length
  }
  throw new Error(`${name} has no ${format ? 'data' : 'fmt'} chunk.`);
}

/** Cut audio into frames of `frameMs` (the last, shorter one is dropped). */
export function* frames(audio: PcmAudio, frameMs = 20): Generator<Int16Array> {
  const n = Math.round((audio.sampleRate * frameMs) / 1000);
  for (let at = 0; at + n <= audio.samples.length; at += n) yield audio.samples.subarray(at, at + n);
}
