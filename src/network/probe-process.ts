/**
 * A helper process the link's tests and benchmark start in a namespace: in the server namespace it
 * serves the probe echo and a TCP sink that reports what it received; in the client namespace it
 * measures round trips with probes or pushes bytes over TCP.
 */
import { createServer, connect } from 'node:net';
import { RealClock } from '../clock/real.js';
import { LinkProber, startEcho, type LinkFacts } from './probe.js';

export type ToProbeProcess =
  | { type: 'serve'; tcpPort: number }
  | { type: 'rtt'; host: string; count: number; intervalMs: number }
  | { type: 'push'; host: string; tcpPort: number; bytes: number }
  /** Probe the link until the channel closes, on the run's clock (`epochMs`). */
  | { type: 'watch'; host: string; epochMs: number }
  | { type: 'facts'; id: number; startT: number; endT: number };

export type FromProbeProcess =
  | { type: 'serving' }
  | { type: 'rtt'; rtts: number[]; sent: number }
  | { type: 'received'; bytes: number; firstT: number; lastT: number }
  | { type: 'pushed' }
  | { type: 'watching' }
  | { type: 'facts'; id: number; facts: LinkFacts }
  | { type: 'failed'; message: string };

let clock = new RealClock();
let watcher: LinkProber | null = null;
const post = (m: FromProbeProcess) => process.send?.(m);

process.on('message', (m: ToProbeProcess) => {
  void handle(m).catch((err: Error) => post({ type: 'failed', message: err.message }));
});
process.on('disconnect', () => process.exit(0));

async function handle(m: ToProbeProcess): Promise<void> {
  if (m.type === 'serve') {
    await startEcho();
    const server = createServer((sock) => {
      let bytes = 0;
      let firstT = 0;
      let lastT = 0;
      sock.on('data', (d) => {
        if (!bytes) firstT = clock.now();
        bytes += d.length;
        lastT = clock.now();
      });
      sock.on('end', () => {
        post({ type: 'received', bytes, firstT, lastT });
        sock.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(m.tcpPort, '0.0.0.0', resolve));
    post({ type: 'serving' });
  } else if (m.type === 'watch') {
    clock = RealClock.fromEpoch(m.epochMs);
    watcher = new LinkProber(clock, m.host);
    await watcher.start();
    post({ type: 'watching' });
  } else if (m.type === 'facts') {
    if (!watcher) throw new Error('facts asked before watch');
    post({ type: 'facts', id: m.id, facts: watcher.factsBetween(m.startT, m.endT) });
  } else if (m.type === 'rtt') {
    const prober = new LinkProber(clock, m.host, undefined, m.intervalMs);
    await prober.start();
    await new Promise((r) => setTimeout(r, (m.count - 1) * m.intervalMs + m.intervalMs / 2));
    prober.stopSending();
    // The last probes' answers are still on their way.
    await new Promise((r) => setTimeout(r, 2500));
    prober.stop();
    post({ type: 'rtt', rtts: prober.rtts(), sent: prober.sent() });
  } else {
    const sock = connect(m.tcpPort, m.host);
    await new Promise<void>((resolve, reject) => {
      sock.once('connect', resolve);
      sock.once('error', reject);
    });
    const chunk = Buffer.alloc(64 * 1024, 7);
    let left = m.bytes;
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!sock.write(chunk.subarray(0, n))) await new Promise((r) => sock.once('drain', r));
    }
    await new Promise<void>((resolve) => sock.end(resolve));
    post({ type: 'pushed' });
  }
}
