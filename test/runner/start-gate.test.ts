import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sleep, VirtualClock } from '../../src/clock/index.js';
import type { TraceChunk, TraceNote } from '../../src/metrics/trace.js';
import { executePlan, type SessionResult } from '../../src/runner/run.js';
import { StartGate } from '../../src/runner/start-gate.js';
import { quickPlan } from '../../src/scenario/index.js';
import { createInProcessPair } from '../../src/transport/in-process.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/what-time.wav');
const NO_RETRY = { retries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 };

describe('StartGate', () => {
  it('opens when every ticket is ready or gone, each ticket counting once', async () => {
    const gate = new StartGate(3);
    const [a, b, c] = [gate.ticket(), gate.ticket(), gate.ticket()];
    let opened = false;
    const p = a.ready().then(() => (opened = true));
    a.ready();
    a.gone();
    b.gone();
    b.gone();
    await Promise.resolve();
    expect(opened).toBe(false);
    c.ready();
    await p;
    expect(opened).toBe(true);
  });

  it('a gate for no session is open', async () => {
    await new StartGate(0).ticket().ready();
  });
});

/**
 * Truth: sessions become ready at known times (a server that configures each session after its own
 * delay); with the first wave held, no session sends audio before the last one of the wave is ready,
 * and a session whose connection fails does not hold up the others.
 */
describe('first wave starts together', () => {
  /**
   * Runs three sessions against a server that configures session i after `readyAfterMs[i]` ms (or,
   * for `refuseIndex`, refuses the connection after `refuseAfterMs`), and hands each result over.
   */
  async function wave(opts: {
    startTogether: boolean;
    readyAfterMs: number[];
    refuseIndex?: number;
    refuseAfterMs?: number;
    onSession: (r: SessionResult) => void;
  }) {
    const sessions = quickPlan([FIXTURE], { repeat: 3, targets: ['x'] });
    const clock = new VirtualClock();
    let n = 0;
    await clock.runUntil(
      executePlan(
        { sessions },
        {
          clock,
          concurrency: 3,
          startTogether: opts.startTogether,
          retry: NO_RETRY,
          turnTimeoutMs: 500,
          connect: async () => {
            const i = n++;
            if (i === opts.refuseIndex) {
              await sleep(clock, opts.refuseAfterMs ?? 0);
              throw new Error('connection refused');
            }
            const pair = createInProcessPair(clock);
            pair.server.onMessage(() => undefined);
            void sleep(clock, opts.readyAfterMs[i]).then(() => {
              pair.server.send(JSON.stringify({ type: 'session.created', event_id: `c${i}`, session: {} }));
              pair.server.send(JSON.stringify({ type: 'session.updated', event_id: `u${i}`, session: {} }));
            });
            return { transport: pair.client, connectMs: 0, url: 'ws://x', dialect: 'ga' as const };
          },
          onSession: opts.onSession,
        },
      ),
    );
  }

  it('holds every microphone until the last session of the wave is ready', async () => {
    const traces: Array<{ chunks: TraceChunk[]; notes: TraceNote[] }> = [];
    await wave({
      startTogether: true,
      readyAfterMs: [30, 120, 480],
      onSession: (r) =>
        traces.push({
          chunks: r.trace.filter((x): x is TraceChunk => x.k === 'chunk'),
          notes: r.trace.filter((x): x is TraceNote => x.k === 'note'),
        }),
    });
    expect(traces).toHaveLength(3);
    for (const t of traces) {
      expect(t.chunks.length).toBeGreaterThan(0);
      // First chunk: one period (20 ms) after the microphone starts, plus the session's phase < 20 ms.
      expect(t.chunks[0].due).toBeGreaterThanOrEqual(480 + 20);
      expect(t.chunks[0].due).toBeLessThan(480 + 40);
    }
    const held = traces.flatMap((t) => t.notes.filter((x) => x.msg.startsWith('microphone held')).map((x) => x.msg));
    expect(held.sort()).toEqual([
      'microphone held 360 ms until every session of the first wave was ready',
      'microphone held 450 ms until every session of the first wave was ready',
    ]);
  });

  it('without it, each session starts as soon as it is ready', async () => {
    const firsts: number[] = [];
    await wave({
      startTogether: false,
      readyAfterMs: [30, 120, 480],
      onSession: (r) => firsts.push(r.trace.find((x): x is TraceChunk => x.k === 'chunk')!.due),
    });
    expect(Math.min(...firsts)).toBeLessThan(30 + 40);
  });

  it('a session that never connects does not hold up the wave', async () => {
    const firsts: number[] = [];
    const errors: Array<string | null> = [];
    await wave({
      startTogether: true,
      readyAfterMs: [10, 10, 10],
      refuseIndex: 2,
      refuseAfterMs: 900,
      onSession: (r) => {
        errors.push(r.error);
        const c = r.trace.find((x): x is TraceChunk => x.k === 'chunk');
        if (c) firsts.push(c.due);
      },
    });
    expect(errors.filter((e) => e !== null)).toHaveLength(1);
    expect(firsts).toHaveLength(2);
    for (const due of firsts) {
      expect(due).toBeGreaterThanOrEqual(900 + 20);
      expect(due).toBeLessThan(900 + 40);
    }
  });
});
