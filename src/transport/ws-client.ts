import type { AudioFormat } from '../protocol/session.js';
import WebSocket from 'ws';
import type { Clock } from '../clock/clock.js';
import { TransportError, type Transport } from './transport.js';
import { WsTransport } from './ws-transport.js';

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
  /** See the `elideAudioDeltas` option of {@link WsTransport}. */
  elideAudioDeltas?: boolean;
  /** See {@link WsTransportOptions.audibleFormat}. */
  audibleFormat?: AudioFormat;
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
      resolve({
        transport: new WsTransport(ws, { elideAudioDeltas: opts.elideAudioDeltas, audibleFormat: opts.audibleFormat }),
        connectMs: clock.now() - started,
      });
    });
  });
}
