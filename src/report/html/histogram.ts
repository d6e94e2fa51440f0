import { escapeHtml } from '../escape.js';
import { bottomAxis, leftAxis, linearScale, niceTicks, px, svgOpen } from './svg.js';

const W = 1100;
const H = 230;
const M = { l: 58, r: 18, t: 14, b: 50 };

/** A labelled vertical line on a histogram (a percentile, a limit). */
export interface Marker {
  value: number;
  label: string;
  cls?: string;
}

/**
 * Histogram of `values` with a log-scaled count axis (pacing lags pile up near zero; the tail is
 * what matters) and vertical markers (percentiles, limits).
 */
export function histogram(values: readonly number[], opts: { title: string; unit: string; markers?: Marker[]; bins?: number }): string {
  if (!values.length) return '';
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (const m of opts.markers ?? []) max = Math.max(max, m.value);
  const xt = niceTicks(Math.min(0, min), max, 8);
  const binCount = opts.bins ?? 48;
  const width = (xt.hi - xt.lo) / binCount;
  const counts = new Array<number>(binCount).fill(0);
  for (const v of values) counts[Math.min(binCount - 1, Math.max(0, Math.floor((v - xt.lo) / width)))]++;
  // Log scale: a bar of count c reaches log10(c) + LIFT, so a single chunk is still visible.
  const LIFT = 0.3;
  const top = Math.max(1, ...counts);
  const decades = Math.max(1, Math.ceil(Math.log10(top)));
  const yTicks = Array.from({ length: decades + 1 }, (_, i) => i + LIFT);
  const x = linearScale([xt.lo, xt.hi], [M.l, W - M.r]);
  const y = linearScale([0, decades + LIFT], [H - M.b, M.t]);
  const out = [svgOpen(W, H, `${opts.title}: histogram`, 'chart hist')];
  out.push(leftAxis(y, M.l, { ticks: yTicks, step: 1, label: 'count (log)', format: (v) => countLabel(10 ** Math.round(v - LIFT)), grid: W - M.l - M.r }));
  out.push(bottomAxis(x, H - M.b, { ticks: xt.ticks, step: xt.step, label: `${opts.title} (${opts.unit})` }));
  counts.forEach((c, i) => {
    if (!c) return;
    const h = y(0) - y(Math.log10(c) + LIFT);
    const x0 = x(xt.lo + i * width);
    out.push(
      `<rect class="bar" x="${px(x0 + 0.5)}" y="${px(y(0) - h)}" width="${px(Math.max(0.5, x(xt.lo + width) - x(xt.lo) - 1))}" height="${px(h)}"><title>${escapeHtml(`${(xt.lo + i * width).toFixed(2)}–${(xt.lo + (i + 1) * width).toFixed(2)} ${opts.unit}: ${c}`)}</title></rect>`,
    );
  });
  (opts.markers ?? []).forEach((m, i) => {
    const mx = px(x(m.value));
    out.push(
      `<line class="marker ${m.cls ?? ''}" x1="${mx}" x2="${mx}" y1="${M.t}" y2="${H - M.b}"/><text class="marker-label ${m.cls ?? ''}" x="${mx}" y="${M.t + 10 + i * 13}" ${x(m.value) > W - 160 ? 'dx="-4" text-anchor="end"' : 'dx="4"'}>${escapeHtml(m.label)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}

function countLabel(n: number): string {
  return n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n);
}
