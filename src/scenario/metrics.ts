/**
 * The metric and fact names a scenario may set expectations on, as the scenario module sees them:
 * a view of the one registry (src/results/registry.ts), from which the schema, the checks and the
 * JSON Schema are built.
 */
import {
  EXPECTABLE_FACT_NAMES,
  FACTS as ALL_FACTS,
  METRICS as REGISTRY,
  METRIC_NAMES,
  RESPONSE_KINDS,
  metricKind,
  scopeOf as registryScopeOf,
  type MetricKind,
  type MetricName,
  type MetricScope,
} from '../results/registry.js';
import { STAT_NAMES } from '../results/stat-names.js';

export type { MetricKind, MetricScope, MetricName };
export { METRIC_NAMES, RESPONSE_KINDS };

export interface MetricInfo {
  kind: MetricKind;
  scope: MetricScope;
  /** One line, shown by editors from the JSON Schema. */
  description: string;
}

const unitWords: Record<string, string> = { ms: ' (ms)', count: ' (count)', usd: ' (USD)', tokens: '', bool: '' };

/** Every registered metric, with the expectation kind and the one-line description editors show. */
export const METRICS = Object.fromEntries(
  METRIC_NAMES.map((n) => [n, { kind: metricKind(n), scope: REGISTRY[n].scope, description: `${REGISTRY[n].definition}${unitWords[REGISTRY[n].unit]}` }]),
) as Record<MetricName, MetricInfo>;

/** The facts a scenario may set expectations on. */
export const FACTS = {
  response: { scope: ALL_FACTS.response.scope, description: ALL_FACTS.response.definition },
  interrupted: { scope: ALL_FACTS.interrupted.scope, description: ALL_FACTS.interrupted.definition },
  transcript_contains: { scope: ALL_FACTS.transcript_contains.scope, description: ALL_FACTS.transcript_contains.definition },
  input_transcript_contains: { scope: ALL_FACTS.input_transcript_contains.scope, description: ALL_FACTS.input_transcript_contains.definition },
} as const satisfies Record<string, { scope: MetricScope; description: string }>;

export type FactName = keyof typeof FACTS;
export const FACT_NAMES = EXPECTABLE_FACT_NAMES as FactName[];

/** Aggregates over repeats (and over turns, at scenario level). `value` = each sample on its own. */
export const AGGREGATES = STAT_NAMES;
export type AggregateName = (typeof AGGREGATES)[number];

/** The scope of any expectation name, metric or fact. */
export function scopeOf(name: string): MetricScope | undefined {
  return registryScopeOf(name);
}
