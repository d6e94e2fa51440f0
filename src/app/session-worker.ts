/**
 * The worker-thread side of `--workers N`: runs its share of the sessions with its own pacer and
 * event loop, on a clock aligned with the parent's, and posts each session's result as it ends.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { RealClock } from '../clock/real.js';
import { executePlan } from '../runner/run.js';
import { makeConnector } from './connect.js';
import type { FromSessionWorker, SessionWorkerData, ToSessionWorker } from './worker-protocol.js';

const port = parentPort!;
const data = workerData as SessionWorkerData;
const post = (m: FromSessionWorker) => port.postMessage(m);
const clock = RealClock.fromEpoch(data.epochMs);
const controller = new AbortController();
let stopReason: string | null = null;
port.on('message', (m: ToSessionWorker) => {
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

executePlan(
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
    onSession: (result) => post({ type: 'session', result }),
    stopWhen: () => stopReason,
  },
).then(
  (r) => {
    loopDelay.disable();
    post({ type: 'done', stopped: r.stopped, discarded: r.discarded, loopDelayP99Ms: loopDelay.percentile(99) / 1e6 });
  },
  (err: unknown) => post({ type: 'failed', message: (err as Error)?.message ?? String(err) }),
);
