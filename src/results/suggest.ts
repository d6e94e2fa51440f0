/**
 * "Did you mean …?" for misspelt keys, metric names and enum values: the closest candidate by
 * optimal-string-alignment distance (Levenshtein plus adjacent transpositions, the commonest typo).
 */

/** Edit distance where swapping two adjacent characters costs 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo: within a third of
 * the word's length (at least 2 edits), compared case-insensitively. Ties go to the earlier candidate.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = editDistance(w, c.toLowerCase());
    if (dist < bestDistance || (dist === bestDistance && best !== undefined && nearness(w, c) < nearness(w, best))) {
      best = c;
      bestDistance = dist;
    }
  }
  // A truncated name ("server" for server_vad, "gap" for gap_ms) is far by edits but plainly meant,
  // more so than a short key two edits away ("gap" → "say").
  const truncated = w.length >= 3 ? candidates.find((c) => c.toLowerCase().startsWith(w)) : undefined;
  if (truncated !== undefined && bestDistance > 1) return truncated;
  const limit = Math.max(2, Math.floor(word.length / 3));
  if (bestDistance <= limit) return best;
  return undefined;
}

/** Tie-break between equally distant candidates: p96 is nearer p95 than p90 (character codes). */
function nearness(word: string, candidate: string): number {
  let sum = 0;
  const c = candidate.toLowerCase();
  for (let i = 0; i < Math.min(word.length, c.length); i++) sum += Math.abs(word.charCodeAt(i) - c.charCodeAt(i));
  return sum;
}

/** ` (did you mean x?)`, or nothing when no candidate is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : ` (did you mean ${c}?)`;
}
