/**
 * Scenarios: hand-written YAML → validated documents → the runner's plan. Errors point at the exact
 * `file:line:col`; the JSON Schema for editors comes from the same zod definitions.
 */
export { ScenarioError, formatProblem, formatProblems, type Problem, type ScenarioErrorCode } from './errors.js';
export { loadScenarioFile, loadPlan, validateFiles, validateScenarios } from './load.js';
export {
  expandScenario,
  cellLabel,
  seedFor,
  defaultTrailingMs,
  type PlanOptions,
  DEFAULT_MODEL,
  DEFAULT_TARGET,
  DEFAULT_CHUNK_MS,
  DEFAULT_GAP_MS,
} from './expand.js';
export { quickPlan, QUICK_SCENARIO } from './quick.js';
export { scenarioJsonSchema, scenarioJsonSchemaText, writeScenarioJsonSchema, SCENARIO_SCHEMA_FILE } from './json-schema.js';
export { parseScenarioText } from './parse.js';
export type { ScenarioDoc, FixtureRef } from './doc.js';
export { parseComparison } from './expectations.js';
export { METRICS, METRIC_NAMES, FACTS, FACT_NAMES, AGGREGATES, RESPONSE_KINDS, type MetricName, type FactName, type AggregateName } from './metrics.js';
export type { ScenarioSpec, TurnSpec } from './schema.js';
export type * from './types.js';
