/**
 * The child-process side of {@link startMockServerInProcess}: waits for its options, starts the
 * mock on a real socket in this process (its own event loop, real clock, its own libwebrtc), and
 * answers the parent's `stats`/`close` requests. When the parent goes away (the IPC channel
 * closes), the mock closes and the process ends: it never outlives the run.
 */
import { startMockServer, type MockServer } from './server.js';
import type { FromMockWorker, ToMockWorker } from './worker-protocol.js';

const post = (m: FromMockWorker, then?: () => void) => {
  if (process.connected) process.send!(m, undefined, {}, () => then?.());
  else then?.();
};
let server: MockServer | null = null;
let starting = false;

async function shutDown(): Promise<void> {
  await server?.close().catch(() => undefined);
  // libwebrtc's bindings can crash while the process tears them down: leave without their destructors.
  post({ type: 'closed' }, () => process.exit(0));
}

process.on('message', (m: ToMockWorker) => {
  if (m.type === 'start' && !starting) {
    starting = true;
    const { forwardLog, ...opts } = m.options;
    startMockServer({ ...opts, log: forwardLog ? (line) => post({ type: 'log', line }) : undefined }).then(
      (s) => {
        server = s;
        post({ type: 'ready', url: s.url, port: s.port, caPem: s.caPem });
      },
      (err: unknown) => {
        post({ type: 'failed', message: (err as Error).message, code: (err as { code?: string }).code }, () => process.exit(1));
      },
    );
  } else if (m.type === 'stats' && server) post({ type: 'stats', id: m.id, stats: server.stats() });
  else if (m.type === 'close') void shutDown();
});
process.on('disconnect', () => void shutDown());
