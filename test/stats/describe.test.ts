import { describe as suite, expect, it } from 'vitest';
import { describe, percentile, statOf } from '../../src/stats/describe.js';

// Truth: numpy.percentile (linear / Hyndman–Fan type 7), computed by hand:
// h = (n − 1)·p/100; value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
suite('percentile (type 7)', () => {
  it('interpolates between closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBeCloseTo(2.5, 12); // h = 1.5
    expect(percentile([1, 2, 3, 4], 90)).toBeCloseTo(3.7, 12); // h = 2.7
    expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48, 12); // h = 3.8 → 40 + 0.8·10
    expect(percentile([10, 20, 30, 40, 50], 25)).toBeCloseTo(20, 12); // h = 1 exactly
  });

  it('returns the extremes at p = 0 and 100, and the value itself for n = 1', () => {
    expect(percentile([3, 5, 9], 0)).toBe(3);
    expect(percentile([3, 5, 9], 100)).toBe(9);
    expect(percentile([42], 99)).toBe(42);
  });

  it('is NaN for no data and rejects p outside [0, 100]', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });
});

suite('describe', () => {
  it('drops null, undefined, NaN and infinities', () => {
    const d = describe([3, null, 1, Number.NaN, 2, undefined, Number.POSITIVE_INFINITY]);
    // Sorted finite values [1, 2, 3]: p90 h = 1.8 → 2.8; p95 h = 1.9 → 2.9; p99 h = 1.98 → 2.98.
    expect(d).toEqual({ n: 3, mean: 2, p50: 2, p90: expect.closeTo(2.8, 12), p95: expect.closeTo(2.9, 12), p99: expect.closeTo(2.98, 12), min: 1, max: 3 });
  });

  it('gives n = 0 and nulls when nothing is left', () => {
    expect(describe([null, Number.NaN])).toEqual({ n: 0, mean: null, p50: null, p90: null, p95: null, p99: null, min: null, max: null });
  });

  it('sorts numerically, not lexicographically', () => {
    expect(describe([100, 9, 20]).p50).toBe(20);
  });

  it('statOf picks the named statistic', () => {
    expect(statOf([1, 2, 3, 4], 'mean')).toBe(2.5);
    expect(statOf([1, 2, 3, 4], 'p90')).toBeCloseTo(3.7, 12);
    expect(statOf([1, 2, 3, 4], 'max')).toBe(4);
  });
});
