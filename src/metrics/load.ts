import type { LoadSummary } from '../results/types.js';
import { pacingFromLags } from './pacing.js';
import type { ResourceUsage } from './resources.js';
import type { TraceRecord } from './trace.js';

/** What one session contributed to a load run, reduced from its trace as it ends. */
export interface SessionLoadFacts {
  /** Frames the harness handed to the transport: audio appends + other client events. */
  framesSent: number;
  chunks: number;
  audioMs: number;
  /** Send lags (ms) of the session's chunks, in send order. */
  lagsMs: number[];
  /** First and last trace time (ms): connect attempt → last event. */
  startT: number | null;
  endT: number | null;
  maxBufferedBytes: number;
  /** Audio sends after which the socket still held unsent bytes. */
  sendsBuffered: number;
  failed: boolean;
}

/** Reduces one session's trace to its load facts (pure). */
export function sessionLoadFacts(trace: readonly TraceRecord[], error: string | null): SessionLoadFacts {
  const facts: SessionLoadFacts = {
    framesSent: 0,
    chunks: 0,
    audioMs: 0,
    lagsMs: [],
    startT: null,
    endT: null,
    maxBufferedBytes: 0,
    sendsBuffered: 0,
    failed: error !== null,
  };
  for (const r of trace) {
    if (facts.startT === null || r.t < facts.startT) facts.startT = r.t;
    if (facts.endT === null || r.t > facts.endT) facts.endT = r.t;
    if (r.k === 'send') facts.framesSent++;
    else if (r.k === 'chunk') {
      facts.framesSent++;
      facts.chunks++;
      facts.audioMs += r.end_ms - r.pos_ms;
      facts.lagsMs.push(r.t - r.due);
      const buffered = r.buffered ?? 0;
      if (buffered > 0) facts.sendsBuffered++;
      if (buffered > facts.maxBufferedBytes) facts.maxBufferedBytes = buffered;
    }
  }
  return facts;
}

/** The inputs of {@link LoadCollector.summary} that do not come from traces. */
export interface LoadContext {
  concurrency: number;
  rampMs: number;
  /** Process usage over the run, or null (virtual clock). */
  resources: ResourceUsage | null;
  /** Client frames the bundled mock counted during the run, or null when nobody counted. */
  mockFramesReceived: number | null;
  /** Why frames cannot be accounted for (e.g. sessions cut short), when they cannot. */
  framesNotCounted?: string;
}

/**
 * Accumulates sessions as they end (keeping lags, not traces) and summarizes them as a load run:
 * throughput, pacing over all chunks and across sessions, backpressure, frame accounting, and the
 * process's CPU/RSS/event-loop numbers.
 */
export class LoadCollector {
  private lags = new Float64Array(4096);
  private nLags = 0;
  private readonly sessionP99: number[] = [];
  private readonly drifts: number[] = [];
  private readonly spans: Array<[number, number]> = [];
  private sessions = 0;
  private failed = 0;
  private framesSent = 0;
  private chunks = 0;
  private audioMs = 0;
  private maxBuffered = 0;
  private sendsBuffered = 0;

  /** Adds a finished session. */
  addSession(trace: readonly TraceRecord[], error: string | null): void {
    this.addFacts(sessionLoadFacts(trace, error));
  }

  addFacts(f: SessionLoadFacts): void {
    this.sessions++;
    if (f.failed) this.failed++;
    this.framesSent += f.framesSent;
    this.chunks += f.chunks;
    this.audioMs += f.audioMs;
    this.maxBuffered = Math.max(this.maxBuffered, f.maxBufferedBytes);
    this.sendsBuffered += f.sendsBuffered;
    if (f.startT !== null && f.endT !== null) this.spans.push([f.startT, f.endT]);
    if (f.lagsMs.length > 0) {
      this.pushLags(f.lagsMs);
      this.sessionP99.push(quantile(Float64Array.from(f.lagsMs).sort(), 0.99));
      this.drifts.push(f.lagsMs[f.lagsMs.length - 1] - f.lagsMs[0]);
    }
  }

  /** The load summary (call once every session has been added). */
  summary(ctx: LoadContext): LoadSummary {
    const first = this.spans.reduce((m, s) => Math.min(m, s[0]), Infinity);
    const last = this.spans.reduce((m, s) => Math.max(m, s[1]), -Infinity);
    const wallMs = this.spans.length ? last - first : 0;
    const perS = (n: number) => (wallMs > 0 ? round3((n * 1000) / wallMs) : 0);
    const pacing = pacingFromLags(Array.from(this.lags.subarray(0, this.nLags)));
    const p99s = Float64Array.from(this.sessionP99).sort();
    const drifts = Float64Array.from(this.drifts).sort();
    const peak = peakOverlap(this.spans);
    const r = ctx.resources;
    const received = ctx.framesNotCounted ? null : ctx.mockFramesReceived;
    return {
      sessions: this.sessions,
      failed_sessions: this.failed,
      concurrency: ctx.concurrency,
      ramp_ms: ctx.rampMs,
      peak_sessions: peak,
      wall_ms: round3(wallMs),
      throughput: { sessions_per_s: perS(this.sessions), audio_s_per_s: perS(this.audioMs / 1000), frames_per_s: perS(this.framesSent) },
      audio_sent_s: round3(this.audioMs / 1000),
      pacing: {
        ...pacing,
        session_lag_p99_p50_ms: p99s.length ? round3(quantile(p99s, 0.5)) : null,
        session_lag_p99_max_ms: p99s.length ? round3(p99s[p99s.length - 1]) : null,
        drift_p50_ms: drifts.length ? round3(quantile(drifts, 0.5)) : null,
        drift_max_ms: drifts.length ? round3(largestMagnitude(drifts)) : null,
      },
      event_loop_delay: r ? { p50_ms: r.eventLoopDelay.p50Ms, p99_ms: r.eventLoopDelay.p99Ms, max_ms: r.eventLoopDelay.maxMs } : null,
      cpu: r ? { user_ms: r.cpuUserMs, system_ms: r.cpuSystemMs, pct: r.cpuPct, pct_per_session: peak > 0 ? round3(r.cpuPct / peak) : 0 } : null,
      rss: r
        ? { start_mb: r.rssStartMb, peak_mb: r.rssPeakMb, end_mb: r.rssEndMb, mb_per_session: peak > 0 ? round3((r.rssPeakMb - r.rssStartMb) / peak) : 0 }
        : null,
      frames: {
        sent: this.framesSent,
        received_by_mock: received,
        lost: received === null ? null : this.framesSent - received,
        ...(ctx.framesNotCounted ? { not_counted: ctx.framesNotCounted } : {}),
      },
      backpressure: {
        max_buffered_bytes: this.maxBuffered,
        sends_buffered: this.sendsBuffered,
        sends_buffered_pct: this.chunks > 0 ? round3((this.sendsBuffered / this.chunks) * 100) : 0,
      },
    };
  }

  private pushLags(lags: readonly number[]): void {
    if (this.nLags + lags.length > this.lags.length) {
      const grown = new Float64Array(Math.max(this.lags.length * 2, this.nLags + lags.length));
      grown.set(this.lags.subarray(0, this.nLags));
      this.lags = grown;
    }
    for (const v of lags) this.lags[this.nLags++] = v;
  }
}

/** Most intervals open at once (an interval ending exactly when another starts does not overlap it). */
export function peakOverlap(spans: ReadonlyArray<readonly [number, number]>): number {
  const edges: Array<[number, number]> = [];
  for (const [a, b] of spans) edges.push([a, 1], [b, -1]);
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let open = 0;
  let peak = 0;
  for (const [, d] of edges) {
    open += d;
    if (open > peak) peak = open;
  }
  return peak;
}

/** The value of an ascending array farthest from zero, with its sign (the worst drift either way). */
function largestMagnitude(sorted: Float64Array): number {
  const lo = sorted[0];
  const hi = sorted[sorted.length - 1];
  return Math.abs(lo) > Math.abs(hi) ? lo : hi;
}

/** Type-7 quantile of an ascending array (q in [0, 1]). */
function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
