import { describe, expect, it } from 'vitest';
import { decodeWav, downmix, floatToPcm16, resample, toMonoPcm16 } from '../../src/audio/index.js';
import { buildWav, encodeSamples, sine, toneAmplitude, zeroCrossingHz } from './helpers.js';

describe('downmix', () => {
  it('averages the channels sample by sample', () => {
    const out = downmix([Float32Array.of(1, 0.5, -1), Float32Array.of(0, 0.5, 1), Float32Array.of(-0.5, 0.5, 0)]);
    expect(out).toEqual(Float32Array.of(1 / 6, 0.5, 0));
  });
  it('returns a mono input unchanged (no copy)', () => {
    const mono = Float32Array.of(0.1, 0.2);
    expect(downmix([mono])).toBe(mono);
  });
  it('opposite-phase channels cancel (a plain mean, as a mono listener would hear)', () => {
    const a = Float32Array.from(sine(440, 0.5, 24000, 240));
    const b = a.map((v) => -v);
    expect(Math.max(...downmix([a, b]).map(Math.abs))).toBe(0);
  });
});

describe('floatToPcm16', () => {
  it('rounds ×32768 and clips to int16', () => {
    expect(Array.from(floatToPcm16(Float32Array.of(0, 1, -1, 1.5, -1.5, 0.5, 1 / 32768)))).toEqual([0, 32767, -32768, 32767, -32768, 16384, 1]);
  });
});

describe('resample', () => {
  const conversions: Array<[number, number]> = [
    [48000, 24000],
    [44100, 24000],
    [16000, 24000],
    [8000, 24000],
    [24000, 8000],
    [22050, 24000],
    [24000, 24000],
  ];
  for (const [from, to] of conversions) {
    it(`${from} → ${to} Hz: preserves duration and a 1 kHz tone's frequency and amplitude`, () => {
      // Truth: a 1 kHz sine at 0.5 for exactly 1 s stays a 1 kHz sine at 0.5 for 1 s.
      const input = Float32Array.from(sine(1000, 0.5, from, from));
      const out = resample(input, from, to);
      expect(out.length).toBe(to);
      // Away from the edges (where the filter sees the zeros outside the signal).
      const edge = Math.round(to * 0.05);
      expect(toneAmplitude(out, 1000, to, edge, to - edge)).toBeCloseTo(0.5, 2);
      expect(zeroCrossingHz(out, to, edge, to - edge)).toBeCloseTo(1000, 0);
    });
  }

  it('48 → 24 kHz: a tone above the new Nyquist frequency (15 kHz) is removed, not aliased to 9 kHz', () => {
    const input = Float32Array.from(sine(15000, 0.5, 48000, 48000));
    const out = resample(input, 48000, 24000);
    const edge = 1200;
    let peak = 0;
    for (let i = edge; i < out.length - edge; i++) peak = Math.max(peak, Math.abs(out[i]));
    // 0.5 → < 0.0005 is more than 60 dB of rejection.
    expect(peak).toBeLessThan(0.0005);
  });

  it('24 → 8 kHz keeps a 3 kHz tone (telephone band) within 0.5 dB', () => {
    const out = resample(Float32Array.from(sine(3000, 0.5, 24000, 24000)), 24000, 8000);
    expect(20 * Math.log10(toneAmplitude(out, 3000, 8000, 400, 7600) / 0.5)).toBeGreaterThan(-0.5);
  });

  it('is time aligned: an impulse at t stays at t (no filter delay)', () => {
    const input = new Float32Array(48000);
    input[24000] = 1; // t = 0.5 s
    const out = resample(input, 48000, 24000);
    let argmax = 0;
    for (let i = 0; i < out.length; i++) if (Math.abs(out[i]) > Math.abs(out[argmax])) argmax = i;
    expect(argmax).toBe(12000);
  });

  it('rejects non-integer or non-positive rates', () => {
    expect(() => resample(new Float32Array(4), 0, 24000)).toThrow(RangeError);
    expect(() => resample(new Float32Array(4), 44100.5, 24000)).toThrow(RangeError);
  });
});

describe('toMonoPcm16', () => {
  it('24 kHz mono 16-bit input comes back bit-exact (nothing to convert)', () => {
    const pcm = Int16Array.from({ length: 2400 }, (_, i) => ((i * 7919) % 65536) - 32768);
    const wav = buildWav({ formatTag: 1, channels: 1, sampleRate: 24000, bitsPerSample: 16 }, new Uint8Array(pcm.buffer));
    expect(toMonoPcm16(decodeWav(wav, 'x.wav'))).toEqual(pcm);
  });

  it('48 kHz stereo float: downmixed, resampled to 24 kHz, 1 kHz tone at the mean amplitude', () => {
    // Left 0.6, right 0.2, in phase → mono amplitude 0.4 → int16 peak ≈ 13107.
    const left = sine(1000, 0.6, 48000, 48000);
    const right = sine(1000, 0.2, 48000, 48000);
    const wav = buildWav({ formatTag: 3, channels: 2, sampleRate: 48000, bitsPerSample: 32 }, encodeSamples([left, right], 'float', 32));
    const pcm = toMonoPcm16(decodeWav(wav, 'x.wav'), 24000);
    expect(pcm.length).toBe(24000);
    expect(toneAmplitude(pcm, 1000, 24000, 1200, 22800) / 32768).toBeCloseTo(0.4, 3);
  });

  it('clips instead of wrapping around when the float input exceeds full scale', () => {
    const loud = Float32Array.of(2, -2, 1.0001);
    expect(Array.from(toMonoPcm16({ sampleRate: 24000, channels: [loud] }))).toEqual([32767, -32768, 32767]);
  });
});
