import WebSocket from 'ws';
import type { TransportState } from '../transport/transport.js';
import type { MockConnection } from './session.js';

/** A server-side `ws` socket as a {@link MockConnection}. */
export class WsServerConnection implements MockConnection {
  private messageHandler: (data: string, binary: boolean) => void = () => undefined;
  private closeHandler: (code: number, reason: string) => void = () => undefined;

  constructor(private readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) this.messageHandler('', true);
      else this.messageHandler(Array.isArray(data) ? Buffer.concat(data).toString() : data.toString(), false);
    });
    ws.on('close', (code, reason) => this.closeHandler(code, reason.toString()));
    // 'error' is followed by 'close'; listening keeps it from crashing the process.
    ws.on('error', () => undefined);
  }

  get state(): TransportState {
    switch (this.ws.readyState) {
      case WebSocket.CONNECTING:
        return 'connecting';
      case WebSocket.OPEN:
        return 'open';
      case WebSocket.CLOSING:
        return 'closing';
      default:
        return 'closed';
    }
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  send(frame: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  close(code = 1000, reason = ''): void {
    if (this.ws.readyState !== WebSocket.OPEN && this.ws.readyState !== WebSocket.CONNECTING) return;
    // 1005/1006/1015 cannot be sent in a close frame: those mean "cut the connection".
    if (code === 1005 || code === 1006 || code === 1015) {
      this.ws.terminate();
      return;
    }
    try {
      this.ws.close(code, reason.slice(0, 120));
    } catch {
      this.ws.terminate();
    }
  }

  terminate(): void {
    this.ws.terminate();
  }

  onMessage(handler: (data: string, binary: boolean) => void): void {
    this.messageHandler = handler;
  }

  onClose(handler: (code: number, reason: string) => void): void {
    this.closeHandler = handler;
  }
}
