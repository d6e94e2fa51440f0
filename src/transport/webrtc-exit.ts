/**
 * A process that loaded the WebRTC bindings must not end through Node's environment teardown.
 *
 * When the event loop runs dry, Node frees the environment: it runs every native wrapper's
 * finalizer that is still pending, in no guaranteed order (the Node-API documentation says so). The
 * bindings' finalizers assume an order — an RTP receiver's finalizer releases the track wrapper it
 * owns, which may already be gone — so a process that made even one call died after its last line
 * of output, with SIGSEGV (139) or SIGABRT (134) instead of its exit code, on Node 20 to 26.
 *
 * `process.exit()` leaves without that teardown. Called from the last `exit` listener, after the loop
 * has run dry — every write to a file, pipe or terminal has completed, every peer connection has
 * been closed by its owner — it ends the process with the exit code it was about to have, and
 * nothing is lost. An explicit `process.exit()` or an uncaught exception already leaves this way.
 *
 * Only the main thread: a worker thread's `process.exit()` ends that thread, and the bindings refuse
 * a second thread anyway.
 */
import { isMainThread } from 'node:worker_threads';

let installed = false;

/**
 * Makes this process's natural end go through `process.exit(code)` (idempotent). The `exit`
 * listener is moved to the end of the list at every `beforeExit`, so listeners that others added
 * still run before it.
 */
export function exitWithoutNativeTeardown(): void {
  if (installed || !isMainThread) return;
  installed = true;
  const leave = (code: number): void => {
    process.exit(code);
  };
  process.on('beforeExit', () => {
    process.removeListener('exit', leave);
    process.on('exit', leave);
  });
}
