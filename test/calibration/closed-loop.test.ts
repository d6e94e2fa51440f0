/**
 * Closed loop, no network: a mock with a known profile (the truth) → runs → calibrate → runs against
 * the fitted profile must reproduce the source (p50/p90 within 10 %, compare finds no significant
 * difference), while a source with a different profile is found significantly different.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/calibration/index.js';
import { readTraces } from '../../src/run-folder/read.js';
import { compareRuns } from '../../src/stats/index.js';
import type { RunResults } from '../../src/report/types.js';
import { knownProfile, runAgainst, writeProfile } from './helpers.js';

const METRICS = ['first_audio_ms', 'vad_stop_delay_ms', 'vad_to_first_audio_ms'] as const;
const TURNS = 300;

function quantile(results: RunResults, metric: string, p: number): number {
  const xs = results.samples
    .map((s) => s.metrics[metric])
    .filter((v): v is number => typeof v === 'number')
    .sort((a, b) => a - b);
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  return xs[lo] + (h - lo) * (xs[Math.min(lo + 1, xs.length - 1)] - xs[lo]);
}

describe('calibrate → mock reproduces the source (truth: a known profile file)', () => {
  it('fitted runs match the source within 10 % at p50 and p90; a different source is significantly different', async () => {
    const source = await runAgainst(writeProfile(knownProfile(450)), TURNS, 11);
    const { file } = calibrate([{ dir: source.out, traces: await readTraces(source.out) }]);
    const fittedPath = writeProfile(file, 'fitted.json');
    const fitted = await runAgainst(fittedPath, TURNS, 12);

    const table: string[] = [];
    for (const metric of METRICS) {
      for (const p of [0.5, 0.9]) {
        const a = quantile(source.results, metric, p);
        const b = quantile(fitted.results, metric, p);
        table.push(`${metric} p${p * 100}: source ${a.toFixed(1)} fitted ${b.toFixed(1)} (${(((b - a) / a) * 100).toFixed(1)} %)`);
        expect(Math.abs(b - a) / a, `${metric} p${p * 100}`).toBeLessThan(0.1);
      }
    }
    const all = compareRuns(source.results, fitted.results, { seed: 1 });
    // No metric at all differs significantly, not only the three above.
    expect(all.filter((r) => r.significant).map((r) => r.metric)).toEqual([]);
    const same = all.filter((r) => (METRICS as readonly string[]).includes(r.metric));
    expect(same).toHaveLength(METRICS.length);
    for (const row of same) expect(row.significant, `${row.metric}: ${JSON.stringify(row)}`).toBe(false);

    // A service 150 ms slower to answer: found different from the fitted profile.
    const other = await runAgainst(writeProfile(knownProfile(600)), TURNS, 13);
    const diff = compareRuns(fitted.results, other.results, { seed: 1 });
    const row = (m: string) => diff.find((r) => r.metric === m)!;
    expect(row('first_audio_ms').significant).toBe(true);
    expect(row('vad_to_first_audio_ms').significant).toBe(true);
    expect(row('first_audio_ms').delta!).toBeGreaterThan(80);

    for (const r of same) table.push(`compare source vs fitted ${r.metric}: Δmedian ${r.delta} ms, p ${r.p_value?.toFixed(3)}, significant ${r.significant}`);
    for (const m of METRICS)
      table.push(`compare fitted vs other ${m}: Δmedian ${row(m).delta} ms, p ${row(m).p_value?.toExponential(2)}, significant ${row(m).significant}`);
    // The closing note's numbers: RTBENCH_CLOSED_LOOP_OUT=file npx vitest run test/calibration/closed-loop.test.ts
    if (process.env.RTBENCH_CLOSED_LOOP_OUT) writeFileSync(process.env.RTBENCH_CLOSED_LOOP_OUT, table.join('\n') + '\n');
  }, 120_000);
});
