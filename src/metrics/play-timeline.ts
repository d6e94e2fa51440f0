/**
 * A client's real-time player, replayed from a trace: given when each piece of an item's audio
 * arrived (and when the client stopped it), the wall-time intervals during which audio was heard
 * and the stalls in between (the buffer ran dry while more audio was still to come). Unlike the
 * incremental {@link PlaybackModel}, it can be asked about any instant afterwards.
 */
export interface PlayTimeline {
  /** Wall-time intervals [start, end) during which audio was playing, in order. */
  playing: Array<[number, number]>;
  /** Intervals during which the player had run dry and later audio then arrived. */
  stalls: Array<[number, number]>;
  /** Audio played by time `t` (ms of the item). */
  playedAt(t: number): number;
  /** The instant `ms` of audio had been played, or null if it never was. */
  timeWhenPlayed(ms: number): number | null;
}

/** Below this an underrun is float noise, not a stall (ms). */
const STALL_EPSILON_MS = 0.5;

/**
 * @param deltas arrivals `t` carrying `ms` of audio each, in arrival order
 * @param stopT when the client stopped playback (barge-in), if it did
 */
export function playTimeline(deltas: ReadonlyArray<{ t: number; ms: number }>, stopT = Infinity): PlayTimeline {
  const playing: Array<[number, number]> = [];
  const stalls: Array<[number, number]> = [];
  let cursor = deltas.length ? deltas[0].t : 0;
  let buffered = 0;
  const play = (until: number) => {
    const end = Math.min(until, cursor + buffered, stopT);
    if (end > cursor) {
      playing.push([cursor, end]);
      buffered -= end - cursor;
      cursor = end;
    }
  };
  for (const d of deltas) {
    if (d.t >= stopT) break;
    play(d.t);
    if (d.t - cursor > STALL_EPSILON_MS && playing.length) stalls.push([cursor, d.t]);
    cursor = Math.max(cursor, d.t);
    buffered += d.ms;
  }
  play(Infinity);
  const merged = mergeTouching(playing);
  return {
    playing: merged,
    stalls,
    playedAt: (t) => merged.reduce((n, [a, b]) => n + Math.max(0, Math.min(b, t) - a), 0),
    timeWhenPlayed: (ms) => {
      let left = ms;
      for (const [a, b] of merged) {
        if (b - a >= left) return a + left;
        left -= b - a;
      }
      return null;
    },
  };
}

/** Total overlap (ms) of two sorted interval lists. */
export function overlapMs(a: ReadonlyArray<[number, number]>, b: ReadonlyArray<[number, number]>): number {
  let total = 0;
  for (const [a0, a1] of a) for (const [b0, b1] of b) total += Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  return total;
}

function mergeTouching(list: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const iv of list) {
    const last = out[out.length - 1];
    if (last && iv[0] - last[1] <= 1e-9) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}
