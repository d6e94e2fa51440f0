/**
 * The mock on a real socket off the harness's event loop, so a real-time run's mock never shares
 * it (in-process it cost p99 pacing lag 244 ms at 200 sessions): in a worker thread, or — for
 * WebRTC runs, whose libwebrtc bindings allow one thread per process — in a child process.
 * Directives reach it like any standalone mock: over the wire, in the `x-rtbench-mock` header.
 */
import type { ChildProcess } from 'node:child_process';
import type { Worker } from 'node:worker_threads';
import { startModuleProcess, startModuleWorker } from '../../util/module-worker.js';
import type { MockOptions, MockStats } from '../types.js';
import type { FromMockWorker, ToMockWorker } from './worker-protocol.js';
import { MockError } from '../mock-error.js';
import { RtbenchError } from '../../errors.js';

/** A mock running in a worker thread or child process: like {@link MockServer}, with counters fetched asynchronously. */
export interface WorkerMockServer {
  /** e.g. `ws://127.0.0.1:43121/v1/realtime`. */
  url: string;
  port: number;
  caPem?: string;
  /** The mock's counters, asked of the worker. */
  stats(): Promise<MockStats>;
  /** Closes the server and ends the worker. */
  close(): Promise<void>;
}

/** What a thread or a child process offers the harness side. */
interface MockHost {
  post(m: ToMockWorker): void;
  onMessage(fn: (m: FromMockWorker) => void): void;
  /** Once, when it has exited (with a reason for a start-up failure). */
  onExit(fn: (why: string) => void): void;
  end(): Promise<void>;
}

/**
 * Starts the bundled mock in a worker thread and resolves once it listens. Options travel by
 * structured clone: `clock` cannot (the worker uses its own real clock) and `log` lines are
 * forwarded from the worker. `thread.nice` lowers the worker thread's scheduling priority (Linux), so
 * that under CPU pressure the harness's pacing runs first. A `script` or `recorder` cannot go along.
 * @throws {Error} with the mock's `code` when it cannot start (bad options, listen error); `MOCK_WORKER_FAILED` with `script` or `recorder`
 */
export async function startMockServerInWorker(opts: MockOptions = {}, thread: { nice?: number } = {}): Promise<WorkerMockServer> {
  const worker = startModuleWorker(import.meta.url, 'worker-entry', { ...cloneable(opts), forwardLog: Boolean(opts.log), threadNice: thread.nice });
  return drive(threadHost(worker), opts.log);
}

/**
 * Starts the bundled mock in a child process (the same Node binary, this package's code) and
 * resolves once it listens; like {@link startMockServerInWorker} otherwise. The child ends with
 * its parent (it closes when the IPC channel does).
 * @throws {Error} with the mock's `code` when it cannot start; `MOCK_WORKER_FAILED` with `script` or `recorder`
 */
export async function startMockServerInProcess(
  opts: MockOptions = {},
  place: { wrap?: readonly string[]; detached?: boolean } = {},
): Promise<WorkerMockServer> {
  const options = cloneable(opts);
  const child = startModuleProcess(import.meta.url, 'process-entry', place);
  const host = processHost(child);
  host.post({ type: 'start', options: { ...options, forwardLog: Boolean(opts.log) } });
  return drive(host, opts.log);
}

/**
 * The options that travel to the worker or child: `clock` stays (it uses its own real clock) and so
 * does `log` (its lines are forwarded). A script and a recorder are objects a test uses in its own
 * thread; copies in the worker would be out of its reach, so they are refused rather than dropped.
 */
function cloneable(opts: MockOptions): Omit<MockOptions, 'clock' | 'log' | 'script' | 'recorder'> {
  if (opts.script || opts.recorder) {
    throw new MockError(
      'MOCK_WORKER_FAILED',
      'the mock in a worker thread or child process cannot take `script` or `recorder`; use startMockServer for a scripted or recorded mock',
    );
  }
  const { clock: _clock, log: _log, script: _script, recorder: _recorder, ...rest } = opts;
  return rest;
}

function threadHost(worker: Worker): MockHost {
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (fn) => worker.on('message', fn),
    onExit: (fn) => {
      let why = '';
      worker.once('error', (err) => (why = err.message));
      worker.once('exit', (code) => fn(why || `exited (code ${code})`));
    },
    end: async () => {
      await worker.terminate();
    },
  };
}

function processHost(child: ChildProcess): MockHost {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    post: (m) => {
      if (child.connected) child.send(m);
    },
    onMessage: (fn) => child.on('message', (m) => fn(m as FromMockWorker)),
    onExit: (fn) => {
      let why = '';
      child.once('error', (err) => (why = err.message));
      child.once('exit', (code, signal) => fn(why || `exited (${signal ?? `code ${code}`})`));
    },
    end: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function drive(host: MockHost, log: MockOptions['log']): Promise<WorkerMockServer> {
  const pending = new Map<number, (s: MockStats) => void>();
  let nextId = 0;
  let onClosed: (() => void) | null = null;
  let onExited: (() => void) | null = null;
  let hasExited = false;
  const exited = new Promise<void>((resolve) => (onExited = resolve));
  const ready = new Promise<{ url: string; port: number; caPem?: string }>((resolve, reject) => {
    host.onMessage((m) => {
      if (m.type === 'ready') resolve(m);
      else if (m.type === 'failed') reject(RtbenchError.revive(m.code, m.message, 'MOCK_WORKER_FAILED'));
      else if (m.type === 'log') log?.(m.line);
      else if (m.type === 'stats') pending.get(m.id)?.(m.stats);
      else if (m.type === 'closed') onClosed?.();
    });
    host.onExit((why) => {
      hasExited = true;
      onExited?.();
      reject(new MockError('MOCK_WORKER_FAILED', `mock worker ${why} before listening`));
    });
  });
  let info: { url: string; port: number; caPem?: string };
  try {
    info = await ready;
  } catch (err) {
    await host.end();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    url: info.url,
    port: info.port,
    ...(info.caPem ? { caPem: info.caPem } : {}),
    stats: () =>
      new Promise<MockStats>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, (s) => {
          pending.delete(id);
          resolve(s);
        });
        const gone = () => reject(new MockError('MOCK_WORKER_FAILED', 'mock worker has exited'));
        if (hasExited) return gone();
        void exited.then(gone);
        host.post({ type: 'stats', id });
      }),
    close: () => {
      closing ??= (async () => {
        if (!hasExited) {
          const closed = new Promise<void>((resolve) => (onClosed = resolve));
          host.post({ type: 'close' });
          await Promise.race([closed, exited]);
        }
        await host.end();
      })();
      return closing;
    },
  };
}
