import { describe, minMax, sortAscending } from '../../stats/describe.js';
import { escapeHtml } from '../escape.js';
import { fmtMs } from '../format.js';
import { bottomAxis, leftAxis, linearScale, niceTicks, px, svgOpen } from './svg.js';

export interface Series {
  label: string;
  color: string;
  values: number[];
}

const W = 540;
const H = 300;
const M = { l: 58, r: 18, t: 14, b: 50 };
/** Most steps drawn per series (the plot is ~460 px wide: more would not be visible). */
const MAX_STEPS = 1000;

/**
 * Empirical CDF of each series as a step line: x = value (ms), y = share of samples ≤ x.
 * Dashed guides mark the median and p95, where the headline numbers are read.
 */
export function cdfChart(series: readonly Series[], opts: { title: string; unit: string }): string {
  const data = series.filter((s) => s.values.length);
  if (!data.length) return '';
  const ranges = data.map((s) => minMax(s.values));
  const xt = niceTicks(minMax(ranges.map((r) => r[0]))[0], minMax(ranges.map((r) => r[1]))[1], 6);
  const x = linearScale([xt.lo, xt.hi], [M.l, W - M.r]);
  const y = linearScale([0, 1], [H - M.b, M.t]);
  const out = [svgOpen(W, H, `${opts.title}: cumulative distribution`, 'chart cdf')];
  out.push(
    leftAxis(y, M.l, { ticks: [0, 0.25, 0.5, 0.75, 1], step: 0.25, label: 'share of samples', format: (v) => `${Math.round(v * 100)}%`, grid: W - M.l - M.r }),
  );
  out.push(bottomAxis(x, H - M.b, { ticks: xt.ticks, step: xt.step, label: `${opts.title} (${opts.unit})`, grid: H - M.t - M.b }));
  for (const [q, name] of [
    [0.5, 'p50'],
    [0.95, 'p95'],
  ] as const) {
    out.push(
      `<line class="guide" x1="${M.l}" x2="${W - M.r}" y1="${px(y(q))}" y2="${px(y(q))}"/><text class="guide-label" x="${W - M.r - 4}" y="${px(y(q) - 4)}" text-anchor="end">${name}</text>`,
    );
  }
  for (const s of data) {
    const xs = sortAscending(s.values);
    const n = xs.length;
    let d = `M${px(x(xt.lo))} ${px(y(0))}`;
    // Every step for up to MAX_STEPS values; beyond, the steps at MAX_STEPS evenly spaced ranks
    // (each one exact: the share of samples ≤ that value), so the path stays small for 100 000 samples.
    const steps = Math.min(n, MAX_STEPS);
    for (let k = 0; k < steps; k++) {
      const i = steps === n ? k : Math.round(((k + 1) * n) / steps) - 1;
      d += `H${px(x(xs[i]))}V${px(y((i + 1) / n))}`;
    }
    d += `H${px(x(xt.hi))}`;
    const st = describe(xs);
    const tip = `${s.label} — n=${n}, p50 ${fmtMs(st.p50)}, p95 ${fmtMs(st.p95)}, max ${fmtMs(st.max)}`;
    out.push(`<path class="series" d="${d}" stroke="${s.color}"><title>${escapeHtml(tip)}</title></path>`);
  }
  out.push('</svg>');
  return out.join('');
}
