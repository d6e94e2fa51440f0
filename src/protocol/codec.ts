import { isAscii } from 'node:buffer';
import { parseFrame, type RealtimeEvent, type UnknownEvent } from './events.js';
import type { SessionConfig } from './session.js';

export type Dialect = 'ga' | 'beta';

/**
 * Translates between the normalized event model and one dialect's wire form, in both directions:
 * the client side (runner) encodes client events and decodes server events; the mock does the
 * opposite. Nothing outside `protocol/` knows dialect-specific names.
 */
export interface Codec {
  readonly dialect: Dialect;
  /** Normalized client event → wire text. */
  encodeClient(event: RealtimeEvent): string;
  /** The `input_audio_buffer.append` frame, built by concatenation (hot path: no JSON.stringify). */
  appendFrame(base64Audio: string): string;
  /**
   * Wire text → normalized server event (never throws). With `elideAudio`, an audio delta's
   * base64 payload is not materialized: `delta` is `''` and `audio_bytes` holds its decoded size
   * (the harness only needs sizes, and this keeps megabytes of strings per second out of the heap).
   */
  decodeServer(raw: string, opts?: { elideAudio?: boolean }): RealtimeEvent | UnknownEvent;
  /** Wire text → normalized client event (never throws). Used by the mock. */
  decodeClient(raw: string): RealtimeEvent | UnknownEvent;
  /** Normalized server event → wire text, or `null` when the dialect has no such event. */
  encodeServer(event: RealtimeEvent): string | null;
  /** Neutral session config → this dialect's `session` object. */
  sessionToWire(session: SessionConfig): Record<string, unknown>;
  /** This dialect's `session` object → neutral config (unknown fields dropped). */
  sessionFromWire(session: Record<string, unknown>): SessionConfig;
}

const APPEND_HEAD = '{"type":"input_audio_buffer.append","audio":"';
const APPEND_TAIL = '"}';

export function appendFrame(base64Audio: string): string {
  return APPEND_HEAD + base64Audio + APPEND_TAIL;
}

/**
 * Cuts the base64 payload out of an audio-delta frame before parsing: returns the frame with
 * `"delta":""` and `"audio_bytes":N`, or null when the frame is not a (large) audio delta.
 */
export function elideAudioDelta(raw: string): string | null {
  if (raw.length < 256 || !raw.includes('audio.delta"')) return null;
  const key = raw.indexOf('"delta":"');
  if (key < 0) return null;
  const start = key + 9;
  const end = raw.indexOf('"', start);
  if (end <= start) return null;
  const pad = raw.charCodeAt(end - 1) === 61 ? (raw.charCodeAt(end - 2) === 61 ? 2 : 1) : 0;
  const bytes = Math.floor(((end - start) * 3) / 4) - pad;
  return raw.slice(0, key) + '"delta":"","audio_bytes":' + bytes + raw.slice(end + 1);
}

const DELTA_KEY = Buffer.from('"delta":"', 'latin1');
const AUDIO_DELTA = Buffer.from('audio.delta"', 'latin1');

/**
 * {@link elideAudioDelta} on the frame's bytes, before they become a string: the same text, without
 * first decoding the kilobytes of base64 it cuts out. Null whenever elideAudioDelta would return
 * null, and for frames that are not pure ASCII (those take the string path).
 */
export function elideAudioDeltaBytes(frame: Buffer): string | null {
  if (frame.length < 256) return null;
  const key = frame.indexOf(DELTA_KEY);
  if (key < 0) return null;
  const start = key + DELTA_KEY.length;
  const end = frame.indexOf(0x22, start);
  if (end <= start || frame.indexOf(AUDIO_DELTA) < 0 || !isAscii(frame)) return null;
  const pad = frame[end - 1] === 61 ? (frame[end - 2] === 61 ? 2 : 1) : 0;
  const bytes = Math.floor(((end - start) * 3) / 4) - pad;
  return frame.toString('latin1', 0, key) + '"delta":"","audio_bytes":' + bytes + frame.toString('latin1', end + 1);
}

/** Shared parsing: JSON → event, with a per-dialect rename applied to known names. */
export function decodeWith(raw: string, rename: (e: RealtimeEvent) => RealtimeEvent): RealtimeEvent | UnknownEvent {
  const parsed = parseFrame(raw);
  if (parsed.type === '$unknown') return parsed;
  try {
    return rename(parsed as RealtimeEvent);
  } catch {
    return { type: '$unknown', raw: raw.slice(0, 2048), reason: 'event shape not understood' };
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Server-side session objects carry identity fields that are not configuration (`id`, `object`,
 * `expires_at`); the session mappers drop unknown fields, so encoders put these back.
 */
export function sessionMeta(session: Record<string, unknown>): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (const k of ['object', 'id', 'expires_at'] as const) if (session[k] !== undefined) meta[k] = session[k];
  return meta;
}
