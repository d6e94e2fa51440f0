import { metricInfo } from '../results/registry.js';

/** Number and label formatting shared by the renderers. */

/** A duration in ms: integers from 100 ms up, one decimal below; '—' for null. */
export function fmtMs(v: number | null | undefined, unit = true): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1);
  return unit ? `${s} ms` : s;
}

/** A value of `metric` in its natural unit (ms, USD, a rate as %, a count). */
export function fmtMetric(metric: string, v: number | null | undefined, opts: { rate?: boolean; unit?: boolean } = {}): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (opts.rate) return `${(v * 100).toFixed(v === 0 || v === 1 ? 0 : 1)}%`;
  if (metric.endsWith('_ms')) return fmtMs(v, opts.unit ?? false);
  if (metric === 'cost_usd') return `$${v < 0.01 ? v.toFixed(5) : v.toFixed(4)}`;
  return fmtNumber(v);
}

/** A general number: integers as is, others with 3 significant digits (more before the point). */
export function fmtNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (Number.isInteger(v)) return String(v);
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 1) return v.toFixed(1);
  return String(Number(v.toPrecision(3)));
}

/** A signed delta in the metric's unit (without `ms`), e.g. `+12.3`, `−$0.0012`; rates in points, `+5.0 pp`. */
export function fmtDelta(metric: string, v: number | null | undefined, opts: { rate?: boolean } = {}): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  // A difference of rates is in percentage points, not percent.
  if (opts.rate) return `${sign}${(Math.abs(v) * 100).toFixed(1)} pp`;
  return `${sign}${fmtMetric(metric, Math.abs(v), { unit: false })}`;
}

/** A signed percentage, e.g. `+12.3%`. */
export function fmtPct(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(1)}%`;
}

/** A p-value: `<0.001` or three decimals. */
export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** A duration between two ISO timestamps, e.g. `4m 12s`. */
export function fmtElapsed(fromIso: string, toIso: string): string {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}

/** The display title of a metric (from the registry), falling back to its name. */
export function metricTitle(metric: string): string {
  return metricInfo(metric)?.title ?? metric;
}
