import type { Sample } from '../results/types.js';

/** One turn that talked over an answer still playing without asking for a barge-in. */
export interface UnplannedOverlap {
  id: string;
  turn: number;
  turnName?: string;
  /** user_overlap_ms of the turn. */
  overlapMs: number;
}

/** Samples shown by name in a flag before the rest are counted. */
const LISTED = 5;

/** The turns flagged `unplanned_overlap`, in sample order. */
export function unplannedOverlaps(samples: readonly Sample[]): UnplannedOverlap[] {
  return samples.filter((s) => s.metrics.unplanned_overlap === true).map(overlapOf);
}

function overlapOf(s: Sample): UnplannedOverlap {
  const ms = s.metrics.user_overlap_ms;
  return { id: s.id, turn: s.turn, ...(s.turn_name ? { turnName: s.turn_name } : {}), overlapMs: typeof ms === 'number' ? ms : 0 };
}

/**
 * One sentence for every format (after the words "unplanned overlap"): how many turns talked over an answer still playing, which ones
 * (the first few), and what it means; null when none did.
 */
export function overlapFlag(list: readonly UnplannedOverlap[]): string | null {
  if (!list.length) return null;
  const named = list.slice(0, LISTED).map((o) => `${o.id}${o.turnName ? ` (${o.turnName})` : ''}: ${o.overlapMs} ms`);
  const more = list.length > LISTED ? `, and ${list.length - LISTED} more` : '';
  const n = list.length === 1 ? '1 turn without barge_in' : `${list.length} turns without barge_in`;
  return `${n} talked over an answer still playing (${named.join('; ')}${more}); those turns measured a barge-in they did not ask for (user_overlap_ms, unplanned_overlap)`;
}
