import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/metrics/trace.js';
import { defaultWorkers, executeInWorkers, splitEvenly } from '../../src/app/workers.js';
import { RealClock } from '../../src/clock/real.js';
import { startMockServer } from '../../src/mock/index.js';
import { prepareAll } from '../../src/runner/run.js';
import { quickPlan } from '../../src/scenario/index.js';
import { quietRun } from '../perf/helpers.js';

describe('--workers N', () => {
  it("default: by cores and concurrency (1 on 2 cores: the other core is the mock's)", () => {
    expect(defaultWorkers(200, 2)).toBe(1);
    expect(defaultWorkers(3, 8)).toBe(1);
    expect(defaultWorkers(600, 8)).toBe(4);
    expect(defaultWorkers(5000, 8)).toBe(7);
    expect(splitEvenly(7, 3)).toEqual([3, 2, 2]);
  });

  it('executeInWorkers starts the threads asked for and returns every session once', async () => {
    const mock = await startMockServer({ firstAudioMs: 200, jitterMs: 0 });
    try {
      const plan = { sessions: quickPlan(['fixtures/what-time.wav'], { repeat: 4, seed: 1 }) };
      const prepared = await prepareAll(plan.sessions);
      const threads: number[] = [];
      const seen: string[] = [];
      const r = await executeInWorkers(plan, {
        clock: new RealClock(),
        connect: () => Promise.reject(new Error('sessions connect from their worker')),
        concurrency: 4,
        prepared,
        workers: 2,
        connection: { mockUrl: mock.url, env: {}, mockTargets: [] },
        onSession: (done) => void seen.push(done.plan.id),
        onWorkerLoopDelay: (ms) => threads.push(ms),
      });
      expect(threads).toHaveLength(2);
      expect(r.sessions).toBe(4);
      expect(r.failedSessions).toBe(0);
      expect([...seen].sort()).toEqual(plan.sessions.map((s) => s.id).sort());
      expect(mock.stats().sessions).toBe(4);
    } finally {
      await mock.close();
    }
  }, 120_000);

  /**
   * Truth: the plan (8 sessions of one known clip) and the mock's own frame count. Merged results
   * must hold every session once, in plan order, with traces on one time base (the run's wall span
   * covers every record) and every frame sent counted by the mock.
   */
  it('sessions in 2 worker threads merge as from one process', async () => {
    const t0 = Date.now();
    const run = await quietRun({
      audio: ['fixtures/what-time.wav'],
      repeat: 8,
      concurrency: 8,
      workers: 2,
      load: true,
      mock: { firstAudioMs: 300, jitterMs: 0 },
    });
    const elapsedMs = Date.now() - t0;
    const { results } = run;
    expect(results.samples).toHaveLength(8);
    expect(results.samples.every((s) => s.ok)).toBe(true);
    expect(results.samples.map((s) => s.repeat)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The injected 300 ms answers the same from any thread.
    for (const s of results.samples) expect(s.metrics.first_audio_ms as number).toBeGreaterThanOrEqual(300);
    const load = results.load!;
    expect(load.sessions).toBe(8);
    expect(load.frames.lost).toBe(0);
    expect(load.frames.received_by_mock).toBe(load.frames.sent);
    expect(load.peak_sessions).toBeGreaterThan(1);
    expect(load.wall_ms).toBeLessThan(elapsedMs);
    const traces = (await readFile(join(run.outDir!, 'traces.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TraceRecord);
    const chunks = traces.filter((r) => r.k === 'chunk');
    expect(results.pacing.chunks).toBe(chunks.length);
    expect(new Set(traces.map((r) => r.s)).size).toBe(8);
    // One time base: every session's records lie within one span no longer than the run.
    const ts = traces.map((r) => r.t);
    expect(Math.max(...ts) - Math.min(...ts)).toBeLessThan(elapsedMs);
  }, 120_000);
});
