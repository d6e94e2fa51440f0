/**
 * The worker-thread side of `--workers N`: runs its share of the sessions with its own pacer and
 * event loop, on a clock aligned with the parent's, and posts each session's result as it ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runSessionShare } from './session-work.js';
import type { FromSessionWorker, SessionWorkerData, ToSessionWorker } from './worker-protocol.js';

const port = parentPort!;
void runSessionShare(workerData as SessionWorkerData, {
  post: (m: FromSessionWorker) => port.postMessage(m),
  onControl: (fn) => port.on('message', (m: ToSessionWorker) => fn(m)),
});
