/** Tiny SVG toolkit for the HTML report: scales, nice ticks, axes. Output is markup strings. */
import { escapeHtml } from '../escape.js';

/**
 * Series colours: Tableau 10, a palette designed for categorical data on white that stays
 * distinguishable for the common colour-vision deficiencies in its first few entries.
 */
export const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1', '#edc948', '#ff9da7', '#9c755f', '#bab0ac'];

/** The colour of the i-th series (cycles). */
export function seriesColor(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

/** A linear map from a data domain to a pixel range. */
export interface LinearScale {
  (v: number): number;
  domain: [number, number];
  range: [number, number];
}

/** A linear scale from `domain` onto `range` (a zero-width domain maps to the range start). */
export function linearScale(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const f = ((v: number) => r0 + ((v - d0) / span) * (r1 - r0)) as LinearScale;
  f.domain = domain;
  f.range = range;
  return f;
}

/**
 * Ticks at 1, 2 or 5 × 10^k covering [lo, hi] with about `count` intervals; returns the ticks and
 * the widened ("nice") domain they span.
 */
export function niceTicks(lo: number, hi: number, count = 5): { ticks: number[]; lo: number; hi: number; step: number } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { ticks: [0, 1], lo: 0, hi: 1, step: 1 };
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  const nLo = Math.floor(lo / step + 1e-9) * step;
  const nHi = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = nLo; v <= nHi + step * 1e-6; v += step) ticks.push(Number(v.toFixed(10)));
  return { ticks, lo: nLo, hi: nHi, step };
}

/** A tick label with as many decimals as the step needs. */
export function tickLabel(v: number, step: number): string {
  const decimals = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step)));
  return v.toFixed(decimals);
}

/** Rounds pixel coordinates to 0.1 so files stay small and diffs stable. */
export function px(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** Opening tag of a responsive chart with an accessible name. */
export function svgOpen(width: number, height: number, label: string, cls = 'chart'): string {
  return `<svg class="${cls}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" style="max-width:${width}px" role="img" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title>`;
}

export interface AxisOptions {
  ticks: number[];
  step: number;
  label: string;
  format?: (v: number) => string;
  /** Draw grid lines across the plot (length in px, towards the plot). */
  grid?: number;
}

/** A bottom axis at `y`, ticks from `scale`, with a centred label. */
export function bottomAxis(scale: LinearScale, y: number, o: AxisOptions): string {
  const fmt = o.format ?? ((v: number) => tickLabel(v, o.step));
  const [r0, r1] = scale.range;
  const parts = [`<g class="axis x">`, `<line x1="${px(r0)}" x2="${px(r1)}" y1="${px(y)}" y2="${px(y)}"/>`];
  for (const t of o.ticks) {
    const x = px(scale(t));
    if (o.grid) parts.push(`<line class="grid" x1="${x}" x2="${x}" y1="${px(y - o.grid)}" y2="${px(y)}"/>`);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${px(y)}" y2="${px(y + 4)}"/>`,
      `<text x="${x}" y="${px(y + 16)}" text-anchor="middle">${escapeHtml(fmt(t))}</text>`,
    );
  }
  parts.push(`<text class="axis-label" x="${px((r0 + r1) / 2)}" y="${px(y + 34)}" text-anchor="middle">${escapeHtml(o.label)}</text>`, '</g>');
  return parts.join('');
}

/** A left axis at `x`, ticks from `scale`, with a rotated label. */
export function leftAxis(scale: LinearScale, x: number, o: AxisOptions): string {
  const fmt = o.format ?? ((v: number) => tickLabel(v, o.step));
  const [r0, r1] = scale.range;
  const parts = [`<g class="axis y">`, `<line x1="${px(x)}" x2="${px(x)}" y1="${px(r0)}" y2="${px(r1)}"/>`];
  for (const t of o.ticks) {
    const y = px(scale(t));
    if (o.grid) parts.push(`<line class="grid" x1="${px(x)}" x2="${px(x + o.grid)}" y1="${y}" y2="${y}"/>`);
    parts.push(
      `<line x1="${px(x - 4)}" x2="${px(x)}" y1="${y}" y2="${y}"/>`,
      `<text x="${px(x - 7)}" y="${y}" dy="0.32em" text-anchor="end">${escapeHtml(fmt(t))}</text>`,
    );
  }
  const mid = (r0 + r1) / 2;
  parts.push(`<text class="axis-label" transform="translate(${px(x - 42)} ${px(mid)}) rotate(-90)" text-anchor="middle">${escapeHtml(o.label)}</text>`, '</g>');
  return parts.join('');
}

/** Cuts a label to `max` characters with an ellipsis (the full text goes in a `<title>`). */
export function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, Math.max(1, max - 1))}…` : s;
}
