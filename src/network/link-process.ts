/**
 * The userspace link's emulator, run as its own process in the router namespace: each side's TUN
 * device is bridged packet by packet to a UDP socket on the router's loopback (by `socat`), and
 * this process moves each packet to the other side through a {@link LinkPipe} per direction. It
 * ends when its parent's IPC channel closes.
 */
import { createSocket, type Socket } from 'node:dgram';
import { RealClock } from '../clock/real.js';
import { SeededRandom } from '../util/prng.js';
import { LinkPipe } from './emulator.js';
import type { FromLinkProcess, ToLinkProcess } from './link-protocol.js';

const clock = new RealClock();
const post = (m: FromLinkProcess) => process.send?.(m);

/** One direction: packets read on `from` leave on `to` towards `toPort`, each at its time. */
class Forwarder {
  private readonly queue: Array<{ atMs: number; packet: Buffer }> = [];
  private timer: NodeJS.Timeout | null = null;
  constructor(
    readonly pipe: LinkPipe,
    private readonly to: Socket,
    private readonly toPort: number,
  ) {}

  offer(packet: Buffer): void {
    const fate = this.pipe.offer(packet.length, clock.now());
    if (fate.kind !== 'deliver') return;
    // Deliveries are in order (the pipe never reorders), so the head is always the next one due.
    this.queue.push({ atMs: fate.atMs, packet });
    if (this.queue.length === 1) this.arm();
  }

  private arm(): void {
    if (this.timer || !this.queue.length) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, this.queue[0]!.atMs - clock.now()));
  }

  private flush(): void {
    this.timer = null;
    const now = clock.now();
    // Node timers may fire up to a millisecond early or late; what is due within 0.5 ms goes now.
    while (this.queue.length && this.queue[0]!.atMs <= now + 0.5) this.to.send(this.queue.shift()!.packet, this.toPort, '127.0.0.1');
    this.arm();
  }
}

function bind(port: number): Promise<Socket> {
  const socket = createSocket({ type: 'udp4', recvBufferSize: 4 << 20, sendBufferSize: 4 << 20 });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });
}

process.on('message', async (m: ToLinkProcess) => {
  if (m.type !== 'start') {
    if (m.type === 'counters' && up && down) post({ type: 'counters', up: up.pipe.counters, down: down.pipe.counters });
    return;
  }
  try {
    const rng = new SeededRandom(m.seed);
    const random = () => rng.next();
    const clientSide = await bind(m.ports.clientEmu);
    const serverSide = await bind(m.ports.serverEmu);
    up = new Forwarder(new LinkPipe(m.spec.up, random), serverSide, m.ports.serverTun);
    down = new Forwarder(new LinkPipe(m.spec.down, random), clientSide, m.ports.clientTun);
    clientSide.on('message', (packet) => up!.offer(packet));
    serverSide.on('message', (packet) => down!.offer(packet));
    post({ type: 'ready' });
  } catch (err) {
    post({ type: 'failed', message: (err as Error).message });
  }
});
let up: Forwarder | null = null;
let down: Forwarder | null = null;
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
