import { describe as describeValues, minMax, percentile, sortAscending } from '../../stats/describe.js';
import { escapeHtml } from '../escape.js';
import { fmtMs } from '../format.js';
import type { Series } from './cdf.js';
import { bottomAxis, linearScale, niceTicks, px, svgOpen, truncate } from './svg.js';

const W = 540;
const ROW = 30;
const M = { r: 16, t: 10, b: 50 };

/**
 * Horizontal Tukey box plots, one row per series: box from p25 to p75, a line at the median,
 * whiskers to the furthest values within 1.5 × IQR, and the remaining points as outliers.
 */
export function boxPlot(series: readonly Series[], opts: { title: string; unit: string }): string {
  const data = series.filter((s) => s.values.length);
  if (!data.length) return '';
  const labelChars = Math.min(22, minMax(data.map((s) => s.label.length))[1]);
  const left = 16 + labelChars * 6.4;
  const height = M.t + data.length * ROW + M.b;
  const ranges = data.map((s) => minMax(s.values));
  const xt = niceTicks(minMax(ranges.map((r) => r[0]))[0], minMax(ranges.map((r) => r[1]))[1], 5);
  const x = linearScale([xt.lo, xt.hi], [left, W - M.r]);
  const out = [svgOpen(W, height, `${opts.title}: distribution per series`, 'chart box')];
  out.push(bottomAxis(x, height - M.b, { ticks: xt.ticks, step: xt.step, label: `${opts.title} (${opts.unit})`, grid: height - M.b - M.t }));
  data.forEach((s, i) => {
    const xs = sortAscending(s.values);
    const q1 = percentile(xs, 25);
    const q3 = percentile(xs, 75);
    const med = percentile(xs, 50);
    const fence = 1.5 * (q3 - q1);
    const inside = xs.filter((v) => v >= q1 - fence && v <= q3 + fence);
    const lo = inside[0] ?? q1;
    const hi = inside[inside.length - 1] ?? q3;
    const cy = M.t + i * ROW + ROW / 2;
    const st = describeValues(xs);
    const tip = `${s.label} — n=${xs.length}, p25 ${fmtMs(q1)}, p50 ${fmtMs(med)}, p75 ${fmtMs(q3)}, p95 ${fmtMs(st.p95)}, max ${fmtMs(st.max)}`;
    out.push(`<g class="box-row"><title>${escapeHtml(tip)}</title>`);
    out.push(`<text class="row-label" x="${px(left - 8)}" y="${px(cy)}" dy="0.32em" text-anchor="end">${escapeHtml(truncate(s.label, labelChars))}</text>`);
    out.push(
      `<line class="whisker" x1="${px(x(lo))}" x2="${px(x(q1))}" y1="${px(cy)}" y2="${px(cy)}" stroke="${s.color}"/><line class="whisker" x1="${px(x(q3))}" x2="${px(x(hi))}" y1="${px(cy)}" y2="${px(cy)}" stroke="${s.color}"/>`,
    );
    out.push(
      `<line class="whisker" x1="${px(x(lo))}" x2="${px(x(lo))}" y1="${px(cy - 5)}" y2="${px(cy + 5)}" stroke="${s.color}"/><line class="whisker" x1="${px(x(hi))}" x2="${px(x(hi))}" y1="${px(cy - 5)}" y2="${px(cy + 5)}" stroke="${s.color}"/>`,
    );
    out.push(
      `<rect class="box" x="${px(x(q1))}" y="${px(cy - 9)}" width="${px(Math.max(1, x(q3) - x(q1)))}" height="18" rx="2" fill="${s.color}" stroke="${s.color}"/>`,
    );
    out.push(`<line class="median" x1="${px(x(med))}" x2="${px(x(med))}" y1="${px(cy - 9)}" y2="${px(cy + 9)}"/>`);
    // One circle per distinct pixel column: thousands of outliers on one spot draw the same mark.
    const drawn = new Set<string>();
    for (const v of xs) {
      if (v >= lo && v <= hi) continue;
      const cx = px(x(v));
      if (drawn.has(cx)) continue;
      drawn.add(cx);
      out.push(`<circle class="outlier" cx="${cx}" cy="${px(cy)}" r="2.5" stroke="${s.color}"/>`);
    }
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}
