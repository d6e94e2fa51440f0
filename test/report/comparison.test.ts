import { describe, expect, it } from 'vitest';
import { renderAxisMarkdown, renderAxisTable, renderComparisonMarkdown, renderComparisonTable } from '../../src/report/comparison.js';
import { compareAxis, compareRuns } from '../../src/stats/compare-runs.js';
import { makeRun, makeSample, plainSamples } from './fixtures.js';
import type { RunResults } from '../../src/report/types.js';

const withSamples = (samples: RunResults['samples']): RunResults => ({ ...makeRun(), samples });

describe('comparison renderers', () => {
  const a = withSamples(plainSamples('gpt-4o', 30, 1, 0, 's'));
  const b = withSamples(plainSamples('gpt-4o-mini', 30, 2, -150, 's'));
  const rows = compareRuns(a, b, { iterations: 300 });

  it('console: deltas, %, p, ✔ for significant and – otherwise', () => {
    const out = renderComparisonTable(rows, { a: 'run-a', b: 'run-b', metrics: ['first_audio_ms', 'vad_stop_delay_ms'] });
    const fa = out.split('\n').find((l) => l.includes('first_audio_ms'))!;
    expect(fa).toContain('gpt-4o → gpt-4o-mini');
    expect(fa).toMatch(/−\d+/);
    expect(fa).toMatch(/−\d+\.\d%/);
    expect(fa).toContain('<0.001');
    expect(fa).toContain('✔');
    expect(out).toContain('A run-a');
    expect(out.split('\n').filter((l) => l.includes('_ms')).length).toBe(2);
  });

  it('flags small samples in both formats', () => {
    const few = compareRuns(
      withSamples([100, 110, 120].map((v) => makeSample({ scenario: 's', metrics: { first_audio_ms: v } }))),
      withSamples([300, 310, 320].map((v) => makeSample({ scenario: 's', metrics: { first_audio_ms: v } }))),
    );
    // The gate rule: below 8 values a side no test is run, so no p-value and no ✔/– verdict.
    const table = renderComparisonTable(few);
    expect(table).toContain('n<8: not tested (n=3/3)');
    expect(table).toContain('n<8 = fewer than 8 values on a side, so no test is run.');
    const md = renderComparisonMarkdown(few);
    expect(md).toContain('| — | n<8 (n=3/3) |');
    expect(md).toContain('| `first_audio_ms` | 110 | 310 | +200 | +181.8% | — |');
  });

  it('axis comparison: columns per model with Δ vs the first', () => {
    const run = makeRun({ mini_shift_ms: -200 });
    const cmp = compareAxis(run, 'model', { iterations: 300 });
    const md = renderAxisMarkdown(cmp, { metrics: ['first_audio_ms'] });
    expect(md.split('\n')[0]).toBe('| Scenario | Fixed | Metric | gpt-realtime | gpt-realtime-mini | Δ | p | Sig. |');
    expect(md).toContain('✔');
    expect(renderAxisTable(cmp, { metrics: ['first_audio_ms'] })).toContain('Δ = each other value − gpt-realtime');
    // A misspelt axis is refused with the closest one; an axis with one value has nothing to compare.
    expect(() => compareAxis(run, 'modle')).toThrow('unknown axis "modle" (did you mean model?): this run\'s axes are model, target, silence_duration_ms');
    expect(() => compareAxis(run, 'target')).toThrow('axis target has only one value in this run (mock): nothing to compare');
  });
});
