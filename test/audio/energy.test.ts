import { describe, expect, it } from 'vitest';
import { frameDbfs, frameLevels, SILENCE_DBFS } from '../../src/audio/index.js';

describe('frameDbfs (RMS re int16 full scale)', () => {
  it('full-scale square wave reads 0 dBFS', () => {
    const square = Int16Array.from({ length: 480 }, (_, i) => (i % 48 < 24 ? 32767 : -32768));
    expect(frameDbfs(square, 0, 480)).toBeCloseTo(0, 3);
  });

  it('full-scale sine reads −3.01 dBFS; a sine at half amplitude 6.02 dB less', () => {
    const sine = (a: number) => Int16Array.from({ length: 2400 }, (_, i) => Math.round(a * Math.sin((2 * Math.PI * i) / 48)));
    expect(frameDbfs(sine(32767), 0, 2400)).toBeCloseTo(-3.01, 2);
    expect(frameDbfs(sine(16384), 0, 2400)).toBeCloseTo(-9.03, 2);
  });

  it('digital silence and empty ranges read the −120 dBFS floor', () => {
    expect(frameDbfs(new Int16Array(240), 0, 240)).toBe(SILENCE_DBFS);
    expect(frameDbfs(new Int16Array(240), 500, 240)).toBe(SILENCE_DBFS);
    expect(SILENCE_DBFS).toBe(-120);
  });

  it('a single LSB in a frame is above the floor (−20·log10(32768) − 10·log10(240) ≈ −114 dBFS)', () => {
    const pcm = new Int16Array(240);
    pcm[5] = 1;
    expect(frameDbfs(pcm, 0, 240)).toBeCloseTo(-90.31 - 23.8, 1);
  });

  it('the range is clipped to the array', () => {
    const pcm = Int16Array.of(16384, 16384);
    expect(frameDbfs(pcm, -5, 100)).toBeCloseTo(-6.02, 2);
  });
});

describe('frameLevels', () => {
  it('one level per frame, the last partial frame measured over its own samples', () => {
    const pcm = new Int16Array(250).fill(16384);
    const levels = frameLevels(pcm, 100);
    expect(levels).toHaveLength(3);
    for (const level of levels) expect(level).toBeCloseTo(-6.02, 2);
  });
});
