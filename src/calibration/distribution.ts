/**
 * A fitted (or hand-written) delay distribution as a mock profile file stores it, and how to draw
 * from it. Pure: the caller supplies the uniform and normal variates, so the mock's seeded Prng
 * decides every draw and runs stay reproducible.
 *
 * Shape: a shifted lognormal, `value = shiftMs + medianMs · e^(σ·z)` clamped to [minMs, maxMs].
 * A fitted distribution also keeps the observed quantiles (p0, p5 … p100); when the lognormal did
 * not fit (KS distance above the 5 % critical value) the mock draws from those quantiles instead
 * (`sampler: 'empirical'`, linear between grid points).
 */

/** Percent points at which quantiles are stored: 0, 5, …, 100. */
export const QUANTILE_STEP_PCT = 5;
export const QUANTILE_POINTS = 100 / QUANTILE_STEP_PCT + 1;

export interface Distribution {
  /** Floor of the lognormal part (ms, or the unit of the quantity). */
  shiftMs: number;
  /** Median of the lognormal part (the variable's median is shiftMs + medianMs). */
  medianMs: number;
  /** Shape σ of the underlying normal; 0 = always shiftMs + medianMs. */
  sigma: number;
  minMs: number;
  maxMs: number;
  /** Which sampler the mock uses [lognormal]. */
  sampler?: 'lognormal' | 'empirical';
  /** Observed quantiles at 0, 5, …, 100 % (21 values, ascending); needed by the empirical sampler. */
  quantiles?: number[];
  /** Observations behind the fit (absent for a hand-written distribution). */
  n?: number;
  /** Kolmogorov–Smirnov distance between the observations and the fitted lognormal. */
  ks?: number;
}

/** Draws one value: `u` uniform in [0, 1), `z` standard normal, both from the caller's seeded source. */
export function drawFrom(d: Distribution, u: number, z: number): number {
  let v: number;
  if (d.sampler === 'empirical' && d.quantiles && d.quantiles.length === QUANTILE_POINTS) {
    v = empiricalInverse(d.quantiles, u);
  } else {
    v = d.shiftMs + (d.sigma > 0 ? d.medianMs * Math.exp(d.sigma * z) : d.medianMs);
  }
  return Math.min(Math.max(v, d.minMs), d.maxMs);
}

/** Inverse CDF through the stored quantile grid, linear between points. */
export function empiricalInverse(quantiles: readonly number[], u: number): number {
  const x = Math.min(Math.max(u, 0), 1) * (quantiles.length - 1);
  const i = Math.min(Math.floor(x), quantiles.length - 2);
  const f = x - i;
  return quantiles[i] + f * (quantiles[i + 1] - quantiles[i]);
}

/** The median the distribution implies (for code paths that want one number). */
export function medianOf(d: Distribution): number {
  if (d.sampler === 'empirical' && d.quantiles && d.quantiles.length === QUANTILE_POINTS) return d.quantiles[(QUANTILE_POINTS - 1) / 2];
  return Math.min(Math.max(d.shiftMs + d.medianMs, d.minMs), d.maxMs);
}

/** CDF of the (unclamped) shifted lognormal at x. */
export function lognormalCdf(d: Pick<Distribution, 'shiftMs' | 'medianMs' | 'sigma'>, x: number): number {
  const y = x - d.shiftMs;
  if (d.sigma <= 0) return y >= d.medianMs ? 1 : 0;
  if (y <= 0) return 0;
  return normalCdf(Math.log(y / d.medianMs) / d.sigma);
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Quantile of the fitted lognormal (clamped), for printing fitted vs observed. */
export function fittedQuantile(d: Distribution, p: number): number {
  const v = d.shiftMs + (d.sigma > 0 ? d.medianMs * Math.exp(d.sigma * normalQuantile(p)) : d.medianMs);
  return Math.min(Math.max(v, d.minMs), d.maxMs);
}
