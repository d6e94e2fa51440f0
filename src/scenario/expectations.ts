import type { Comparison, Expectation } from './types.js';
import { AGGREGATES, FACTS, type AggregateName } from './metrics.js';
import type { PathSegment, SourceMap } from './positions.js';
import { COMPARISON_PATTERN, type ScenarioSpec } from './schema.js';

/**
 * Expectation syntax → {@link Expectation}s:
 * - `"< 1200"`, `"<= 5"`, `">= 0"`, `"== 0"`, `"!= 0"`, `"> 3"`: a comparison of each sample;
 * - a number: equality (`0` is `== 0`);
 * - `true`/`false` on a boolean metric or fact: equality;
 * - `{ p95: "< 1200", mean: "< 900" }`: comparisons of aggregates over repeats (and over turns at
 *   scenario level);
 * - `response: audio`, `interrupted: true`, `transcript_contains: "…"`,
 *   `input_transcript_contains: "…"`: per-turn facts.
 */

/** Parses `"< 1200"`; undefined when it is not a comparison. */
export function parseComparison(text: string): Comparison | undefined {
  const m = COMPARISON_PATTERN.exec(text);
  if (!m) return undefined;
  return { op: m[1] as Comparison['op'], value: Number(m[2]) };
}

/** A threshold as written (number or comparison string) → comparison. Numbers mean `==`. */
export function toComparison(value: number | string): Comparison {
  if (typeof value === 'number') return { op: '==', value };
  const c = parseComparison(value);
  // The schema only lets comparison strings through; reaching this is a bug, not bad input.
  if (!c) throw new Error(`not a comparison: ${value}`);
  return c;
}

/** All expectations of a validated scenario, each with the `file:line:col` of its key. */
export function collectExpectations(spec: ScenarioSpec, map: SourceMap, displayFile: string): Expectation[] {
  const out: Expectation[] = [];
  const where = (path: PathSegment[]) => {
    const { line, col } = map.key(path);
    return `${displayFile}:${line}:${col}`;
  };
  spec.turns.forEach((turn, i) => {
    for (const [name, value] of Object.entries(turn.expect ?? {})) {
      if (value === undefined) continue;
      out.push(...fromEntry(name, value, ['turns', i, 'expect', name], where, i));
    }
  });
  for (const [name, value] of Object.entries(spec.expect ?? {})) {
    if (value === undefined) continue;
    out.push(...fromEntry(name, value, ['expect', name], where, undefined));
  }
  // zod returns keys in schema order; reports read better in the order the author wrote them.
  return out.sort((a, b) => compareWhere(a.where, b.where));
}

function fromEntry(name: string, value: unknown, path: PathSegment[], where: (p: PathSegment[]) => string, turn: number | undefined): Expectation[] {
  const base = { metric: name, ...(turn === undefined ? {} : { turn }) };
  if (name === 'transcript_contains' || name === 'input_transcript_contains')
    return [{ where: where(path), ...base, aggregate: 'value', contains: String(value) }];
  if (name in FACTS) return [{ where: where(path), ...base, aggregate: 'value', equals: value as string | boolean }];
  if (typeof value === 'boolean') return [{ where: where(path), ...base, aggregate: 'value', equals: value }];
  if (typeof value === 'number' || typeof value === 'string') {
    return [{ where: where(path), ...base, aggregate: 'value', compare: toComparison(value) }];
  }
  // Aggregates, in the order written. On a boolean metric they are over a rate (true = 1, false = 0).
  const out: Expectation[] = [];
  for (const [agg, threshold] of Object.entries(value as Record<string, number | string | undefined>)) {
    if (threshold === undefined || !(AGGREGATES as readonly string[]).includes(agg)) continue;
    out.push({ where: where([...path, agg]), ...base, aggregate: agg as AggregateName, compare: toComparison(threshold) });
  }
  return out;
}

function compareWhere(a: string, b: string): number {
  const pa = a.split(':').slice(-2).map(Number);
  const pb = b.split(':').slice(-2).map(Number);
  return pa[0] - pb[0] || pa[1] - pb[1];
}
