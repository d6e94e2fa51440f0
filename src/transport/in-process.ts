import type { Clock } from '../clock/clock.js';
import type { Transport, TransportState } from './transport.js';

class InProcessEnd implements Transport {
  state: TransportState = 'open';
  readonly bufferedAmount = 0;
  peer!: InProcessEnd;
  private messageHandler: (data: string, binary: boolean) => void = () => undefined;
  private closeHandler: (code: number, reason: string) => void = () => undefined;

  constructor(
    private readonly clock: Clock,
    private readonly latencyMs: number,
  ) {}

  send(frame: string): void {
    if (this.state !== 'open') return;
    const peer = this.peer;
    this.clock.setTimer(this.clock.now() + this.latencyMs, () => {
      if (peer.state === 'open' || peer.state === 'closing') peer.messageHandler(frame, false);
    });
  }

  close(code = 1000, reason = ''): void {
    if (this.state === 'closed' || this.state === 'closing') return;
    this.state = 'closing';
    this.peer.state = this.peer.state === 'open' ? 'closing' : this.peer.state;
    this.clock.setTimer(this.clock.now() + this.latencyMs, () => {
      this.finish(code, reason);
      this.peer.finish(code, reason);
    });
  }

  onMessage(handler: (data: string, binary: boolean) => void): void {
    this.messageHandler = handler;
  }

  onClose(handler: (code: number, reason: string) => void): void {
    this.closeHandler = handler;
  }

  private finish(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closeHandler(code, reason);
  }
}

/**
 * Two connected transport ends that deliver frames through the clock's timers, `latencyMs` later.
 * With a virtual clock this is a deterministic, zero-network link between runner and mock.
 */
export function createInProcessPair(clock: Clock, latencyMs = 0): { client: Transport; server: Transport } {
  const client = new InProcessEnd(clock, latencyMs);
  const server = new InProcessEnd(clock, latencyMs);
  client.peer = server;
  server.peer = client;
  return { client, server };
}
