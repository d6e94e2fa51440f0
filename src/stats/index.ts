/** Statistics over plain arrays: percentiles, bootstrap CIs, two-sample tests, regressions. */
export { mulberry32, randomInt, randomNormal, deriveSeed, type Rng } from '../util/prng.js';
export { percentile, describe, finiteValues, sortAscending, mean, median, statOf, STAT_NAMES, type StatName, type Description } from './describe.js';
export { bootstrapCi, bootstrapDiffCi, meanStat, medianStat, type BootstrapOptions, type Statistic } from './bootstrap.js';
export { mannWhitney, normalSf, EXACT_MAX_N, type MannWhitneyResult } from './mann-whitney.js';
export { compareSamples, SMALL_N, ALPHA, type SampleComparison, type CompareOptions } from './compare.js';
export { summarize, type SummarizeOptions } from './summarize.js';
export { stableStringify, groupKeyOf, groupBy, metricNumber, metricNames, metricValues, cellLabel, settingsLabel, type GroupKey } from './group.js';
export { parseThreshold, parseThresholds, thresholdLimit, beyondThreshold, ThresholdError, type Threshold } from './threshold.js';
export { checkRegressions, judgeGate, assertCommonCell, GateError, type RegressionResult, type RegressionOptions, type GateOutcome } from './regression.js';
export {
  compareRuns,
  compareAxis,
  type ComparisonRow,
  type CompareRunsOptions,
  type Axis,
  type AxisCell,
  type AxisRow,
  type AxisComparison,
} from './compare-runs.js';
