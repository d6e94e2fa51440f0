/**
 * The one gate rule for regressions, shared by `rtbench compare --threshold`, `rtbench run
 * --baseline` and the vitest matcher `toNotRegressFrom`. README.md quotes {@link GATE_RULE}
 * (test/e2e/docs.test.ts keeps them equal).
 */

/** Below this many values on either side, no significance test is run. */
export const SMALL_N = 8;
/** Significance level of the two-sample tests. */
export const ALPHA = 0.05;

/** The rule, as README.md states it. */
export const GATE_RULE = [
  'A cell (scenario × target × model × settings) fails the gate when its statistic is beyond the',
  "threshold's limit in the worse direction and the change is more than noise. With 8 or more values",
  'on each side, "more than noise" means significant: Mann–Whitney p < 0.05 with the effect in the',
  'worse direction, and the 95% bootstrap interval of the change excluding 0 on the worse side. With',
  'fewer than 8 values on either side no test is run and no p-value is shown: being beyond the limit is',
  'enough (the gate fails closed) and the line says "n<8: judged on the limit alone". Ties and equal',
  'values need no special case: equal runs are never beyond a limit, and a constant shift beyond it',
  'fails. A cell only one run has is listed as not compared; a cell whose metric has values in the',
  'baseline but none in the current run cannot be judged and fails (exit 1), and so does a threshold',
  'that no cell of both runs measured.',
].join('\n');

/** The words every renderer uses for a small-n verdict. */
export const SMALL_N_WORDS = `n<${SMALL_N}: judged on the limit alone`;

/** Whether either side is too small for a significance test. */
export function isSmallN(nA: number, nB: number): boolean {
  return nA < SMALL_N || nB < SMALL_N;
}

/** The one line a passing gate prints: how many cells it judged. */
export function gatePassLine(gate: { judged?: number }): string {
  return `baseline: ${gate.judged ?? 0} cell${gate.judged === 1 ? '' : 's'} judged, all within limits`;
}
