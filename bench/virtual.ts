import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBenchmark } from '../src/app/benchmark.js';
import { RealClock } from '../src/clock/real.js';

/** The 60 s conversation (source tree path; the bench runs from the repository root). */
export const LONG_SCENARIO = fileURLToPath(new URL('../../bench/scenarios/long-60s.yaml', import.meta.url));

export interface VirtualRow {
  scenario: string;
  /** Input audio the session streamed (ms of conversation). */
  session_ms: number;
  turns: number;
  /** Wall time of the first `runBenchmark` call (cold caches) and the median of the next ones. */
  cold_wall_ms: number;
  wall_ms_p50: number;
  speedup_cold: number;
  speedup_p50: number;
  /** Every run produced the same samples (virtual time is deterministic). */
  identical: boolean;
}

/**
 * Speed-up of `--clock virtual`: the conversation's duration ÷ the wall time of the whole
 * `runBenchmark` call (plan, audio, sessions, statistics, run folder), cold and warm.
 */
export async function measureVirtualSpeedup(runs: number): Promise<VirtualRow> {
  const clock = new RealClock();
  const walls: number[] = [];
  let sessionMs = 0;
  let turns = 0;
  const fingerprints = new Set<string>();
  const dir = await mkdtemp(join(tmpdir(), 'rtbench-bench-virtual-'));
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = clock.now();
      const { results } = await runBenchmark({
        paths: [LONG_SCENARIO],
        clock: 'virtual',
        out: join(dir, `run-${i}`),
        reporters: [],
        stdout: { write: () => true } as never,
        env: {},
        summaryEnv: {},
        seed: 1,
      });
      walls.push(clock.now() - t0);
      const failed = results.samples.filter((s) => !s.ok);
      if (failed.length) throw new Error(`virtual run failed: ${failed[0].error}`);
      sessionMs = results.pacing.chunks * 20;
      turns = results.samples.length;
      fingerprints.add(JSON.stringify(results.samples));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const warm = walls.slice(1).sort((a, b) => a - b);
  const p50 = warm.length ? warm[Math.floor((warm.length - 1) / 2)] : walls[0];
  return {
    scenario: 'bench/scenarios/long-60s.yaml',
    session_ms: sessionMs,
    turns,
    cold_wall_ms: round(walls[0]),
    wall_ms_p50: round(p50),
    speedup_cold: round(sessionMs / walls[0]),
    speedup_p50: round(sessionMs / p50),
    identical: fingerprints.size === 1,
  };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
