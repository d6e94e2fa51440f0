import { FACTS, METRICS, appliesTo, isMetricName, type FactKind, type FactName, type TurnKind } from './registry.js';
import type { FactValue, MetricValue } from './types.js';

/**
 * Facts with the types the registry declares: `"true"`/`"false"` become booleans for boolean
 * facts, numeric text becomes a number for number facts; undeclared facts are kept as they are.
 * Also reads results written before facts were typed.
 */
export function typedFacts(raw: Readonly<Record<string, unknown>>): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const [name, v] of Object.entries(raw)) {
    const kind = factKind(name);
    if (v === null || v === undefined) out[name] = null;
    else if (kind === 'boolean' && typeof v === 'string') out[name] = v === 'true' ? true : v === 'false' ? false : v;
    else if (kind === 'number' && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) out[name] = Number(v);
    else out[name] = typeof v === 'object' ? JSON.stringify(v) : (v as FactValue);
  }
  return out;
}

/**
 * The turn's metrics with every metric that cannot apply to this kind of turn set to `null` (e.g.
 * `missed_turns` in manual mode, `talk_over_ms` outside a barge-in turn), so no report reads a
 * default 0 or false as a measurement.
 */
export function applicableMetrics(metrics: Readonly<Record<string, MetricValue>>, turn: TurnKind): Record<string, MetricValue> {
  const out: Record<string, MetricValue> = {};
  for (const [name, v] of Object.entries(metrics)) {
    out[name] = isMetricName(name) && !appliesTo(METRICS[name].scope, turn) ? null : v;
  }
  return out;
}

function factKind(name: string): FactKind | undefined {
  return Object.prototype.hasOwnProperty.call(FACTS, name) ? (FACTS[name as FactName] as { kind: FactKind }).kind : undefined;
}

/** How every report names a turn: `turn 2 (order pizza)`, or `turn 2` when it has no name. */
export function turnLabel(turn: number, name?: string | null): string {
  return name ? `turn ${turn} (${name})` : `turn ${turn}`;
}
