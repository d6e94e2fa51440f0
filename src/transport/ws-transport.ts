import WebSocket from 'ws';
import { firstAudibleSampleOfFrame } from '../audio/audible.js';
import { elideAudioDeltaBytes } from '../protocol/codec.js';
import type { AudioFormat } from '../protocol/session.js';
import type { Transport, TransportState } from './transport.js';

export interface WsTransportOptions {
  /**
   * Hand audio-delta frames to the message handler with their base64 payload already cut out
   * (`"delta":"","audio_bytes":N`, exactly what `decodeServer(…, { elideAudio: true })` makes of
   * them), without first decoding the payload into a string. For the harness's side, which only
   * needs sizes; the mock's side gets every frame whole.
   */
  elideAudioDeltas?: boolean;
  /**
   * With `elideAudioDeltas`: the output format, so that each elided delta also carries
   * `"audible_sample":N`, the index of its first audible sample (−1 if none; see audio/audible.ts),
   * found before the payload is cut out — the player needs where the answer's first sound is.
   */
  audibleFormat?: AudioFormat;
}

/**
 * A `ws` socket as a {@link Transport}, for either end: the harness's client socket and the mock's
 * server-side sockets.
 */
export class WsTransport implements Transport {
  private messageHandler: ((data: string, binary: boolean) => void) | null = null;
  private closeHandler: ((code: number, reason: string) => void) | null = null;
  /** Frames and a close that arrive before the session registers its handlers (the server may
   * send `session.created` in the same packet as the handshake response). */
  private early: Array<[string, boolean]> = [];
  private earlyClose: [number, string] | null = null;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    opts: WsTransportOptions = {},
  ) {
    const elide = opts.elideAudioDeltas === true;
    const audible = opts.audibleFormat;
    ws.on('message', (data, isBinary) => {
      let text: string;
      if (isBinary) {
        const len = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
        text = `<binary frame, ${len} bytes>`;
      } else {
        const frame = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
        const elided = elide ? elideAudioDeltaBytes(frame) : null;
        text = elided === null ? frame.toString() : audible ? withAudible(elided, firstAudibleSampleOfFrame(frame, audible)) : elided;
      }
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

  sendBytes(frame: Buffer): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame, { binary: false });
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

  /** Drops the connection without a closing handshake. */
  terminate(): void {
    this.ws.terminate();
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

/** The elided delta with `"audible_sample":N` added as its last key. */
function withAudible(elided: string, sample: number | null): string {
  const close = elided.lastIndexOf('}');
  if (sample === null || close < 0) return elided;
  return `${elided.slice(0, close)},"audible_sample":${sample}${elided.slice(close)}`;
}
