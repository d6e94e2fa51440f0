import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import { compareRuns } from '../../src/stats/index.js';
import { requireBuild, rtbench } from './helpers.js';

const quiet = { write: () => true } as never;

/** 12 repeats of one question on the virtual clock with a given mock profile and seed. */
async function runProfile(profile: string, seed: number) {
  const out = mkdtempSync(join(tmpdir(), `rtbench-cmp-${profile}-`));
  const r = await runBenchmark({ audio: ['fixtures/what-time.wav'], clock: 'virtual', repeat: 12, seed, out, reporters: [], stdout: quiet, mock: { profile } });
  return { ...r, out };
}

beforeAll(requireBuild);

describe("comparisons people can trust (truth: the mock profiles' latency distributions)", () => {
  it('the slow profile is significantly slower than the fast one; the same profile twice is not different', async () => {
    const fast = await runProfile('fast', 1);
    const slow = await runProfile('slow', 2);
    const fastAgain = await runProfile('fast', 3);
    const [row] = compareRuns(fast.results, slow.results, { seed: 1 }).filter((r) => r.metric === 'first_audio_ms');
    expect(row.significant).toBe(true);
    expect(row.delta!).toBeGreaterThan(500);
    const [same] = compareRuns(fast.results, fastAgain.results, { seed: 1 }).filter((r) => r.metric === 'first_audio_ms');
    expect(same.significant).toBe(false);

    // The CLI gates on it: a threshold on first_audio_ms p50 fails fast → slow, passes fast → fast.
    const regress = rtbench(['compare', fast.out, slow.out, '--threshold', 'first_audio_ms.p50=+10%']);
    expect(regress.code).toBe(1);
    expect(regress.stdout).toMatch(/regression/i);
    const ok = rtbench(['compare', fast.out, fastAgain.out, '--threshold', 'first_audio_ms.p50=+10%']);
    expect(ok.code).toBe(0);

    // And inline: run --baseline.
    const inline = await runBenchmark({
      audio: ['fixtures/what-time.wav'],
      clock: 'virtual',
      repeat: 12,
      seed: 4,
      out: mkdtempSync(join(tmpdir(), 'rtbench-cmp-inline-')),
      reporters: [],
      stdout: quiet,
      mock: { profile: 'slow' },
      baseline: fast.out,
      summaryEnv: {},
    });
    expect(inline.exitCode).toBe(1);
    expect(inline.results.regressions!.some((r) => r.regression && r.metric === 'first_audio_ms')).toBe(true);
  });
});
