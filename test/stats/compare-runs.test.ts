import { describe, expect, it } from 'vitest';
import { compareAxis, compareRuns } from '../../src/stats/compare-runs.js';
import { renderAxisTable } from '../../src/report/comparison.js';
import { makeRun, plainSamples, MODELS, TRICKY_SCENARIO } from '../report/fixtures.js';
import type { RunResults } from '../../src/report/types.js';

const only = (r: RunResults, model: string): RunResults => ({ ...r, samples: r.samples.filter((s) => s.model === model) });

describe('compareRuns', () => {
  it('pairs the same model across runs', () => {
    const a = makeRun({ seed: 1 });
    const b = makeRun({ seed: 2 });
    const rows = compareRuns(a, b, { iterations: 300 });
    const fa = rows.filter((r) => r.metric === 'first_audio_ms' && r.scenario === TRICKY_SCENARIO);
    expect(fa.map((r) => [r.model_a, r.model_b])).toEqual([
      [MODELS[0], MODELS[0]],
      [MODELS[1], MODELS[1]],
    ]);
    expect(fa[0].n_a).toBe(20);
  });

  it('pairs different models when each run has one (gpt-4o run vs gpt-4o-mini run)', () => {
    const a = { ...makeRun(), samples: plainSamples('gpt-4o', 30, 1, 0, 's') };
    const b = { ...makeRun(), samples: plainSamples('gpt-4o-mini', 30, 2, 200, 's') };
    const rows = compareRuns(a, b, { iterations: 300 });
    const fa = rows.find((r) => r.metric === 'first_audio_ms')!;
    expect(fa).toMatchObject({ model_a: 'gpt-4o', model_b: 'gpt-4o-mini', significant: true });
    expect(fa.delta!).toBeGreaterThan(100);
    expect(rows.find((r) => r.metric === 'cost_usd')).toMatchObject({ n_a: 30, n_b: 30 });
  });

  it('skips groups present on one side only', () => {
    const a = only(makeRun(), MODELS[0]);
    const b = { ...makeRun(), samples: makeRun().samples.filter((s) => s.scenario === 'barge-in') };
    expect(compareRuns(a, b).every((r) => r.scenario === 'barge-in')).toBe(true);
  });
});

describe('compareAxis', () => {
  it('compares models within one run, first value as reference', () => {
    const run = makeRun({ mini_shift_ms: -150 });
    const cmp = compareAxis(run, 'model', { iterations: 300 });
    expect(cmp.values).toEqual([...MODELS]);
    const row = cmp.rows.find((r) => r.scenario === TRICKY_SCENARIO && r.metric === 'first_audio_ms')!;
    expect(row.model).toBeNull();
    expect(row.label).toBe('mock · silence_duration_ms=500');
    expect(row.cells[0]!.vs_first).toBeNull();
    expect(row.cells[1]!.vs_first!.delta!).toBeLessThan(-80);
    expect(row.cells[1]!.vs_first!.significant).toBe(true);
  });

  it('compares along a setting, dropping it from the fixed axes', () => {
    const run = makeRun();
    run.samples = [
      ...plainSamples('m', 12, 1, 0, 's').map((s) => ({ ...s, settings: { silence_duration_ms: 500, noise: 'none' } })),
      ...plainSamples('m', 12, 2, 0, 's').map((s) => ({ ...s, settings: { silence_duration_ms: 200, noise: 'none' } })),
    ];
    const cmp = compareAxis(run, 'silence_duration_ms', { iterations: 200 });
    expect(cmp.values).toEqual(['500', '200']);
    expect(cmp.rows[0]).toMatchObject({ model: 'm', target: 'mock', settings: { noise: 'none' } });
    // Off the transport axis every metric compares like for like.
    expect(cmp.rows.every((r) => r.comparable)).toBe(true);
  });

  it('along transport: metrics measured alike on ws and webrtc first, the others marked not comparable', () => {
    const run = makeRun();
    const withAudible = (t: string, seed: number) =>
      plainSamples('m', 12, seed, 0, 's').map((s) => ({
        ...s,
        transport: t,
        settings: { transport: t },
        metrics: { ...s.metrics, first_audible_ms: (s.metrics.first_audio_ms as number) + 400 },
      }));
    run.samples = [...withAudible('ws', 1), ...withAudible('webrtc', 2)];
    const cmp = compareAxis(run, 'transport', { iterations: 200 });
    const order = cmp.rows.map((r) => [r.metric, r.comparable] as const);
    expect(order.find(([m]) => m === 'first_audible_ms')).toEqual(['first_audible_ms', true]);
    expect(order.find(([m]) => m === 'first_audio_ms')).toEqual(['first_audio_ms', false]);
    const firstNot = order.findIndex(([, c]) => !c);
    expect(firstNot).toBeGreaterThan(0);
    expect(order.slice(firstNot).every(([, c]) => !c)).toBe(true);
    const table = renderAxisTable(cmp);
    expect(table).toMatch(/first_audio_ms ≠/);
    expect(table).not.toMatch(/first_audible_ms ≠/);
    expect(table).toMatch(/measured differently over ws and webrtc/);
  });
});

describe('rates', () => {
  // Truth: 40/40 vs 28/40 successes — a 30-point drop in means, while both medians are 1.
  it('compares boolean metrics by their means', () => {
    const mk = (okCount: number, seed: number) => ({
      ...makeRun(),
      samples: Array.from({ length: 40 }, (_, i) => ({ ...plainSamples('m', 1, seed + i, 0, 's')[0], metrics: { truncate_ok: i < okCount } })),
    });
    const [row] = compareRuns(mk(40, 1), mk(28, 100), { iterations: 500 });
    expect(row).toMatchObject({ rate: true, center: 'mean', mean_a: 1, mean_b: 0.7, median_a: 1, median_b: 1, significant: true });
    expect(row.delta).toBeCloseTo(-0.3, 12);
  });
});
