import { base64ByteLength } from '../metrics/playback.js';
import type { RealtimeEvent } from '../protocol/events.js';
import type { SessionConfig } from '../protocol/session.js';

/** The session.update payload: the plan's settings without the model (it is chosen by the URL). */
export function sessionForUpdate(s: SessionConfig): SessionConfig {
  const { model: _model, ...rest } = s;
  return rest;
}

/** Replaces audio payloads by their byte length, so traces stay small. */
export function elideAudio(e: RealtimeEvent): Record<string, unknown> {
  if (e.type === 'response.output_audio.delta' && typeof e.delta === 'string') {
    // audible_sample (the transport's note of where the first sound is) is kept out of the trace.
    const { delta, type: _t, audible_sample: _a, ...rest } = e;
    return typeof e.audio_bytes === 'number' ? rest : { ...rest, audio_bytes: base64ByteLength(delta) };
  }
  const { type: _t, ...rest } = e;
  return rest;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `server_error: The server had an error…` from a failed response's `status_details`. */
export function failureOf(details: unknown): string {
  const err = isObject(details) && isObject(details.error) ? details.error : undefined;
  if (!err) return 'no details';
  const code = typeof err.code === 'string' && err.code ? err.code : typeof err.type === 'string' ? err.type : 'error';
  return typeof err.message === 'string' && err.message ? `${code}: ${err.message}` : code;
}

export function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
