/**
 * The trace look-ups that keep computeTurnMetrics n·log n answer exactly what the scans they
 * replace would, on random data with ties, NaN, ±Infinity and unsorted input.
 */
import { describe, expect, it } from 'vitest';
import { FirstAtOrAfter, LastBefore, OverlapIndex, StillRunning, TimeWindows } from '../../src/metrics/time-index.js';
import { mulberry32 } from '../../src/util/prng.js';

const rng = mulberry32(7);
/** Small integers (many ties), with an occasional NaN or infinity. */
const time = (): number => {
  const u = rng();
  if (u < 0.03) return NaN;
  if (u < 0.05) return Infinity;
  if (u < 0.06) return -Infinity;
  return Math.floor(rng() * 50);
};
const cases = Array.from({ length: 300 }, () => Array.from({ length: Math.floor(rng() * 40) }, (_, id) => ({ id, t: time(), u: time() })));
const queries = [NaN, Infinity, -Infinity, ...Array.from({ length: 12 }, time)];

describe('time-index look-ups equal the scans they replace', () => {
  it('TimeWindows.within = filter(t >= from && t < to)', () => {
    for (const items of cases) {
      const idx = new TimeWindows(items, (x) => x.t);
      for (const from of queries) for (const to of queries) expect(idx.within(from, to)).toEqual(items.filter((x) => x.t >= from && x.t < to));
    }
  });

  it('FirstAtOrAfter.find = find(t >= q); LastBefore.find = last with t < q', () => {
    for (const items of cases) {
      const first = new FirstAtOrAfter(items, (x) => x.t);
      const last = new LastBefore(items, (x) => (x.u === 0 ? null : x.t));
      for (const q of queries) {
        expect(first.find(q)).toBe(items.find((x) => x.t >= q));
        expect(last.find(q)).toBe([...items].reverse().find((x) => x.u !== 0 && x.t < q));
      }
    }
  });

  it('StillRunning.at = filter(key < q && value > q)', () => {
    for (const items of cases) {
      const idx = new StillRunning(
        items,
        (x) => x.t,
        (x) => x.u,
      );
      for (const q of queries) expect(idx.at(q)).toEqual(items.filter((x) => x.t < q && x.u > q));
    }
  });

  it('OverlapIndex.overlapsAny = some(overlap within tolerance)', () => {
    for (const items of cases) {
      const ivs = items.map((x) => ({ start_ms: x.t, end_ms: x.u }));
      const idx = new OverlapIndex(ivs);
      for (const a of queries)
        for (const b of queries)
          for (const tol of [0, 200, NaN]) {
            const q = { start_ms: a, end_ms: b };
            expect(idx.overlapsAny(q, tol)).toBe(ivs.some((e) => e.start_ms < q.end_ms + tol && q.start_ms < e.end_ms + tol));
          }
    }
  });
});
