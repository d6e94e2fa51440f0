import { turnLabel } from '../results/sample.js';
import { cellLabel, groupBy, groupKeyOf, stableStringify } from '../stats/group.js';
import type { ExpectationResult, RunResults, Sample, SummaryRow } from '../results/types.js';

/**
 * The view every renderer shares: the run's scenarios, each with its matrix cells
 * (target × model × settings) and what belongs to them.
 */
export interface CellView {
  scenario: string;
  target: string;
  model: string;
  settings: Sample['settings'];
  /** `target model k=v …`, the same label as ExpectationResult.cell. */
  cell: string;
  /** Cell without the scenario, for colouring one cell alike across scenarios. */
  seriesKey: string;
  samples: Sample[];
  ok: number;
  failed: number;
  /** Summary rows of this cell by metric. */
  summary: Map<string, SummaryRow>;
  expectations: ExpectationResult[];
}

export interface ScenarioView {
  scenario: string;
  cells: CellView[];
}

/**
 * Groups a run into scenarios and cells, in first-appearance order. Expectations are attached by
 * (scenario, cell label); an expectation whose cell has no sample still gets a cell of its own.
 */
export function buildView(results: RunResults): ScenarioView[] {
  const summaryByGroup = groupBy(results.summary, (r) => groupKeyOf(r));
  const scenarios = new Map<string, ScenarioView>();
  const cellsByLabel = new Map<string, CellView>();
  const scenarioOf = (name: string) => {
    let sc = scenarios.get(name);
    if (!sc) scenarios.set(name, (sc = { scenario: name, cells: [] }));
    return sc;
  };
  for (const [key, samples] of groupBy(results.samples, (s) => groupKeyOf(s))) {
    const s = samples[0];
    const cell: CellView = {
      scenario: s.scenario,
      target: s.target,
      model: s.model,
      settings: s.settings,
      cell: cellLabel(s),
      seriesKey: stableStringify([s.target, s.model, s.settings]),
      samples,
      ok: samples.filter((x) => x.ok).length,
      failed: samples.filter((x) => !x.ok).length,
      summary: new Map((summaryByGroup.get(key) ?? []).map((r) => [r.metric, r])),
      expectations: [],
    };
    scenarioOf(s.scenario).cells.push(cell);
    cellsByLabel.set(`${s.scenario}\u0000${cell.cell}`, cell);
  }
  for (const e of results.expectations) {
    const k = `${e.scenario}\u0000${e.cell}`;
    let cell = cellsByLabel.get(k);
    if (!cell) {
      cell = {
        scenario: e.scenario,
        target: '',
        model: '',
        settings: {},
        cell: e.cell,
        seriesKey: e.cell,
        samples: [],
        ok: 0,
        failed: 0,
        summary: new Map(),
        expectations: [],
      };
      scenarioOf(e.scenario).cells.push(cell);
      cellsByLabel.set(k, cell);
    }
    cell.expectations.push(e);
  }
  return [...scenarios.values()];
}

/** Metric names whose sample values are booleans (summarized as rates). */
export function booleanMetrics(samples: readonly Sample[]): Set<string> {
  const out = new Set<string>();
  for (const s of samples) for (const [k, v] of Object.entries(s.metrics)) if (typeof v === 'boolean') out.add(k);
  return out;
}

/** Whether any sample of `cells` has a value for `metric`. */
export function hasMetric(cells: readonly CellView[], metric: string): boolean {
  return cells.some((c) => c.summary.has(metric));
}

/** The one-line text of an unmet expectation, e.g. `expected first_audio_ms p95 < 1200, got 1340`. */
export function expectationMessage(e: ExpectationResult): string {
  return `${e.turn !== undefined ? `${turnLabel(e.turn, e.turn_name)}: ` : ''}expected ${e.expected}, got ${e.actual}`;
}
