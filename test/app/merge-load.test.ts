import { describe, expect, it } from 'vitest';
import { mergeLoad, type ShardLoad } from '../../src/run-folder/merge-load.js';
import { LoadCollector } from '../../src/metrics/load.js';
import type { TraceRecord } from '../../src/metrics/trace.js';
import { outDir, quietRun } from '../perf/helpers.js';
import { mergeRuns } from '../../src/run-folder/merge.js';

/** A session's trace whose chunk lags are given (ms). */
function session(id: string, lags: number[], t0: number): TraceRecord[] {
  return lags.map(
    (lag, seq) =>
      ({
        k: 'chunk',
        s: id,
        t: t0 + seq * 20 + lag,
        seq,
        pos_ms: seq * 20,
        end_ms: seq * 20 + 20,
        due: t0 + seq * 20,
        bytes: 960,
        turn: 0,
        buffered: seq === 3 ? 100 : 0,
      }) as TraceRecord,
  );
}

function shardOf(name: string, traces: TraceRecord[][], machine: { cpuPct: number; wallMs: number }): ShardLoad {
  const c = new LoadCollector();
  for (const t of traces) c.addSession(t, null);
  const load = c.summary({ concurrency: traces.length, rampMs: 0, resources: null, mockFramesReceived: traces.reduce((n, t) => n + t.length, 0) });
  return { shard: name, load: { ...load, wall_ms: machine.wallMs, cpu: { user_ms: 1, system_ms: 1, pct: machine.cpuPct, pct_per_session: 1 } } };
}

/**
 * Truth: the same sessions summarized by one collector (what an unsharded run computes) — pooled
 * figures must match it exactly, per-machine ones must not be pooled.
 */
describe('mergeLoad', () => {
  // Lags chosen so that the pooled p99 differs from every shard's own p99 and from their mean.
  const a = [session('a1', [0, 0, 1, 2, 50, 0, 0, 0], 0), session('a2', [0.5, 0.2, 0.1, 0, 0, 0, 0, 3], 5)];
  const b = [session('b1', [9, 9, 9, 9, 9, 9, 9, 9], 1000), session('b2', [0, 0, 0, 0, 0, 0, 0, 120], 1003), session('b3', [1, 1, 1, 1, 1, 1, 1, 1], 1010)];
  const shards = [shardOf('2/2', b, { cpuPct: 80, wallMs: 900 }), shardOf('1/2', a, { cpuPct: 30, wallMs: 400 })];

  it('pools per-chunk and per-session figures over every session, as one run would', () => {
    const merged = mergeLoad(shards, [...a, ...b].flat())!;
    const whole = new LoadCollector();
    for (const t of [...a, ...b]) whole.addSession(t, null);
    const truth = whole.summary({ concurrency: 5, rampMs: 0, resources: null, mockFramesReceived: 40 });
    expect(merged.pacing).toEqual(truth.pacing);
    expect(merged.backpressure).toEqual(truth.backpressure);
    expect(merged.frames).toEqual({ sent: 40, received_by_mock: 40, lost: 0 });
    expect(merged.audio_sent_s).toBe(truth.audio_sent_s);
    expect(merged.sessions).toBe(5);
    expect(merged.pacing.lag_max_ms).toBe(120);
  });

  it('sums throughput and concurrency, keeps machines apart, lists shards in order', () => {
    const merged = mergeLoad(shards, [...a, ...b].flat())!;
    expect(merged.concurrency).toBe(5);
    expect(merged.wall_ms).toBe(900);
    expect(merged.throughput.sessions_per_s).toBeCloseTo(shards[0].load.throughput.sessions_per_s + shards[1].load.throughput.sessions_per_s, 3);
    expect(merged.cpu).toBeNull();
    expect(merged.rss).toBeNull();
    expect(merged.event_loop_delay).toBeNull();
    expect(merged.per_shard.map((s) => [s.shard, s.load.cpu?.pct])).toEqual([
      ['1/2', 30],
      ['2/2', 80],
    ]);
  });

  it('no load section when a shard has none', () => {
    expect(mergeLoad([{ shard: '1/1', load: undefined as never }], [])).toBeNull();
  });
});

describe('rtbench merge: the load section', () => {
  it('merged shards report the load of every session, as the unsharded run does', async () => {
    const base = { audio: ['fixtures/what-time.wav'], repeat: 6, clock: 'virtual' as const, seed: 3, concurrency: 3, load: true };
    const whole = await quietRun(base);
    const parts = [];
    for (let i = 1; i <= 2; i++) parts.push(await quietRun({ ...base, shard: { index: i, count: 2 } }));
    const merged = await mergeRuns({ dirs: parts.map((p) => p.outDir!), out: outDir(), reporters: [], stdout: { write: () => true } as never, summaryEnv: {} });
    const load = merged.results.load!;
    expect(load.sessions).toBe(whole.results.load!.sessions);
    expect(load.frames).toEqual(whole.results.load!.frames);
    expect(load.pacing).toEqual(whole.results.load!.pacing);
    expect((load as { per_shard?: unknown[] }).per_shard).toHaveLength(2);
  });
});
