import type { Comparison, Expectation, SessionPlan } from '../scenario/types.js';
import type { ExpectationResult, Sample } from '../results/types.js';
import { cellLabel } from '../stats/group.js';
import { statOf } from '../stats/describe.js';
import { turnLabel } from '../results/sample.js';

/**
 * Checks every expectation of every scenario against the samples of each matrix cell. Turn-level
 * expectations with no aggregate hold for each sample; aggregates (`p95`, `mean`, …) are computed
 * over all samples of the cell (all repeats, and all turns for scenario-level ones).
 */
export function evaluateExpectations(sessions: SessionPlan[], samples: Sample[]): ExpectationResult[] {
  const out: ExpectationResult[] = [];
  const seen = new Set<string>();
  for (const sp of sessions) {
    const cell = cellLabel(sp);
    const key = `${sp.scenario}\u0000${cell}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cellSamples = samples.filter((s) => s.scenario === sp.scenario && cellLabel(s) === cell);
    for (const x of sp.expectations) {
      const subject = x.turn === undefined ? cellSamples : cellSamples.filter((s) => s.turn === x.turn);
      const turnName = x.turn !== undefined ? sp.turns[x.turn]?.name : undefined;
      out.push({
        scenario: sp.scenario,
        cell,
        turn: x.turn,
        ...(turnName !== undefined ? { turn_name: turnName } : {}),
        metric: x.metric,
        where: x.where,
        ...check(x, subject),
      });
    }
  }
  return out;
}

function check(x: Expectation, samples: Sample[]): { expected: string; actual: string; ok: boolean } {
  // Nothing to judge is no pass (fails closed), and no value to quote either.
  if (samples.length === 0) return { expected: expectedText(x), actual: 'no samples', ok: false };
  if (x.metric === 'transcript_contains' || x.metric === 'input_transcript_contains') {
    const fact = x.metric === 'transcript_contains' ? 'transcript' : 'input_transcript';
    const needle = (x.contains ?? '').toLowerCase();
    const bad = samples.filter(
      (s) =>
        !String(s.facts?.[fact] ?? '')
          .toLowerCase()
          .includes(needle),
    );
    return {
      expected: `${fact} contains "${x.contains}"`,
      actual: bad.length ? `missing in ${bad.length}/${samples.length}: "${bad[0].facts?.[fact] ?? ''}"` : `found in ${samples.length}/${samples.length}`,
      ok: samples.length > 0 && bad.length === 0,
    };
  }
  if (x.equals !== undefined) {
    const values = samples.map((s) => factOrMetric(s, x.metric));
    const bad = values.filter((v) => String(v) !== String(x.equals));
    const where = bad.length ? samples.filter((s) => String(factOrMetric(s, x.metric)) !== String(x.equals))[0] : undefined;
    return {
      expected: `${x.metric} = ${x.equals}`,
      actual: bad.length
        ? `${bad.slice(0, 10).map(String).join(', ')}${bad.length > 10 ? ', …' : ''} (${bad.length}/${values.length} samples${where ? `, first in ${turnLabel(where.turn, where.turn_name)}` : ''})`
        : `${x.equals} (${values.length}/${values.length} samples)`,
      ok: values.length > 0 && bad.length === 0,
    };
  }
  const cmp = x.compare!;
  const expected = `${x.metric}${x.aggregate === 'value' ? '' : ` ${x.aggregate}`} ${cmp.op} ${cmp.value}`;
  const values = samples.map((s) => s.metrics[x.metric]).map((v) => (typeof v === 'boolean' ? Number(v) : v));
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (numbers.length === 0) return { expected, actual: 'not measured', ok: false };
  if (x.aggregate === 'value') {
    const missing = values.length - numbers.length;
    const bad = numbers.filter((v) => !compare(v, cmp));
    const ok = bad.length === 0 && missing === 0;
    const actual = ok
      ? `${numbers.length}/${values.length} within (worst ${fmt(worst(numbers, cmp))})`
      : `${bad.length ? `${fmt(worst(bad, cmp))} (${bad.length}/${values.length} samples fail)` : ''}${missing ? `${bad.length ? '; ' : ''}${missing} not measured` : ''}`;
    return { expected, actual, ok };
  }
  const agg = aggregate(numbers, x.aggregate);
  return { expected, actual: `${fmt(agg)} (n=${numbers.length})`, ok: compare(agg, cmp) };
}

function expectedText(x: Expectation): string {
  if (x.metric === 'transcript_contains' || x.metric === 'input_transcript_contains')
    return `${x.metric === 'transcript_contains' ? 'transcript' : 'input_transcript'} contains "${x.contains}"`;
  if (x.equals !== undefined) return `${x.metric} = ${x.equals}`;
  return `${x.metric}${x.aggregate === 'value' ? '' : ` ${x.aggregate}`} ${x.compare!.op} ${x.compare!.value}`;
}

function factOrMetric(s: Sample, name: string): unknown {
  if (s.facts && name in s.facts) return s.facts[name];
  return s.metrics[name];
}

export function compare(v: number, c: Comparison): boolean {
  switch (c.op) {
    case '<':
      return v < c.value;
    case '<=':
      return v <= c.value;
    case '>':
      return v > c.value;
    case '>=':
      return v >= c.value;
    case '==':
      return v === c.value;
    case '!=':
      return v !== c.value;
  }
}

function worst(values: number[], c: Comparison): number {
  let w = values[0];
  for (const v of values) if (c.op === '>' || c.op === '>=' ? v < w : v > w) w = v;
  return w;
}

/** Aggregates with the reports' rule (linear interpolation between closest ranks). */
function aggregate(values: number[], how: Expectation['aggregate']): number {
  const sorted = [...values].sort((a, b) => a - b);
  return how === 'value' ? sorted[sorted.length - 1] : statOf(sorted, how);
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
