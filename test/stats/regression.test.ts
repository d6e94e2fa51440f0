import { describe, expect, it } from 'vitest';
import { checkRegressions, GateError, judgeGate } from '../../src/stats/regression.js';
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
    expect(r).toMatchObject({
      status: 'regression',
      regression: true,
      significant: true,
      small_n: false,
      beyond_threshold: true,
      n_baseline: 40,
      n_current: 40,
    });
    expect(r.current!).toBeGreaterThan(r.limit!);
    // Every line names the cell: scenario [target model settings].
    expect(r.message).toMatch(
      /^s \[mock m silence_duration_ms=500\]: first_audio_ms p50 .* n=40\/40, p=<?0\.\d+, significant: REGRESSION \[first_audio_ms\.p50=\+10%\]$/,
    );
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
    expect(r).toMatchObject({ regression: true, small_n: true, significant: false, delta: 40, limit: 130, p_value: null, stat_ci95: null });
    expect(r.message).toContain('n=3/3, n<8: judged on the limit alone: REGRESSION');
    expect(r.message).not.toMatch(/p=/);
  });

  const cell = (values: number[], model = 'm') => run(values.map((v) => makeSample({ scenario: 's', model, metrics: { first_audio_ms: v } })));
  const t10 = parseThreshold('first_audio_ms.p50=+10%');

  it('edge cases of the gate rule: n = 1, n just under 8, ties, all equal', () => {
    // n = 1: +6 ms on 100 ms is within +10%: ok, and no p-value is printed.
    const [one] = checkRegressions(cell([100]), cell([106]), [t10]);
    expect(one).toMatchObject({ status: 'ok', small_n: true, p_value: null });
    expect(one.message).toContain('n=1/1, n<8: judged on the limit alone: within the limit: ok');
    // n = 1 beyond the limit: a regression on the limit alone (fails closed).
    expect(checkRegressions(cell([100]), cell([120]), [t10])[0]).toMatchObject({ status: 'regression', small_n: true });
    // n = 7 vs 8: still small; 8 vs 8 is tested.
    expect(checkRegressions(cell([1, 2, 3, 4, 5, 6, 7].map((x) => 100 + x)), cell([1, 2, 3, 4, 5, 6, 7, 8].map((x) => 200 + x)), [t10])[0].small_n).toBe(true);
    const eight = checkRegressions(cell([1, 2, 3, 4, 5, 6, 7, 8].map((x) => 100 + x)), cell([1, 2, 3, 4, 5, 6, 7, 8].map((x) => 200 + x)), [t10])[0];
    expect(eight).toMatchObject({ small_n: false, significant: true, status: 'regression' });
    expect(eight.p_value!).toBeLessThan(0.001);
    // All equal on both sides: never beyond a limit.
    const equal = checkRegressions(cell(Array(20).fill(500)), cell(Array(20).fill(500)), [t10])[0];
    expect(equal).toMatchObject({ status: 'ok', regression: false, delta: 0 });
    // A constant shift beyond the limit (all values tied within each run, virtual clock): significant.
    const shifted = checkRegressions(cell(Array(20).fill(500)), cell(Array(20).fill(600)), [t10])[0];
    expect(shifted).toMatchObject({ status: 'regression', significant: true });
    // Heavy ties across both runs, same distribution: beyond a +0 limit by nothing → ok.
    const ties = [100, 100, 100, 200, 200, 200, 300, 300, 300, 300];
    expect(checkRegressions(cell(ties), cell([...ties].reverse()), [parseThreshold('first_audio_ms.p50=+0ms')])[0].regression).toBe(false);
  });

  it('fails closed: no common cell, a threshold nothing measured, a cell that lost its values', () => {
    expect(() => checkRegressions(cell([100], 'a'), cell([100], 'b'), [t10])).toThrow(GateError);
    expect(() => checkRegressions(cell([100], 'a'), cell([100], 'b'), [t10])).toThrow(/shares no cell .* another plan/);
    const tt = parseThreshold('tool_call_ms.p50=+10%');
    const g = judgeGate(checkRegressions(cell([100]), cell([100]), [tt]), [tt]);
    expect(g).toEqual({
      failed: true,
      judged: 0,
      problems: ['threshold tool_call_ms.p50=+10% cannot be judged: tool_call_ms was measured in no cell of either run'],
    });
    const lost = run([makeSample({ scenario: 's', model: 'm', metrics: { first_audio_ms: null } })]);
    const v = checkRegressions(cell([100]), lost, [t10]);
    expect(v[0].message).toBe(
      's [mock m silence_duration_ms=500]: first_audio_ms p50 measured in the baseline, not in this run: cannot be judged [first_audio_ms.p50=+10%]',
    );
    expect(judgeGate(v, [t10]).failed).toBe(true);
    expect(judgeGate(checkRegressions(cell([100]), cell([101]), [t10]), [t10])).toEqual({ failed: false, problems: [], judged: 1 });
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
