/** Statistic names usable in thresholds, expectations and comparisons. */
export const STAT_NAMES = ['mean', 'p50', 'p90', 'p95', 'p99', 'min', 'max'] as const;
export type StatName = (typeof STAT_NAMES)[number];
