import type { GroupKey, MetricValue, Sample } from '../results/types.js';

export type { GroupKey };

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` give one string. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

/** A string key for a group (scenario × target × model × settings). */
export function groupKeyOf(g: GroupKey): string {
  return stableStringify([g.scenario, g.target, g.model, g.settings]);
}

/** Groups items by a key function, keeping first-appearance order of groups and items. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** A metric value as a number for statistics: booleans become 0/1, null stays null. */
export function metricNumber(v: MetricValue | undefined): number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Metric names present in the samples, in first-appearance order. */
export function metricNames(samples: readonly Sample[]): string[] {
  const seen = new Set<string>();
  for (const s of samples) for (const k of Object.keys(s.metrics)) seen.add(k);
  return [...seen];
}

/** The values of one metric over samples (as numbers, nulls kept so callers see gaps). */
export function metricValues(samples: readonly Sample[], metric: string): (number | null)[] {
  return samples.map((s) => metricNumber(s.metrics[metric]));
}

/**
 * The label of a matrix cell: target, model and `k=v` settings joined by spaces, e.g.
 * `mock gpt-realtime silence_duration_ms=300` — the same form as `ExpectationResult.cell`
 * (src/metrics/expectations.ts), so expectations and samples meet on it.
 */
export function cellLabel(g: Pick<GroupKey, 'target' | 'model' | 'settings'>): string {
  const settings = settingsLabel(g.settings);
  return [g.target, g.model, ...(settings ? [settings] : [])].join(' ');
}

/** `k=v k=v` of a settings object (insertion order), or '' when empty. */
export function settingsLabel(settings: GroupKey['settings']): string {
  return Object.entries(settings)
    .map(([k, v]) => `${k}=${v === null ? 'null' : String(v)}`)
    .join(' ');
}
