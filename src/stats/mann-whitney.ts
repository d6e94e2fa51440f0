/**
 * Mann–Whitney U test (Wilcoxon rank-sum), two-sided, plus Cliff's delta as its effect size.
 * Latencies are skewed and heavy-tailed, so a rank test is the honest default for "is B slower
 * than A": it compares whole distributions without assuming normality.
 */

/** Both samples at most this size and no ties: the p-value is exact (as scipy's `method='auto'`). */
export const EXACT_MAX_N = 20;

export interface MannWhitneyResult {
  /** U of `a`: pairs with a > b, ties counting ½. */
  u_a: number;
  /** U of `b`: pairs with b > a, ties counting ½ (u_a + u_b = n_a·n_b). */
  u_b: number;
  /** Normal-approximation z (with continuity and tie correction); null for the exact method. */
  z: number | null;
  /** Two-sided p-value; null when either sample is empty. */
  p_value: number | null;
  method: 'exact' | 'normal';
  /**
   * Cliff's delta of b relative to a: P(b > a) − P(b < a), in [−1, 1]; positive means b tends to
   * be larger. Equals the rank-biserial correlation. Null when either sample is empty.
   */
  cliffs_delta: number | null;
}

/**
 * Two-sided Mann–Whitney U test of `a` vs `b` (finite numbers). Exact null distribution when both
 * samples have ≤ {@link EXACT_MAX_N} values and there are no ties; otherwise the normal
 * approximation with tie-corrected variance and a 0.5 continuity correction. If every value is
 * equal the p-value is 1.
 */
export function mannWhitney(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return { u_a: 0, u_b: 0, z: null, p_value: null, method: 'normal', cliffs_delta: null };
  const { rankSumA, tieTerm } = rankSum(a, b);
  const uA = rankSumA - (na * (na + 1)) / 2;
  const uB = na * nb - uA;
  const cliffs = (uB - uA) / (na * nb);
  if (tieTerm === 0 && na <= EXACT_MAX_N && nb <= EXACT_MAX_N) {
    return { u_a: uA, u_b: uB, z: null, p_value: exactTwoSided(uA, na, nb), method: 'exact', cliffs_delta: cliffs };
  }
  const n = na + nb;
  const mu = (na * nb) / 2;
  const variance = ((na * nb) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u_a: uA, u_b: uB, z: 0, p_value: 1, method: 'normal', cliffs_delta: cliffs };
  const z = Math.max(0, Math.abs(uA - mu) - 0.5) / Math.sqrt(variance);
  const p = Math.min(1, 2 * normalSf(z));
  return { u_a: uA, u_b: uB, z: uA >= mu ? z : -z, p_value: p, method: 'normal', cliffs_delta: cliffs };
}

/** Sum of the (mid-)ranks of `a` in the pooled sample, and Σ(t³ − t) over tie groups. */
function rankSum(a: readonly number[], b: readonly number[]): { rankSumA: number; tieTerm: number } {
  const pooled = [...a.map((v) => ({ v, fromA: true })), ...b.map((v) => ({ v, fromA: false }))];
  pooled.sort((x, y) => x.v - y.v);
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < pooled.length;) {
    let j = i + 1;
    while (j < pooled.length && pooled[j].v === pooled[i].v) j++;
    const t = j - i;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (pooled[k].fromA) rankSumA += midRank;
    if (t > 1) tieTerm += t * t * t - t;
    i = j;
  }
  return { rankSumA, tieTerm };
}

/**
 * Exact two-sided p = min(1, 2·min(P(U ≤ u), P(U ≥ u))) under H0, from the recurrence on the
 * largest pooled value: it belongs to `a` with probability m/(m+n) and then beats all n values of
 * `b`, so P(u; m, n) = m/(m+n)·P(u−n; m−1, n) + n/(m+n)·P(u; m, n−1).
 */
function exactTwoSided(u: number, na: number, nb: number): number {
  const dist = exactDistribution(na, nb);
  let lower = 0;
  let upper = 0;
  for (let k = 0; k < dist.length; k++) {
    if (k <= u + 1e-9) lower += dist[k];
    if (k >= u - 1e-9) upper += dist[k];
  }
  return Math.min(1, 2 * Math.min(lower, upper));
}

function exactDistribution(na: number, nb: number): Float64Array {
  // table[m][n] = distribution of U for sizes (m, n); built row by row.
  const table: Float64Array[][] = [];
  for (let m = 0; m <= na; m++) {
    table.push([]);
    for (let n = 0; n <= nb; n++) {
      const d = new Float64Array(m * n + 1);
      if (m === 0 || n === 0) d[0] = 1;
      else {
        const pa = m / (m + n);
        const fromA = table[m - 1][n];
        const fromB = table[m][n - 1];
        for (let k = 0; k < fromA.length; k++) d[k + n] += pa * fromA[k];
        for (let k = 0; k < fromB.length; k++) d[k] += (1 - pa) * fromB[k];
      }
      table[m].push(d);
    }
  }
  return table[na][nb];
}

/** Upper tail of the standard normal, 1 − Φ(z). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Complementary error function (Numerical Recipes `erfcc`, fractional error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
