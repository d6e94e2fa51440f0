/**
 * A share of a run's sessions, run away from the run's own thread: in a worker thread
 * (`--workers N`) or in a child process inside a network namespace (`--network`). Each session's
 * result is posted as it ends.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { RealClock } from '../clock/real.js';
import { executePlan } from '../runner/run.js';
import { makeConnector } from './connect.js';
import type { FromSessionWorker, SessionWorkerData, ToSessionWorker } from './worker-protocol.js';

export interface SessionWorkIo {
  post: (m: FromSessionWorker) => void;
  onControl: (fn: (m: ToSessionWorker) => void) => void;
}

/** Runs `data.sessions` and posts `session`, then `done` (or `failed`). */
export async function runSessionShare(data: SessionWorkerData, io: SessionWorkIo, clock = RealClock.fromEpoch(data.epochMs)): Promise<void> {
  const controller = new AbortController();
  let stopReason: string | null = null;
  io.onControl((m) => {
    if (m.type === 'abort') controller.abort();
    else if (m.type === 'stop') stopReason ??= m.reason;
  });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const connect = makeConnector({
    link: data.mockUrl ? { kind: 'remote', url: data.mockUrl, framesBefore: 0 } : { kind: 'none' },
    clock,
    env: data.env,
    target: data.target,
    insecure: data.insecure,
    connectTimeoutMs: data.connectTimeoutMs,
    mockTargets: new Set(data.mockTargets),
    caPem: data.caPem,
  });
  try {
    const r = await executePlan(
      { sessions: data.sessions },
      {
        clock,
        connect,
        concurrency: data.concurrency,
        rampMs: data.rampMs,
        signal: controller.signal,
        turnTimeoutMs: data.turnTimeoutMs,
        sessionTimeoutMs: data.sessionTimeoutMs,
        retry: data.retry,
        prices: data.prices,
        prepared: data.prepared,
        phase: data.phase,
        onSession: (result) => io.post({ type: 'session', result }),
        stopWhen: () => stopReason,
      },
    );
    loopDelay.disable();
    io.post({ type: 'done', stopped: r.stopped, discarded: r.discarded, loopDelayP99Ms: loopDelay.percentile(99) / 1e6 });
  } catch (err) {
    io.post({ type: 'failed', message: (err as Error)?.message ?? String(err) });
  }
}
