/**
 * The regression gate of a run (`--baseline`, `--threshold`), one function for `rtbench run` and
 * `rtbench merge`, so a merged run is judged exactly like an unsharded one — by the one gate rule
 * (GATE_RULE in src/results/gate.ts) that `compare --threshold` and the vitest matcher apply too.
 */
import type { CellContent, GroupKey, RunResults } from '../results/types.js';
import { assertCommonCell, checkRegressions, judgeGate, parseThresholds } from '../stats/index.js';
import { assertSameContent } from '../stats/cell-content.js';
import { GATE_SIDES } from '../stats/regression.js';
import { loadRun } from '../run-folder/read.js';

/** Thresholds applied with `--baseline` when none are given. */
export const DEFAULT_THRESHOLDS = ['first_audio_ms.p50=+10%', 'first_audio_ms.p95=+15%'];

export interface GateOptions {
  /** A previous run (folder or results.json) to check for regressions against. */
  baseline?: string;
  /** Regression thresholds (default {@link DEFAULT_THRESHOLDS} with a baseline). */
  thresholds?: string[];
  /** Notices (a baseline without content fingerprints is matched by name only). */
  log?: (line: string) => void;
}

/**
 * Reads the baseline and parses the thresholds up front, so bad input fails (exit 2) before anything
 * runs — an unknown metric, or a baseline that shares no cell with the planned `cells` (another
 * plan). The returned function judges the finished results: it sets `results.gate` and returns the
 * verdicts (undefined without a baseline).
 */
export async function prepareGate(
  opts: GateOptions,
  cells?: ReadonlyArray<GroupKey & { content?: CellContent }>,
): Promise<(results: RunResults, seed: number) => RunResults['regressions']> {
  const thresholds = parseThresholds(opts.thresholds?.length ? opts.thresholds : opts.baseline ? DEFAULT_THRESHOLDS : []);
  const baseline = opts.baseline ? (await loadRun(opts.baseline)).results : null;
  if (baseline && cells) {
    assertCommonCell(baseline.samples, cells);
    // Same name, other content (another WAV in a quick run, other session settings): refused before running.
    for (const w of assertSameContent(
      baseline.samples.filter((s) => s.ok),
      cells,
      GATE_SIDES,
    ))
      opts.log?.(`warning: ${w}`);
  }
  return (results, seed) => {
    if (!baseline) return undefined;
    const verdicts = checkRegressions(baseline, results, thresholds, { seed });
    results.gate = judgeGate(verdicts, thresholds);
    return verdicts;
  };
}

/**
 * Exit code (docs/errors.md) of finished results: 3 all sessions failed; 1 an expectation or a sample
 * failed, or the gate failed (a regression, or a gate that could not judge); else 0.
 */
export function exitCodeOf(results: RunResults, sessions: number, failedSessions: number): 0 | 1 | 3 {
  if (sessions > 0 && failedSessions === sessions) return 3;
  return results.expectations.some((e) => !e.ok) || results.samples.some((s) => !s.ok) || results.gate?.failed || results.regressions?.some((r) => r.regression)
    ? 1
    : 0;
}
