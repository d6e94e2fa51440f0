/**
 * The goodness-of-fit table `rtbench calibrate` prints: per distribution, n, the KS distance against
 * its 5 % critical value, which sampler the mock will use, and observed vs fitted quantiles.
 */
import { fittedQuantile } from './distribution.js';
import type { FitRow } from './calibrate.js';
import { ksCritical, quantileOf } from './fit.js';

const SHOWN_QUANTILES = [0.1, 0.5, 0.9, 0.99] as const;

/** Plain-text table, one block per model. */
export function renderFitReport(rows: readonly FitRow[]): string {
  const lines: string[] = [];
  const models = [...new Set(rows.map((r) => r.model))];
  for (const model of models) {
    lines.push(`model ${model}`);
    const header = ['distribution', 'n', 'KS', 'KS 5%', 'sampler', ...SHOWN_QUANTILES.map((p) => `p${Math.round(p * 100)} obs/fit`)];
    const table: string[][] = [header];
    for (const r of rows.filter((x) => x.model === model)) {
      if (!r.dist) {
        table.push([r.name, String(r.n), '', '', `skipped (${r.skipped})`]);
        continue;
      }
      const d = r.dist;
      table.push([
        r.name,
        String(r.n),
        fmt(d.ks ?? 0, 3),
        fmt(ksCritical(r.n), 3),
        d.sampler === 'empirical' ? 'empirical (lognormal rejected)' : 'lognormal',
        ...SHOWN_QUANTILES.map((p) => `${fmt(quantileOf(r.observed, p))}/${fmt(fittedQuantile(d, p))}`),
      ]);
    }
    const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
    for (const row of table)
      lines.push(
        '  ' +
          row
            .map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
            .join('  ')
            .trimEnd(),
      );
    lines.push('');
  }
  return lines.join('\n');
}

function fmt(x: number, digits?: number): string {
  if (!Number.isFinite(x)) return '–';
  if (digits !== undefined) return x.toFixed(digits);
  return Math.abs(x) >= 100 ? String(Math.round(x)) : x.toFixed(1);
}
