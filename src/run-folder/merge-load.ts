import { LoadCollector } from '../metrics/load.js';
import type { TraceRecord } from '../metrics/trace.js';
import type { LoadSummary } from '../results/types.js';
import { round3 } from '../runner/session-helpers.js';

/** One shard's `load` section, named by its shard (`2/3`). */
export interface ShardLoad {
  shard: string;
  load: LoadSummary;
}

/**
 * The `load` section of merged shards. What is per chunk or per session is pooled from the shards'
 * traces, exactly as one run would compute it: send-lag percentiles over every chunk, the spread of
 * the sessions' own p99, drift, backpressure, frames sent. What is per machine is not pooled:
 * throughput, peak sessions and concurrency are the **sums** over the shards (the shards of a CI
 * matrix or an Indexed Job run at the same time), wall time is the longest shard's, and CPU, RSS and
 * event-loop delay stay in `per_shard` only (top level `null`) — traces of different machines have no
 * common time base and processes no common CPU. Null when any shard has no `load` section (a
 * virtual-clock or single-session shard).
 */
export function mergeLoad(shards: readonly ShardLoad[], traces: readonly TraceRecord[]): (LoadSummary & { per_shard: ShardLoad[] }) | null {
  if (shards.length === 0 || shards.some((s) => !s.load)) return null;
  const bySession = new Map<string, TraceRecord[]>();
  for (const r of traces) {
    let list = bySession.get(r.s);
    if (!list) bySession.set(r.s, (list = []));
    list.push(r);
  }
  const pooled = new LoadCollector();
  for (const trace of bySession.values()) pooled.addSession(trace, null);
  const sum = (f: (l: LoadSummary) => number) => round3(shards.reduce((n, s) => n + f(s.load), 0));
  const received = shards.every((s) => s.load.frames.received_by_mock !== null) ? sum((l) => l.frames.received_by_mock ?? 0) : null;
  const p = pooled.summary({ concurrency: 0, rampMs: 0, resources: null, mockFramesReceived: received });
  return {
    ...p,
    sessions: sum((l) => l.sessions),
    failed_sessions: sum((l) => l.failed_sessions),
    concurrency: sum((l) => l.concurrency),
    ramp_ms: Math.max(...shards.map((s) => s.load.ramp_ms)),
    peak_sessions: sum((l) => l.peak_sessions),
    wall_ms: Math.max(...shards.map((s) => s.load.wall_ms)),
    throughput: {
      sessions_per_s: sum((l) => l.throughput.sessions_per_s),
      audio_s_per_s: sum((l) => l.throughput.audio_s_per_s),
      frames_per_s: sum((l) => l.throughput.frames_per_s),
    },
    event_loop_delay: null,
    cpu: null,
    rss: null,
    per_shard: [...shards].sort((a, b) => parseInt(a.shard) - parseInt(b.shard)),
  };
}
