import { join } from 'node:path';
import { csvField } from './escape.js';
import type { ReportContext, Reporter } from './reporter.js';
import type { Sample } from '../results/types.js';
import { writeFileAtomic } from './write.js';

export const RESULTS_CSV = 'results.csv';

const FIXED = ['id', 'scenario', 'turn', 'turn_name', 'target', 'model', 'dialect', 'repeat', 'ok', 'error'] as const;

/**
 * One row per sample: identity columns, then `settings.<name>` per matrix setting, every metric
 * (snake_case name; booleans as true/false; null as an empty field), then `fact.<name>`.
 * RFC 4180 quoting, `\n` line ends, header row first.
 */
export function renderCsv(samples: readonly Sample[]): string {
  const settings = union(samples.map((s) => Object.keys(s.settings)));
  const metrics = union(samples.map((s) => Object.keys(s.metrics)));
  const facts = union(samples.map((s) => Object.keys(s.facts ?? {})));
  const header = [...FIXED, ...settings.map((k) => `settings.${k}`), ...metrics, ...facts.map((k) => `fact.${k}`)];
  const rows = samples.map((s) => [
    s.id,
    s.scenario,
    s.turn,
    s.turn_name ?? null,
    s.target,
    s.model,
    s.dialect,
    s.repeat,
    s.ok,
    s.error ?? null,
    ...settings.map((k) => s.settings[k]),
    ...metrics.map((k) => s.metrics[k]),
    ...facts.map((k) => s.facts?.[k]),
  ]);
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

/** `results.csv`. */
export const csvReporter: Reporter = {
  name: 'csv',
  async render(ctx: ReportContext) {
    await writeFileAtomic(join(ctx.outDir, RESULTS_CSV), renderCsv(ctx.results.samples));
  },
};
