/** The part of the results model the library API (src/index.ts) exports. */
export { METRICS, METRIC_NAMES, FACTS, metricInfo, isMetricName } from './registry.js';
export { requireMetricName, UnknownNameError } from './names.js';
export { GATE_RULE, SMALL_N, gatePassLine } from './gate.js';
