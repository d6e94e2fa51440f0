import { playTimeline } from './play-timeline.js';
import type { ResponseInfo } from './responses.js';
import { FirstAtOrAfter, LastBefore, StillRunning, groupBy } from './time-index.js';
import type { TracePlayback, TraceRecv, TraceSend, TraceTurn } from './trace.js';
import type { MetricName } from '../results/registry.js';
import type { FactValue, MetricValue } from '../results/types.js';

/** What a barge-in turn's metrics look up in the session, indexed once for all its turns. */
export interface BargeInLookups {
  /** Responses still sending audio at an instant (created before it, a delta after it). */
  streaming: StillRunning<ResponseInfo>;
  /** The last response that produced audio before an instant. */
  lastAudible: LastBefore<ResponseInfo>;
  /** The client's playback stops, per item. */
  stops: Map<unknown, FirstAtOrAfter<TracePlayback>>;
  /** The client's `conversation.item.truncate`, per item. */
  truncates: Map<unknown, FirstAtOrAfter<TraceSend>>;
  /** The server's `conversation.item.truncated`, per item and audio_end_ms. */
  truncated: Map<unknown, Map<unknown, FirstAtOrAfter<TraceRecv>>>;
}

/** Indexes a session's records for {@link bargeIn}. */
export function bargeInLookups(recv: TraceRecv[], sends: TraceSend[], plays: TracePlayback[], responses: ResponseInfo[]): BargeInLookups {
  const byTime = <T extends { t: number }>(xs: T[]) => new FirstAtOrAfter(xs, (x) => x.t);
  const truncated = new Map<unknown, Map<unknown, FirstAtOrAfter<TraceRecv>>>();
  const confirmations = recv.filter((r) => r.type === 'conversation.item.truncated');
  for (const [item, list] of groupBy(confirmations, (r) => r.event.item_id)) {
    // audio_end_ms is compared with ===, so NaN matches nothing (a Map key would match it).
    const usable = list.filter((r) => !Number.isNaN(r.event.audio_end_ms));
    truncated.set(item, new Map([...groupBy(usable, (r) => r.event.audio_end_ms)].map(([end, rs]) => [end, byTime(rs)])));
  }
  return {
    streaming: new StillRunning(
      responses,
      (r) => r.createdT,
      (r) => r.deltas.reduce((max, d) => (d.t > max ? d.t : max), -Infinity),
    ),
    lastAudible: new LastBefore(responses, (r) => r.firstAudioT),
    stops: mapValues(
      groupBy(
        plays.filter((p) => p.ev === 'stop'),
        (p) => p.item_id,
      ),
      byTime,
    ),
    truncates: mapValues(
      groupBy(
        sends.filter((s) => s.type === 'conversation.item.truncate'),
        (s) => s.event.item_id,
      ),
      byTime,
    ),
    truncated,
  };
}

export interface BargeInContext {
  turn: TraceTurn;
  from: number;
  onsetWall: number | null;
  started: TraceRecv | undefined;
  /** The previous turn's answer (its audible response), by the pairing rule. */
  prev: ResponseInfo | null;
  outBytesPerMs: number;
  lookups: BargeInLookups;
}

/** barge_in_detect_ms, talk_over_ms, audio_after_barge_in_ms, response_cancelled, truncate_ok, the realised offset. */
export function bargeIn(m: Record<MetricName, MetricValue>, facts: Record<string, FactValue>, c: BargeInContext): void {
  if (c.started && c.onsetWall !== null) m.barge_in_detect_ms = round(c.started.t - c.onsetWall);
  if (c.onsetWall !== null && typeof c.turn.reference_t === 'number') facts.barge_in_offset_ms = round(c.onsetWall - c.turn.reference_t);
  if (c.started) {
    // Audio the server still sent after it detected the barge-in (0 when it cancels at once).
    const startedT = c.started.t;
    const late = c.lookups.streaming.at(startedT).flatMap((r) => r.deltas.filter((d) => d.t > startedT));
    m.audio_after_barge_in_ms = round(late.reduce((n, d) => n + d.bytes, 0) / c.outBytesPerMs);
  }
  // The interrupted response: the previous turn's answer, else the last one that produced audio before this turn began.
  const prev = c.prev ?? c.lookups.lastAudible.find(c.from);
  if (!prev) return;
  const stop = c.lookups.stops.get(prev.itemId)?.find(c.from);
  facts.interrupted = Boolean(stop);
  m.response_cancelled = prev.status === 'cancelled';
  if (c.onsetWall !== null) {
    const tl = playTimeline(
      prev.deltas.map((d) => ({ t: d.t, ms: d.bytes / c.outBytesPerMs })),
      stop ? stop.t : Infinity,
    );
    m.talk_over_ms = round(Math.max(0, tl.playedAt(Infinity) - tl.playedAt(c.onsetWall)));
  }
  const truncate = c.lookups.truncates.get(prev.itemId)?.find(c.from);
  if (!truncate) {
    m.truncate_ok = false;
    return;
  }
  const played = stop ? stop.played_ms : null;
  const confirmed = c.lookups.truncated.get(prev.itemId)?.get(truncate.event.audio_end_ms)?.find(truncate.t);
  const matchesPlayed = played === null || Math.abs(num(truncate.event.audio_end_ms)! - Math.floor(played)) <= 1;
  m.truncate_ok = Boolean(confirmed) && matchesPlayed;
}

function mapValues<K, A, B>(m: Map<K, A>, f: (a: A) => B): Map<K, B> {
  return new Map([...m].map(([k, v]) => [k, f(v)]));
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function round(v: number): number | null {
  return Number.isFinite(v) ? Math.round(v * 10) / 10 : null;
}
