import { describe, expect, it } from 'vitest';
import { checkRegressions } from '../../src/stats/regression.js';
import { parseThreshold } from '../../src/stats/threshold.js';
import type { RunResults, Sample } from '../../src/report/types.js';
import { makeSample, plainSamples } from '../report/fixtures.js';

function run(samples: Sample[]): RunResults {
  return {
    schema: 'rtbench.results/v1',
    run: { version: '0', started_at: '', ended_at: '', argv: [], node: '', cpus: 1, clock: 'virtual', seed: 1 },
    pacing: { chunks: 0, lag_p50_ms: null, lag_p99_ms: null, lag_max_ms: null },
    samples,
    summary: [],
    expectations: [],
  };
}

describe('checkRegressions', () => {
  const baseline = run(plainSamples('m', 40, 1, 0, 's'));

  it('flags a significant slowdown beyond the threshold', () => {
    const current = run(plainSamples('m', 40, 2, 150, 's'));
    const [r] = checkRegressions(baseline, current, [parseThreshold('first_audio_ms.p50=+10%')]);
    expect(r).toMatchObject({ status: 'regression', regression: true, significant: true, small_n: false, beyond_threshold: true, n_baseline: 40, n_current: 40 });
    expect(r.current!).toBeGreaterThan(r.limit!);
    expect(r.message).toMatch(/^first_audio_ms p50 .* REGRESSION \[first_audio_ms\.p50=\+10%\]$/);
  });

  it('does not flag the same distribution, nor a change within the threshold', () => {
    const same = run(plainSamples('m', 40, 3, 0, 's'));
    const [r] = checkRegressions(baseline, same, [parseThreshold('first_audio_ms.p50=+20%')]);
    expect(r.regression).toBe(false);
    expect(r.status).toBe('ok');
    // Improvements never regress.
    const faster = run(plainSamples('m', 40, 4, -150, 's'));
    expect(checkRegressions(baseline, faster, [parseThreshold('first_audio_ms.p50=+1%')])[0].regression).toBe(false);
  });

  it('says not_significant when beyond a tiny threshold by noise only', () => {
    const same = run(plainSamples('m', 40, 5, 0, 's'));
    const results = checkRegressions(baseline, same, [parseThreshold('first_audio_ms.p95=+0ms')]);
    expect(['ok', 'not_significant']).toContain(results[0].status);
    expect(results[0].regression).toBe(false);
  });

  // The documented small-n rule: below 8 values per side, beyond the threshold is enough,
  // and the result says small_n.
  it('with small n, regresses on the threshold alone and flags it', () => {
    const b = run([100, 110, 120].map((v) => makeSample({ scenario: 's', model: 'm', metrics: { first_audio_ms: v } })));
    const c = run([140, 150, 160].map((v) => makeSample({ scenario: 's', model: 'm', metrics: { first_audio_ms: v } })));
    const [r] = checkRegressions(b, c, [parseThreshold('first_audio_ms.p50=+20ms')]);
    expect(r).toMatchObject({ regression: true, small_n: true, significant: false, delta: 40, limit: 130 });
    expect(r.message).toContain('small n');
  });

  it('handles lower-is-worse rates and groups missing from the baseline', () => {
    const mk = (model: string, okRate: number, n: number) =>
      Array.from({ length: n }, (_, i) => makeSample({ scenario: 's', model, metrics: { truncate_ok: i < okRate * n } }));
    const b = run(mk('m', 1, 40));
    const c = run([...mk('m', 0.6, 40), ...mk('new-model', 1, 10)]);
    const results = checkRegressions(b, c, [parseThreshold('truncate_ok.mean=-10%')]);
    expect(results.find((r) => r.model === 'm')).toMatchObject({ regression: true, baseline: 1, current: 0.6 });
    expect(results.find((r) => r.model === 'new-model')).toMatchObject({ status: 'no_baseline', regression: false });
  });
});
