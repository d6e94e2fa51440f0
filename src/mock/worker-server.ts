/**
 * The mock on a real socket in its own worker thread, so a real-time run's mock never shares the
 * harness's event loop (in-process it cost p99 pacing lag 244 ms at 200 sessions). Directives reach
 * it like any standalone mock: over the wire, in the `x-rtbench-mock` header.
 */
import { startModuleWorker } from '../util/module-worker.js';
import type { MockOptions, MockStats } from './options.js';
import type { FromMockWorker, ToMockWorker } from './worker-protocol.js';

/** A mock running in a worker thread: like {@link MockServer}, with counters fetched asynchronously. */
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

/**
 * Starts the bundled mock in a worker thread and resolves once it listens. Options travel by
 * structured clone: `clock` cannot (the worker uses its own real clock) and `log` lines are
 * forwarded from the worker. `thread.nice` lowers the worker thread's scheduling priority (Linux), so
 * that under CPU pressure the harness's pacing runs first.
 * @throws {Error} with the mock's `code` when it cannot start (bad options, listen error)
 */
export async function startMockServerInWorker(opts: MockOptions = {}, thread: { nice?: number } = {}): Promise<WorkerMockServer> {
  const { clock: _clock, log, ...cloneable } = opts;
  const worker = startModuleWorker(import.meta.url, 'worker-entry', { ...cloneable, forwardLog: Boolean(log), threadNice: thread.nice });
  const pending = new Map<number, (s: MockStats) => void>();
  let nextId = 0;
  let onClosed: (() => void) | null = null;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const ready = new Promise<{ url: string; port: number; caPem?: string }>((resolve, reject) => {
    worker.on('message', (m: FromMockWorker) => {
      if (m.type === 'ready') resolve(m);
      else if (m.type === 'failed') reject(Object.assign(new Error(m.message), { code: m.code ?? 'MOCK_WORKER_FAILED' }));
      else if (m.type === 'log') log?.(m.line);
      else if (m.type === 'stats') pending.get(m.id)?.(m.stats);
      else if (m.type === 'closed') onClosed?.();
    });
    worker.once('error', (err) => reject(Object.assign(new Error(`mock worker: ${err.message}`), { code: 'MOCK_WORKER_FAILED' })));
    worker.once('exit', (code) => reject(Object.assign(new Error(`mock worker exited (code ${code}) before listening`), { code: 'MOCK_WORKER_FAILED' })));
  });
  const send = (m: ToMockWorker) => worker.postMessage(m);
  let info: { url: string; port: number; caPem?: string };
  try {
    info = await ready;
  } catch (err) {
    await worker.terminate();
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
        void exited.then(() => reject(Object.assign(new Error('mock worker has exited'), { code: 'MOCK_WORKER_FAILED' })));
        send({ type: 'stats', id });
      }),
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => (onClosed = resolve));
        send({ type: 'close' });
        await Promise.race([closed, exited]);
        await worker.terminate();
      })();
      return closing;
    },
  };
}
