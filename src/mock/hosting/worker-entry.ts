/**
 * The worker-thread side of {@link startMockServerInWorker}: starts the mock on a real socket in
 * this thread (its own event loop and real clock) and answers the parent's `stats`/`close` requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../../util/thread-priority.js';
import { startMockServer } from './server.js';
import type { MockOptions } from '../types.js';
import type { FromMockWorker, ToMockWorker } from './worker-protocol.js';

const port = parentPort!;
const post = (m: FromMockWorker) => port.postMessage(m);
const opts = workerData as MockOptions & { forwardLog?: boolean; threadNice?: number };
if (opts.threadNice) lowerThisThreadPriority(opts.threadNice);

startMockServer({ ...opts, log: opts.forwardLog ? (line) => post({ type: 'log', line }) : undefined }).then(
  (server) => {
    port.on('message', (m: ToMockWorker) => {
      if (m.type === 'stats') post({ type: 'stats', id: m.id, stats: server.stats() });
      else if (m.type === 'close') void server.close().then(() => post({ type: 'closed' }));
    });
    post({ type: 'ready', url: server.url, port: server.port, caPem: server.caPem });
  },
  (err: unknown) => post({ type: 'failed', message: (err as Error).message, code: (err as { code?: string }).code }),
);
