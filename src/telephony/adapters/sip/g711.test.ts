import { describe, expect, it } from 'vitest';
import { alawToLinear, decodeG711, encodeG711, linearToAlaw, linearToMulaw, mulawToLinear } from './g711.js';

describe('G.711 codec (T2 media)', () => {
  it('T2 μ-law and A-law round-trip every code exactly, and known codes decode to the reference values', () => {
    for (let code = 0; code < 256; code++) {
      expect(linearToMulaw(mulawToLinear(code)) === code || mulawToLinear(code) === 0).toBe(true);
      expect(linearToAlaw(alawToLinear(code))).toBe(code);
    }
    expect(mulawToLinear(0xff)).toBe(0);
    expect(mulawToLinear(0x00)).toBe(-32124);
    expect(mulawToLinear(0x80)).toBe(32124);
    expect(alawToLinear(0xd5)).toBe(8);
    expect(alawToLinear(0x55)).toBe(-8);
    expect(alawToLinear(0xaa)).toBe(32256);
  });

  it('T2 a 1 kHz tone survives encoding within G.711 quantisation (signal-to-noise above 30 dB)', () => {
    const pcm = Int16Array.from({ length: 160 }, (_, i) => Math.round(12000 * Math.sin((2 * Math.PI * 1000 * i) / 8000)));
    for (const codec of ['PCMU', 'PCMA'] as const) {
      const back = decodeG711(codec, encodeG711(codec, pcm));
      let signal = 0;
      let noise = 0;
      for (let i = 0; i < pcm.length; i++) {
        signal += pcm[i]! ** 2;
        noise += (pcm[i]! - back[i]!) ** 2;
      }
      expect(10 * Math.log10(signal / noise)).toBeGreaterThan(30);
    }
  });
});
