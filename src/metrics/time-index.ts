/**
 * Look-ups over trace records by time, built once per session so that per-turn questions cost
 * log n rather than a scan of the whole trace (sessions of 10 000 turns). Each answers exactly what
 * the plain scan it replaces would: same items, same (original) order, records with a NaN time
 * matching nothing.
 */

/** The items whose time lies in a window [from, to), in their original order. */
export class TimeWindows<T> {
  private readonly sorted: Array<{ t: number; i: number; item: T }>;

  constructor(items: readonly T[], timeOf: (item: T) => number) {
    this.sorted = items
      .map((item, i) => ({ t: timeOf(item), i, item }))
      .filter((e) => !Number.isNaN(e.t))
      .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.i - b.i));
  }

  /** Same as `items.filter((x) => timeOf(x) >= from && timeOf(x) < to)`. */
  within(from: number, to: number): T[] {
    if (!(from < to)) return [];
    const lo = firstIndex(this.sorted.length, (k) => this.sorted[k].t >= from);
    const hi = firstIndex(this.sorted.length, (k) => this.sorted[k].t >= to);
    return this.sorted
      .slice(lo, hi)
      .sort((a, b) => a.i - b.i)
      .map((e) => e.item);
  }
}

/** The first item, in the original order, whose time is at or after a given instant. */
export class FirstAtOrAfter<T> {
  /** Largest time among items[0..k] (NaN while none has a time). */
  private readonly runningMax: number[];

  constructor(
    private readonly items: readonly T[],
    timeOf: (item: T) => number,
  ) {
    let max = NaN;
    this.runningMax = items.map((item) => {
      const t = timeOf(item);
      if (!Number.isNaN(t) && (Number.isNaN(max) || t > max)) max = t;
      return max;
    });
  }

  /** Same as `items.find((x) => timeOf(x) >= t)`. */
  find(t: number): T | undefined {
    const k = firstIndex(this.items.length, (j) => this.runningMax[j] >= t);
    return k < this.items.length ? this.items[k] : undefined;
  }
}

/** The last item, in the original order, whose time is before a given instant. */
export class LastBefore<T> {
  /** Smallest time among items[k..] (NaN while none has a time). */
  private readonly suffixMin: number[];

  constructor(
    private readonly items: readonly T[],
    timeOf: (item: T) => number | null,
  ) {
    let min = NaN;
    this.suffixMin = new Array<number>(items.length);
    for (let k = items.length - 1; k >= 0; k--) {
      const t = timeOf(items[k]);
      if (t !== null && !Number.isNaN(t) && (Number.isNaN(min) || t < min)) min = t;
      this.suffixMin[k] = min;
    }
  }

  /** Same as `[...items].reverse().find((x) => timeOf(x) !== null && timeOf(x) < t)`. */
  find(t: number): T | undefined {
    // The predicate "suffixMin[k] < t" holds for k up to the answer and not after it.
    const k = firstIndex(this.items.length, (j) => !(this.suffixMin[j] < t)) - 1;
    return k >= 0 ? this.items[k] : undefined;
  }
}

/** Items grouped by a key, each group in the original order. */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * Intervals, answering whether any of them overlaps a query interval within a tolerance: some `e`
 * with `e.start_ms < q.end_ms + tol && q.start_ms < e.end_ms + tol` (the rule is symmetric).
 */
export class OverlapIndex {
  private readonly starts: number[] = [];
  /** Largest end_ms among the intervals starting at or before starts[k]. */
  private readonly maxEnds: number[] = [];

  constructor(intervals: ReadonlyArray<{ start_ms: number; end_ms: number }>) {
    const sorted = intervals.filter((iv) => !Number.isNaN(iv.start_ms)).sort((a, b) => (a.start_ms < b.start_ms ? -1 : a.start_ms > b.start_ms ? 1 : 0));
    let max = NaN;
    for (const iv of sorted) {
      if (!Number.isNaN(iv.end_ms) && (Number.isNaN(max) || iv.end_ms > max)) max = iv.end_ms;
      this.starts.push(iv.start_ms);
      this.maxEnds.push(max);
    }
  }

  /** Same as `intervals.some((e) => e.start_ms < q.end_ms + tol && q.start_ms < e.end_ms + tol)`. */
  overlapsAny(q: { start_ms: number; end_ms: number }, tol: number): boolean {
    const limit = q.end_ms + tol;
    const n = firstIndex(this.starts.length, (k) => !(this.starts[k] < limit));
    return n > 0 && q.start_ms < this.maxEnds[n - 1] + tol;
  }
}

/**
 * Items sorted by one time (`keyT`) carrying another (`valueT`): reports, in the original order,
 * the items with `keyT < t` and `valueT > t` in time proportional to how many there are.
 */
export class StillRunning<T> {
  private readonly byKey: Array<{ key: number; value: number; i: number; item: T }>;
  /** Max-tree over byKey's values (size 2·n, leaves at n..2n-1). */
  private readonly tree: number[];

  constructor(items: readonly T[], keyOf: (item: T) => number, valueOf: (item: T) => number) {
    this.byKey = items
      .map((item, i) => ({ key: keyOf(item), value: valueOf(item), i, item }))
      .filter((e) => !Number.isNaN(e.key))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
    const n = this.byKey.length;
    this.tree = new Array<number>(2 * n).fill(-Infinity);
    for (let k = 0; k < n; k++) this.tree[n + k] = Number.isNaN(this.byKey[k].value) ? -Infinity : this.byKey[k].value;
    for (let k = n - 1; k >= 1; k--) this.tree[k] = Math.max(this.tree[2 * k], this.tree[2 * k + 1]);
  }

  /** Same as `items.filter((x) => keyOf(x) < t && valueOf(x) > t)`. */
  at(t: number): T[] {
    const n = this.byKey.length;
    const end = firstIndex(n, (k) => !(this.byKey[k].key < t));
    const hits: Array<{ i: number; item: T }> = [];
    const visit = (lo: number, hi: number) => {
      if (lo >= end || !(this.maxOf(lo, Math.min(hi, end)) > t)) return;
      if (hi - lo === 1) {
        hits.push(this.byKey[lo]);
        return;
      }
      const mid = (lo + hi) >> 1;
      visit(lo, mid);
      visit(mid, hi);
    };
    visit(0, n);
    return hits.sort((a, b) => a.i - b.i).map((h) => h.item);
  }

  /** Max of the values in byKey[lo, hi) (iterative segment-tree query). */
  private maxOf(lo: number, hi: number): number {
    const n = this.byKey.length;
    let max = -Infinity;
    for (let l = lo + n, r = hi + n; l < r; l >>= 1, r >>= 1) {
      if (l & 1) max = Math.max(max, this.tree[l++]);
      if (r & 1) max = Math.max(max, this.tree[--r]);
    }
    return max;
  }
}

/** The first k in [0, n) for which `pred` holds, given that it holds for every k after it too (n if none). */
function firstIndex(n: number, pred: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
