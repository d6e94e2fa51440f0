/**
 * Moves encoded event frames between the harness and a target. Implementations: a `ws` client
 * (real sockets), and an in-process pair wired through a clock (for virtual-time runs).
 */
import { RtbenchError } from '../errors.js';
export type TransportState = 'connecting' | 'open' | 'closing' | 'closed';

/**
 * Synthetic event a WebRTC transport delivers after `output_audio_buffer.stopped` (or `.cleared`)
 * once the received track's audio of that answer has played out at this end: from then on no more
 * of it will be heard.
 */
export const PLAYED_OUT_EVENT = 'rtbench.webrtc.played_out';

export interface Transport {
  readonly state: TransportState;
  /** Bytes queued but not yet written to the socket (0 for in-process). */
  readonly bufferedAmount: number;
  send(frame: string): void;
  /**
   * Sends a text frame given as its UTF-8 bytes (no string conversion on the way out). Optional:
   * callers fall back to {@link send} where it is missing.
   */
  sendBytes?(frame: Buffer): void;
  close(code?: number, reason?: string): void;
  /** Registers the single message handler (text frames; binary frames arrive as `binary: true`). */
  onMessage(handler: (data: string, binary: boolean) => void): void;
  /** Registers the single close handler. */
  onClose(handler: (code: number, reason: string) => void): void;
}

export type TransportErrorCode =
  | 'CONNECT_FAILED'
  | 'HANDSHAKE_REJECTED'
  | 'CONNECT_TIMEOUT'
  | 'ABORTED'
  /** `--transport webrtc` without the optional `@roamhq/wrtc` installed. */
  | 'WEBRTC_UNAVAILABLE'
  /** The WebRTC call was set up but ICE, DTLS or the data channel never came up. */
  | 'WEBRTC_SETUP_FAILED';

/** A connection failure with a stable code; `status` and `retryAfterMs` for HTTP refusals. */
export class TransportError extends RtbenchError<TransportErrorCode> {
  static readonly codes = [
    'CONNECT_FAILED',
    'HANDSHAKE_REJECTED',
    'CONNECT_TIMEOUT',
    'ABORTED',
    'WEBRTC_UNAVAILABLE',
    'WEBRTC_SETUP_FAILED',
  ] as const satisfies readonly TransportErrorCode[];
  readonly status?: number;
  readonly retryAfterMs?: number;
  constructor(code: TransportErrorCode, message: string, opts: { status?: number; retryAfterMs?: number } = {}) {
    super(code, message);
    this.name = 'TransportError';
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
  }
}
