import WebSocket from 'ws';
import type { Clock } from '../clock/clock.js';
import { TransportError, type Transport, type TransportState } from './transport.js';

export interface WsConnectOptions {
  headers?: Record<string, string>;
  protocols?: string[];
  clock: Clock;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Accept self-signed certificates (e.g. `rtbench mock --tls`). */
  insecure?: boolean;
  /** Extra CA certificate(s) in PEM. */
  ca?: string | Buffer;
  maxPayload?: number;
}

class WsTransport implements Transport {
  private messageHandler: ((data: string, binary: boolean) => void) | null = null;
  private closeHandler: ((code: number, reason: string) => void) | null = null;
  /** Frames and a close that arrive before the session registers its handlers (the server may
   * send `session.created` in the same packet as the handshake response). */
  private early: Array<[string, boolean]> = [];
  private earlyClose: [number, string] | null = null;
  private closed = false;

  constructor(private readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      let text: string;
      if (isBinary) {
        const len = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
        text = `<binary frame, ${len} bytes>`;
      } else text = data.toString();
      if (this.messageHandler) this.messageHandler(text, isBinary);
      else this.early.push([text, isBinary]);
    });
    ws.on('close', (code, reason) => {
      if (this.closed) return;
      this.closed = true;
      if (this.closeHandler) this.closeHandler(code, reason.toString());
      else this.earlyClose = [code, reason.toString()];
    });
    // Errors after open are followed by 'close'; swallowing here keeps them from crashing the process.
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
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      try {
        this.ws.close(code, reason);
      } catch {
        this.ws.terminate();
      }
    }
  }

  onMessage(handler: (data: string, binary: boolean) => void): void {
    this.messageHandler = handler;
    const early = this.early;
    this.early = [];
    for (const [text, binary] of early) handler(text, binary);
  }

  onClose(handler: (code: number, reason: string) => void): void {
    this.closeHandler = handler;
    if (this.earlyClose) handler(...this.earlyClose);
  }
}

/**
 * Opens a WebSocket with permessage-deflate off (deflate triples CPU and jitter). Resolves when the
 * handshake completes; rejects with a {@link TransportError} carrying the HTTP status for refusals.
 */
export function connectWs(url: string, opts: WsConnectOptions): Promise<{ transport: Transport; connectMs: number }> {
  const { clock } = opts;
  const started = clock.now();
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new TransportError('ABORTED', 'connection aborted'));
      return;
    }
    const ws = new WebSocket(url, opts.protocols ?? [], {
      headers: opts.headers,
      perMessageDeflate: false,
      handshakeTimeout: opts.timeoutMs ?? 10_000,
      rejectUnauthorized: !opts.insecure,
      ca: opts.ca,
      maxPayload: opts.maxPayload ?? 64 * 1024 * 1024,
    });
    let settled = false;
    const fail = (err: TransportError) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      reject(err);
    };
    const onAbort = () => fail(new TransportError('ABORTED', 'connection aborted'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    ws.once('unexpected-response', (_req, res) => {
      const retryAfter = Number(res.headers['retry-after']);
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        if (body.length < 500) body += c;
      });
      res.on('end', () => {
        const detail = body.trim().slice(0, 200).replace(/\s+/g, ' ');
        fail(
          new TransportError('HANDSHAKE_REJECTED', `handshake rejected: HTTP ${res.statusCode}${detail ? ` ${detail}` : ''}`, {
            status: res.statusCode,
            retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined,
          }),
        );
      });
      res.on('error', () => fail(new TransportError('HANDSHAKE_REJECTED', `handshake rejected: HTTP ${res.statusCode}`, { status: res.statusCode })));
    });
    ws.once('error', (err: Error) => {
      const code = /timed out|timeout/i.test(err.message) ? 'CONNECT_TIMEOUT' : 'CONNECT_FAILED';
      fail(new TransportError(code, `cannot connect: ${err.message}`));
    });
    ws.once('open', () => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      ws.removeAllListeners('error');
      ws.removeAllListeners('unexpected-response');
      resolve({ transport: new WsTransport(ws), connectMs: clock.now() - started });
    });
  });
}
