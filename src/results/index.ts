/**
 * The results model: the types every consumer of results shares (Sample, RunResults, …), the one
 * metric registry, and the gate rule. Imported by metrics, stats, report, scenario and vitest;
 * imports none of them.
 */
export type * from './types.js';
export { STAT_NAMES, type StatName } from './stat-names.js';
export {
  METRICS,
  METRIC_NAMES,
  FACTS,
  FACT_NAMES,
  EXPECTABLE_FACT_NAMES,
  RESPONSE_KINDS,
  SCOPE_WORDS,
  metricKind,
  metricInfo,
  isMetricName,
  scopeOf,
  appliesTo,
  type MetricInfo,
  type MetricName,
  type MetricUnit,
  type MetricScope,
  type MetricKind,
  type BetterDirection,
  type FactInfo,
  type FactKind,
  type FactName,
  type TurnKind,
} from './registry.js';
export { UnknownNameError, requireMetricName, unknownMetricMessage } from './names.js';
export { editDistance, closest, didYouMean } from './suggest.js';
