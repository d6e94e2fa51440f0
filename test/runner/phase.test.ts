import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sleep, VirtualClock } from '../../src/clock/index.js';
import type { TraceChunk, TraceRecord } from '../../src/metrics/trace.js';
import { Pacer, phaseOf } from '../../src/runner/pacer.js';
import { quietRun } from '../perf/helpers.js';

/**
 * Truth: with a phase φ the grid is `start + φ + k·period` (absolute deadlines, as without one);
 * phaseOf is a pure function of the seed, spread over [0, period).
 */
describe('per-session phase on the chunk grid', () => {
  it('a phase shifts every deadline by exactly φ', async () => {
    const clock = new VirtualClock();
    const dues: number[] = [];
    const pacer = new Pacer(clock, 20, (_k, due) => dues.push(due));
    pacer.start(7.5);
    await clock.runUntil(sleep(clock, 100));
    pacer.stop();
    expect(dues).toEqual([27.5, 47.5, 67.5, 87.5]);
  });

  it('phaseOf is deterministic, in [0, period), and spreads 1000 seeds over the period', () => {
    const phases = Array.from({ length: 1000 }, (_, i) => phaseOf(1000 + i * 7919, 20));
    expect(phases.map((_, i) => phaseOf(1000 + i * 7919, 20))).toEqual(phases);
    for (const p of phases) expect(p >= 0 && p < 20).toBe(true);
    // 10 buckets of 2 ms: uniform would put 100 in each; lockstep would put 1000 in one.
    const buckets = new Array(10).fill(0);
    for (const p of phases) buckets[Math.floor(p / 2)]++;
    for (const n of buckets) expect(n).toBeGreaterThan(60);
    expect(Math.max(...buckets)).toBeLessThan(140);
  });

  it('concurrent sessions send on different instants of the period (virtual clock run)', async () => {
    const run = await quietRun({ audio: ['fixtures/what-time.wav'], repeat: 8, concurrency: 8, clock: 'virtual' });
    const traces = (await readFile(join(run.outDir!, 'traces.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TraceRecord);
    const chunks = traces.filter((r): r is TraceChunk => r.k === 'chunk');
    const offsets = new Map<string, Set<number>>();
    for (const c of chunks) {
      const set = offsets.get(c.s) ?? new Set<number>();
      set.add(Math.round((c.due % 20) * 10) / 10);
      offsets.set(c.s, set);
    }
    expect(offsets.size).toBe(8);
    // Each session keeps one offset for its whole stream; the 8 sessions use (nearly) 8 different ones.
    for (const set of offsets.values()) expect(set.size).toBe(1);
    const distinct = new Set([...offsets.values()].map((s) => [...s][0]));
    expect(distinct.size).toBeGreaterThanOrEqual(6);
    expect(run.results.samples.every((s) => s.ok)).toBe(true);
  });

  it('one session alone keeps phase 0 (single-session timings unchanged)', async () => {
    const run = await quietRun({ audio: ['fixtures/what-time.wav'], clock: 'virtual' });
    const traces = (await readFile(join(run.outDir!, 'traces.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TraceRecord);
    const chunks = traces.filter((r): r is TraceChunk => r.k === 'chunk');
    const start = chunks[0].due - 20;
    for (const c of chunks.slice(0, 20)) expect((c.due - start) % 20).toBeCloseTo(0, 6);
  });
});
