import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenchmark, type BenchmarkOptions } from '../../src/app/benchmark.js';

/** A fresh run folder. */
export const outDir = (prefix = 'rtbench-perf-') => mkdtempSync(join(tmpdir(), prefix));

/** runBenchmark with nothing printed, no secrets, no GitHub summary. */
export function quietRun(opts: BenchmarkOptions) {
  return runBenchmark({
    reporters: [],
    stdout: { write: () => true } as never,
    env: {},
    summaryEnv: {},
    out: outDir(),
    ...opts,
  });
}
