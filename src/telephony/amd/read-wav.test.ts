import { describe, expect, it } from 'vitest';
import { frames, readWav } from './read-wav.js';

function wav(o: { bits?: number; code?: number; channels?: number; rate?: number; samples: number[]; extra?: boolean }): Uint8Array {
  const channels = o.channels ?? 1;
  const bits = o.bits ?? 16;
  const data = Buffer.alloc(o.samples.length * 2);
  o.samples.forEach((s, i) => data.writeInt16LE(s, i * 2));
  const list = o.extra ? Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0]), Buffer.from('abc\0')]) : Buffer.alloc(0);
  const head = Buffer.alloc(36);
  head.write('RIFF', 0);
  head.writeUInt32LE(28 + list.length + 8 + data.length, 4);
  head.write('WAVE', 8);
  head.write('fmt ', 12);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(o.code ?? 1, 20);
  head.writeUInt16LE(channels, 22);
  head.writeUInt32LE(o.rate ?? 8000, 24);
  head.writeUInt32LE((o.rate ?? 8000) * channels * (bits / 8), 28);
  head.writeUInt16LE(channels * (bits / 8), 32);
  head.writeUInt16LE(bits, 34);
  const dataHead = Buffer.alloc(8);
  dataHead.write('data', 0);
  dataHead.writeUInt32LE(data.length, 4);
  return new Uint8Array(Buffer.concat([head, list, dataHead, data]));
}

describe('WAV reading for AMD recordings (D5)', () => {
  it('D5: reads 16-bit PCM, skipping other chunks (odd-sized ones padded), keeping the first channel', () => {
    expect(readWav(wav({ samples: [1, -2, 32767, -32768], extra: true }))).toEqual({ sampleRate: 8000, samples: Int16Array.from([1, -2, 32767, -32768]) });
    expect(readWav(wav({ channels: 2, rate: 16000, samples: [10, 20, -30, -40] })).samples).toEqual(Int16Array.from([10, -30]));
  });

  it('D5: refuses what it cannot read, saying what the file is', () => {
    expect(() => readWav(new TextEncoder().encode('ID3 this is an mp3'), 'call.mp3')).toThrow('call.mp3 is not a RIFF WAVE file.');
    expect(() => readWav(wav({ bits: 8, samples: [] }), 'old.wav')).toThrow(/old.wav is 8-bit, format code 1; AMD reads 16-bit PCM/);
    expect(() => readWav(wav({ code: 7, samples: [] }), 'ulaw.wav')).toThrow(/format code 7/);
    expect(() => readWav(wav({ samples: [1] }).subarray(0, 36), 'cut.wav')).toThrow('cut.wav has no data chunk.');
  });

  it('D5: cuts audio into 20 ms frames, dropping a short tail', () => {
    const audio = { sampleRate: 8000, samples: new Int16Array(8000 + 100) };
    const all = [...frames(audio, 20)];
    expect(all).toHaveLength(50);
    expect(all.every((f) => f.length === 160)).toBe(true);
  });
});
