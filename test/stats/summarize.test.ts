import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_MAX_N, normalMeanCi, summarize } from '../../src/stats/summarize.js';
import { bootstrapCi, meanStat } from '../../src/stats/bootstrap.js';
import { makeSample } from '../report/fixtures.js';

describe('summarize', () => {
  const samples = [
    makeSample({ model: 'a', settings: { x: 1, y: 'q' }, metrics: { first_audio_ms: 100, truncate_ok: true } }),
    makeSample({ model: 'a', settings: { y: 'q', x: 1 }, metrics: { first_audio_ms: 300, truncate_ok: false } }),
    makeSample({ model: 'a', settings: { x: 1, y: 'q' }, metrics: { first_audio_ms: 200, truncate_ok: true } }),
    makeSample({ model: 'a', settings: { x: 1, y: 'q' }, ok: false, metrics: { first_audio_ms: 99999 } }),
    makeSample({ model: 'b', settings: { x: 1, y: 'q' }, metrics: { first_audio_ms: 50, talk_over_ms: null } }),
  ];
  const rows = summarize(samples, { seed: 3, iterations: 500 });

  it('groups by scenario × target × model × settings, settings key order ignored', () => {
    expect(rows.map((r) => `${r.model}:${r.metric}`)).toEqual(['a:first_audio_ms', 'a:truncate_ok', 'b:first_audio_ms']);
  });

  it('counts only ok samples and describes them (truth: [100, 200, 300])', () => {
    const r = rows[0];
    expect(r).toMatchObject({ n: 3, mean: 200, p50: 200, min: 100, max: 300 });
    expect(r.p90).toBeCloseTo(280, 9); // h = 1.8 → 200 + 0.8·100
    expect(r.ci95![0]).toBeGreaterThanOrEqual(100);
    expect(r.ci95![1]).toBeLessThanOrEqual(300);
  });

  it('summarizes booleans as a 0..1 rate and skips metrics without values', () => {
    expect(rows[1].mean).toBeCloseTo(2 / 3, 12);
    expect(rows.some((r) => r.metric === 'talk_over_ms')).toBe(false);
  });

  it('is deterministic for a seed', () => {
    expect(summarize(samples, { seed: 3, iterations: 500 })).toEqual(rows);
  });
});

describe('summarize at scale', () => {
  // Truth: for n far above BOOTSTRAP_MAX_N, the normal CI of the mean is what the bootstrap
  // converges to; compare both on the same 6000 values (bootstrap with its default 2000 resamples).
  it('uses the normal CI of the mean above BOOTSTRAP_MAX_N, agreeing with the bootstrap', () => {
    const xs = Array.from({ length: BOOTSTRAP_MAX_N + 1000 }, (_, i) => 500 + ((i * 7919) % 1000));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const normal = normalMeanCi(xs, mean);
    const boot = bootstrapCi(xs, meanStat, { seed: 3 })!;
    expect(Math.abs(normal[0] - boot[0])).toBeLessThan(1);
    expect(Math.abs(normal[1] - boot[1])).toBeLessThan(1);
    expect(normal[0]).toBeLessThan(mean);
  });
});
