/**
 * Decoding and validating `input_audio_buffer.append` payloads, and the input buffer's bookkeeping
 * (audio since the last commit, total audio of the session).
 */
import { decodeAlaw, decodeMulaw } from '../../audio/index.js';
import { bytesPerMsOf, sampleRateOf, type AudioFormat } from '../../protocol/session.js';
import { errors, type ErrorTemplate } from '../errors.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export type DecodedAppend = { ok: true; pcm: Int16Array; sampleRate: number; ms: number; bytes: number } | { ok: false; error: ErrorTemplate };

/**
 * Decodes one append payload: PCM16 little-endian at 24 kHz, or G.711 at 8 kHz (decoded to PCM16
 * at 8 kHz; the VAD runs at the input rate, so no upsampling is needed).
 */
export function decodeAppend(audio: string, format: AudioFormat): DecodedAppend {
  if (audio.length % 4 !== 0 || !BASE64.test(audio)) return { ok: false, error: errors.invalidAudio() };
  const buf = Buffer.from(audio, 'base64');
  const bytes = buf.byteLength;
  const ms = bytes / bytesPerMsOf(format);
  if (format === 'pcm16') {
    if (bytes % 2 !== 0) return { ok: false, error: errors.oddPcm16(bytes) };
    // Buffers may be unaligned slices of a shared pool: copy when the offset is odd.
    const pcm = buf.byteOffset % 2 === 0 ? new Int16Array(buf.buffer, buf.byteOffset, bytes / 2) : new Int16Array(new Uint8Array(buf).buffer);
    return { ok: true, pcm, sampleRate: 24000, ms, bytes };
  }
  const u8 = new Uint8Array(buf.buffer, buf.byteOffset, bytes);
  const pcm = format === 'g711_ulaw' ? decodeMulaw(u8) : decodeAlaw(u8);
  return { ok: true, pcm, sampleRate: sampleRateOf(format), ms, bytes };
}

/** Positions on the session's input-audio timeline (ms of all audio appended). */
export class InputBuffer {
  /** All audio appended in the session. */
  totalMs = 0;
  /** Where the uncommitted buffer starts. */
  startMs = 0;

  /** Audio in the buffer (appended since the last commit or clear). */
  get bufferedMs(): number {
    return this.totalMs - this.startMs;
  }

  append(ms: number): void {
    this.totalMs += ms;
  }

  /** Empties the buffer (commit or clear); returns the span it held. */
  take(): { startMs: number; endMs: number } {
    const span = { startMs: this.startMs, endMs: this.totalMs };
    this.startMs = this.totalMs;
    return span;
  }
}
