import { describe, expect, it } from 'vitest';
import { concatPcm, meanSquare, mixNoise, SeededRandom, silence } from '../../src/audio/index.js';
import { bursts } from './helpers.js';

const RATE = 24000;

/** The noise that mixNoise added (no clipping happens at these levels). */
function addedNoise(speech: Int16Array, mixed: Int16Array): Int16Array {
  return Int16Array.from(mixed, (v, i) => v - speech[i]);
}

describe('silence and concatPcm', () => {
  it('silence(ms) has ms × rate / 1000 zero samples', () => {
    expect(silence(450, RATE)).toEqual(new Int16Array(10800));
    expect(silence(10, 8000)).toHaveLength(80);
  });
  it('concatPcm joins parts in order', () => {
    expect(concatPcm(Int16Array.of(1, 2), new Int16Array(0), Int16Array.of(3))).toEqual(Int16Array.of(1, 2, 3));
  });
});

describe('mixNoise', () => {
  // Truth: speech = a tone burst 1000–2000 ms inside 3 s; its power is measured over that segment.
  const speech = bursts(RATE, 3000, [[1000, 2000]], 0.3, 500);
  const segments = [{ start_ms: 1000, end_ms: 2000 }];
  const speechPower = meanSquare(speech, RATE, RATE);
  const room = Int16Array.from({ length: 7919 }, (_, i) => Math.round(2000 * Math.sin(i * 0.01) + 500 * Math.sin(i * 1.3)));

  for (const noise of ['white', 'pink', 'recorded'] as const) {
    for (const snrDb of [20, 10, 0]) {
      it(`${noise} noise at ${snrDb} dB: speech-segment power / noise power = ${snrDb} dB (±0.05)`, () => {
        const mixed = mixNoise(speech, noise === 'recorded' ? room : noise, snrDb, 42, { segments });
        const noisePower = meanSquare(addedNoise(speech, mixed));
        expect(10 * Math.log10(speechPower / noisePower)).toBeCloseTo(snrDb, 1);
      });
    }
  }

  it('without segments, the speech power is measured over the detected speech (same result here)', () => {
    const a = mixNoise(speech, 'white', 10, 1, { segments });
    const b = mixNoise(speech, 'white', 10, 1);
    const ratio = meanSquare(addedNoise(speech, a)) / meanSquare(addedNoise(speech, b));
    expect(10 * Math.log10(ratio)).toBeCloseTo(0, 1);
  });

  it('is deterministic per seed, and different seeds give different noise', () => {
    expect(mixNoise(speech, 'pink', 10, 5, { segments })).toEqual(mixNoise(speech, 'pink', 10, 5, { segments }));
    expect(mixNoise(speech, 'pink', 10, 5, { segments })).not.toEqual(mixNoise(speech, 'pink', 10, 6, { segments }));
  });

  it('a recorded noise shorter than the speech is looped (period = its length)', () => {
    const short = Int16Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 2001) - 1000);
    const added = addedNoise(speech, mixNoise(speech, short, 10, 3, { segments }));
    // Away from the burst, the added noise repeats every 1000 samples (±1 for rounding).
    for (let i = 0; i < 20000; i++) expect(Math.abs(added[i + 1000] - added[i])).toBeLessThanOrEqual(1);
  });

  it('silent speech gets no noise (the level is relative to the speech)', () => {
    expect(mixNoise(new Int16Array(RATE), 'white', 10, 1, { segments: [] })).toEqual(new Int16Array(RATE));
  });

  it('an empty recorded noise is an error', () => {
    expect(() => mixNoise(speech, new Int16Array(0), 10, 1)).toThrow(RangeError);
  });

  it('pink noise has equal power per octave (1/f) within ±2 dB, 125 Hz – 8 kHz', () => {
    const n = 4800; // 0.2 s → 5 Hz bins
    const tone = bursts(RATE, 200, [[0, 200]], 0.3, 50);
    const x = addedNoise(tone, mixNoise(tone, 'pink', 0, 9, { segments: [{ start_ms: 0, end_ms: 200 }] }));
    const octavePower = (lo: number): number => {
      let power = 0;
      for (let f = lo; f < 2 * lo; f += 5) {
        let re = 0;
        let im = 0;
        for (let i = 0; i < n; i++) {
          const w = (2 * Math.PI * f * i) / RATE;
          re += x[i] * Math.cos(w);
          im += x[i] * Math.sin(w);
        }
        power += re * re + im * im;
      }
      return 10 * Math.log10(power);
    };
    const octaves = [125, 500, 2000, 4000].map(octavePower);
    const mean = octaves.reduce((a, b) => a + b, 0) / octaves.length;
    for (const p of octaves) expect(Math.abs(p - mean)).toBeLessThanOrEqual(2);
  });
});

describe('SeededRandom', () => {
  it('is reproducible and uniform enough (mean ≈ 0.5 over 100k draws)', () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return Float64Array.from({ length: 100000 }, () => random.next());
    };
    const a = draw(123);
    expect(a).toEqual(draw(123));
    expect(a).not.toEqual(draw(124));
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(a.reduce((sum, v) => sum + v, 0) / a.length).toBeCloseTo(0.5, 2);
  });
});
