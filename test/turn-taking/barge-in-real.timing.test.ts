/**
 * Barge-in on time on the real clock (a real mock server over a socket): the realised onset is
 * within ±20 ms of what was asked (median of the table), and every miss over 20 ms is warned about
 * in the trace. Runs in the timing pass (vitest.config.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import { readTraces } from '../../src/run-folder/read.js';
import { BARGE_CASES as CASES, bargeScenario as scenario, scenarioDir } from './helpers.js';

describe('barge-in timing, real clock: within ±20 ms (median), every miss over 20 ms warned about', () => {
  it('after_first_audio_ms 100 / 600 / 1500 and after_played_ms 500', { timeout: 120_000 }, async () => {
    const dirs = CASES.map((c, i) => scenarioDir(scenario(c.trigger, 2).replace('name: barge', `name: barge${i}`)));
    const out = mkdtempSync(join(tmpdir(), 'rtbench-barge-real-'));
    const r = await runBenchmark({
      paths: dirs.map((d) => join(d, 'scenario.yaml')),
      clock: 'real',
      out,
      reporters: [],
      stdout: { write: () => true } as never,
      concurrency: 4,
    });
    const traces = await readTraces(out);
    const misses: number[] = [];
    for (const [i, c] of CASES.entries()) {
      const samples = r.results.samples.filter((s) => s.turn === 1 && s.id.startsWith(`barge${i}#`));
      expect(samples).toHaveLength(2);
      for (const s of samples) {
        expect(s.ok, s.error ?? undefined).toBe(true);
        const miss = Math.abs(Number(s.facts?.barge_in_offset_ms) - (c.after === 'first_audio' ? c.ms : 0));
        misses.push(miss);
        // A miss beyond 20 ms (a loaded box) is never silent: the session's trace warns about it.
        const session = s.id.replace(/#t1$/, '');
        const warned = traces.some((t) => t.s === session && t.k === 'note' && /barge-in onset landed/.test(t.msg));
        if (miss > 20.5) expect(warned).toBe(true);
      }
    }
    misses.sort((a, b) => a - b);
    expect(misses[Math.floor(misses.length / 2)]).toBeLessThanOrEqual(20);
  });
});
