import { describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { decodeAlaw, decodeMulaw, encodeAlaw, encodeMulaw } from '../../src/audio/index.js';

const allSamples = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
const allCodes = Uint8Array.from({ length: 256 }, (_, i) => i);

/** wavefile's own G.711 decoder, as an independent reference for the 256 code values. */
function referenceDecode(codes: Uint8Array, bitDepth: '8m' | '8a'): number[] {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, 8000, bitDepth, codes);
  if (bitDepth === '8m') wav.fromMuLaw();
  else wav.fromALaw();
  return Array.from(wav.getSamples() as Float64Array);
}

describe('G.711 µ-law', () => {
  it('decodes all 256 codes exactly as wavefile does (independent implementation)', () => {
    expect(Array.from(decodeMulaw(allCodes))).toEqual(referenceDecode(allCodes, '8m'));
  });

  it('round trip of every int16 value stays within half a quantisation step of its segment', () => {
    // µ-law segment s (0..7) has step 2^(s+3) in 16-bit units; values beyond the clip level 32635
    // decode to the top code (32124). Decoding at the step centre bounds the error by half a step.
    const decoded = decodeMulaw(encodeMulaw(allSamples));
    for (let i = 0; i < allSamples.length; i++) {
      const x = allSamples[i];
      const magnitude = Math.min(Math.abs(x), 32635) + 0x84;
      const segment = Math.max(0, Math.floor(Math.log2(magnitude)) - 7);
      const halfStep = 2 ** (segment + 2);
      const clipExcess = Math.max(0, Math.abs(x) - 32635);
      expect(Math.abs(decoded[i] - x)).toBeLessThanOrEqual(halfStep + clipExcess + 1);
    }
  });

  it('decode → encode is the identity on every code except negative zero (0x7F → 0 → 0xFF)', () => {
    const again = encodeMulaw(decodeMulaw(allCodes));
    for (let code = 0; code < 256; code++) expect(again[code]).toBe(code === 0x7f ? 0xff : code);
  });

  it('keeps ≥ 37 dB SNR on a speech-level sine (the law is designed for ≈ 38 dB)', () => {
    const pcm = Int16Array.from({ length: 8000 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
    const decoded = decodeMulaw(encodeMulaw(pcm));
    let signal = 0;
    let noise = 0;
    for (let i = 0; i < pcm.length; i++) {
      signal += pcm[i] ** 2;
      noise += (decoded[i] - pcm[i]) ** 2;
    }
    expect(10 * Math.log10(signal / noise)).toBeGreaterThan(37);
  });
});

describe('G.711 A-law', () => {
  it('decodes all 256 codes exactly as wavefile does (independent implementation)', () => {
    expect(Array.from(decodeAlaw(allCodes))).toEqual(referenceDecode(allCodes, '8a'));
  });

  it('round trip of every int16 value stays within half a quantisation step of its segment', () => {
    // A-law segments 0 and 1 have step 16 (16-bit units), segment s ≥ 1 has step 2^(s+4).
    const decoded = decodeAlaw(encodeAlaw(allSamples));
    for (let i = 0; i < allSamples.length; i++) {
      const x = allSamples[i];
      const magnitude13 = (x >= 0 ? x : -x - 1) >> 3;
      const segment = magnitude13 < 32 ? 0 : Math.floor(Math.log2(magnitude13)) - 4;
      const halfStep = segment <= 1 ? 8 : 2 ** (segment + 3);
      expect(Math.abs(decoded[i] - x)).toBeLessThanOrEqual(halfStep + 1);
    }
  });

  it('decode → encode is the identity on all 256 codes', () => {
    expect(Array.from(encodeAlaw(decodeAlaw(allCodes)))).toEqual(Array.from(allCodes));
  });
});

describe('G.711 speed', () => {
  it('encodes 60 s at 8 kHz in well under 100 ms (table lookups)', () => {
    const pcm = Int16Array.from({ length: 480000 }, (_, i) => (i * 37) % 30000);
    const t0 = performance.now();
    decodeMulaw(encodeMulaw(pcm));
    decodeAlaw(encodeAlaw(pcm));
    expect(performance.now() - t0).toBeLessThan(100);
  });
});
