/**
 * `--workers N`: a run's sessions spread over N worker threads, each with its own event loop and
 * pacer, on clocks aligned with this thread's. Results come back session by session and go through
 * the same `onSession` and stop rules as in one thread, so traces, samples, pacing and load figures
 * are put together exactly as from one process.
 */
import { availableParallelism } from 'node:os';
import type { ChildProcess, Serializable } from 'node:child_process';
import type { Worker } from 'node:worker_threads';
import type { RealClock } from '../clock/real.js';
import { pacingFromLags } from '../metrics/pacing.js';
import type { Sample } from '../results/types.js';
import type { ExecuteOptions, ExecuteResult, SessionResult } from '../runner/run.js';
import type { Plan } from '../scenario/types.js';
import { startModuleWorker } from '../util/module-worker.js';
import type { FromSessionWorker, SessionWorkerData, ToSessionWorker } from './worker-protocol.js';

/** Sessions one thread paces comfortably before more threads pay for themselves. */
const SESSIONS_PER_WORKER = 150;

/**
 * Default `--workers`: one thread per {@link SESSIONS_PER_WORKER} concurrent sessions, at most one
 * per core beyond the one the bundled mock uses, at least 1 (1 means: in this thread).
 */
export function defaultWorkers(concurrency: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores - 1, Math.floor(concurrency / SESSIONS_PER_WORKER)));
}

/** `n` split into `parts` whole shares differing by at most one (the first ones larger). */
export function splitEvenly(n: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(n / parts) + (i < n % parts ? 1 : 0));
}

export interface WorkerRunOptions extends ExecuteOptions {
  clock: RealClock;
  workers: number;
  /** What each worker needs to connect (everything but the sessions and the clock). */
  connection: Pick<SessionWorkerData, 'mockUrl' | 'caPem' | 'env' | 'target' | 'insecure' | 'connectTimeoutMs' | 'mockTargets'>;
  /** Worst event-loop delay p99 (ms) of the workers, reported when they end. */
  onWorkerLoopDelay?: (p99Ms: number) => void;
  /** Completes each session's result as it arrives, before anything reads it (`--network`: the link's facts). */
  amend?: (result: SessionResult) => Promise<SessionResult>;
  /** Starts worker `index` with its data (default: a thread on session-worker). */
  start?: (data: SessionWorkerData, index: number) => SessionWorkerHandle;
}

/** What a run needs of a session worker: a thread, or a child process behind {@link processWorker}. */
export type SessionWorkerHandle = Pick<Worker, 'postMessage' | 'on' | 'once' | 'terminate'>;

/** A child process speaking the session-worker protocol over IPC, seen as a worker. */
export function processWorker(child: ChildProcess, start: (data: SessionWorkerData) => unknown, data: SessionWorkerData): SessionWorkerHandle {
  child.send(start(data) as Serializable);
  const handle = {
    postMessage: (m: ToSessionWorker) => {
      if (child.connected) child.send(m);
    },
    on: (event: string, fn: (...args: unknown[]) => void) => {
      child.on(event, fn);
      return handle;
    },
    once: (event: string, fn: (...args: unknown[]) => void) => {
      child.once(event, fn);
      return handle;
    },
    terminate: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return 0;
      const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 0)));
      child.kill('SIGTERM');
      return exited;
    },
  };
  return handle as unknown as SessionWorkerHandle;
}

/** Like `executePlan`, with the sessions run in `workers` threads (dealt round-robin in plan order). */
export async function executeInWorkers(plan: Plan, opts: WorkerRunOptions): Promise<ExecuteResult> {
  const queue = plan.sessions.filter((s) => !opts.skip?.has(s.id));
  const total = queue.length;
  const requested = opts.concurrency ?? 1;
  const n = Math.max(1, Math.min(opts.workers, total, requested));
  const concurrencies = splitEvenly(Math.min(requested, total || 1), n);
  const shares = concurrencies.map((_, w) => queue.filter((_, i) => i % n === w));
  const samples: Sample[] = [];
  const lags: number[] = [];
  let done = 0;
  let failed = 0;
  let stopped: string | null = null;
  const discarded: string[] = [];
  const workers: SessionWorkerHandle[] = [];
  const send = (m: ToSessionWorker) => workers.forEach((w) => w.postMessage(m));
  const onAbort = () => send({ type: 'abort' });
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  // Results are handled one at a time, in arrival order, as executePlan's onSession would be.
  let chain: Promise<void> = Promise.resolve();
  const handle = (arrived: SessionResult) => {
    chain = chain.then(async () => {
      const result = opts.amend ? await opts.amend(arrived) : arrived;
      for (const r of result.trace) if (r.k === 'chunk') lags.push(r.t - r.due);
      samples.push(...result.samples);
      if (result.error) failed++;
      done++;
      await opts.onSession?.(result, { done, total });
      if (stopped === null) {
        stopped = opts.stopWhen?.(result) ?? null;
        if (stopped !== null) send({ type: 'stop', reason: stopped });
      }
    });
  };
  const epochMs = opts.clock.epochMs();
  try {
    await Promise.all(
      shares.map((sessions, w) => {
        const data: SessionWorkerData = {
          ...opts.connection,
          sessions,
          prepared: new Map(sessions.map((s) => [s.id, opts.prepared!.get(s.id)!])),
          epochMs,
          // The ramp spreads the whole run's first starts: each worker takes its share of it.
          concurrency: concurrencies[w],
          rampMs: ((opts.rampMs ?? 0) * concurrencies[w]) / Math.max(1, requested),
          turnTimeoutMs: opts.turnTimeoutMs,
          sessionTimeoutMs: opts.sessionTimeoutMs,
          retry: opts.retry,
          prices: opts.prices,
          phase: opts.phase ?? (requested > 1 ? 'seeded' : 'none'),
        };
        const worker = opts.start ? opts.start(data, w) : startModuleWorker(import.meta.url, 'session-worker', data);
        workers.push(worker);
        if (opts.signal?.aborted) worker.postMessage({ type: 'abort' } satisfies ToSessionWorker);
        return new Promise<void>((resolve, reject) => {
          worker.on('message', (m: FromSessionWorker) => {
            if (m.type === 'session') handle(m.result);
            else if (m.type === 'done') {
              discarded.push(...m.discarded);
              opts.onWorkerLoopDelay?.(m.loopDelayP99Ms);
              resolve();
            } else if (m.type === 'failed') reject(new Error(`session worker ${w + 1}: ${m.message}`));
          });
          worker.once('error', (err) => reject(new Error(`session worker ${w + 1}: ${err.message}`)));
          worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`session worker ${w + 1} exited with code ${code}`))));
        });
      }),
    );
    await chain;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (stopped === null && opts.signal?.aborted && done < total) stopped = 'interrupted';
  return { samples, pacing: pacingFromLags(lags), sessions: done, failedSessions: failed, stopped, discarded };
}
