import type { RealtimeEvent } from './events.js';
import type { SessionConfig } from './session.js';

/**
 * The server events the runner and the metrics act on, typed: a discriminated union over the
 * normalized (GA-named) events, with a raw fallback so that no frame is ever dropped — an odd or
 * unknown event becomes `{ kind: 'other' }` and keeps its payload.
 */
export type ServerEvent =
  | { kind: 'session'; type: 'session.created' | 'session.updated'; session: SessionConfig | null }
  | { kind: 'speech_started'; audioStartMs: number | null; itemId: string | null }
  | { kind: 'speech_stopped'; audioEndMs: number | null; itemId: string | null }
  | { kind: 'response_created'; responseId: string }
  | { kind: 'audio_delta'; responseId: string; itemId: string; bytes: number }
  | { kind: 'function_call_done'; responseId: string; callId: string; name: string; arguments: string }
  | { kind: 'response_done'; responseId: string; status: string | null; statusDetails: unknown }
  | { kind: 'truncated'; itemId: string; audioEndMs: number | null }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'rate_limits'; limits: Array<{ name: string; remaining: number | null; resetSeconds: number | null }> }
  | { kind: 'other'; type: string; raw: RealtimeEvent };

/**
 * Reads a normalized event into {@link ServerEvent}. Events missing the fields their kind needs
 * (a `response.done` without a response id…) fall back to `other`, never throw.
 * @param audioBytes decoded byte length of an audio delta (its payload may already be elided)
 */
export function readServerEvent(e: RealtimeEvent, audioBytes?: number): ServerEvent {
  const other: ServerEvent = { kind: 'other', type: e.type, raw: e };
  switch (e.type) {
    case 'session.created':
    case 'session.updated':
      return { kind: 'session', type: e.type, session: isObject(e.session) ? (e.session as SessionConfig) : null };
    case 'input_audio_buffer.speech_started':
      return { kind: 'speech_started', audioStartMs: num(e.audio_start_ms), itemId: str(e.item_id) };
    case 'input_audio_buffer.speech_stopped':
      return { kind: 'speech_stopped', audioEndMs: num(e.audio_end_ms), itemId: str(e.item_id) };
    case 'response.created': {
      const id = isObject(e.response) ? str(e.response.id) : null;
      return id ? { kind: 'response_created', responseId: id } : other;
    }
    case 'response.output_audio.delta': {
      const responseId = str(e.response_id);
      const itemId = str(e.item_id);
      if (!responseId || !itemId) return other;
      return { kind: 'audio_delta', responseId, itemId, bytes: audioBytes ?? num(e.audio_bytes) ?? 0 };
    }
    case 'response.function_call_arguments.done': {
      const responseId = str(e.response_id);
      const callId = str(e.call_id);
      if (!responseId || !callId) return other;
      return { kind: 'function_call_done', responseId, callId, name: str(e.name) ?? '', arguments: str(e.arguments) ?? '' };
    }
    case 'response.done': {
      const r = isObject(e.response) ? e.response : null;
      const id = r ? str(r.id) : null;
      if (!r || !id) return other;
      return { kind: 'response_done', responseId: id, status: str(r.status), statusDetails: r.status_details };
    }
    case 'conversation.item.truncated': {
      const itemId = str(e.item_id);
      return itemId ? { kind: 'truncated', itemId, audioEndMs: num(e.audio_end_ms) } : other;
    }
    case 'error': {
      const err = isObject(e.error) ? e.error : {};
      return { kind: 'error', code: String(err.code ?? ''), message: String(err.message ?? '') };
    }
    case 'rate_limits.updated': {
      if (!Array.isArray(e.rate_limits)) return other;
      const limits = (e.rate_limits as unknown[])
        .filter(isObject)
        .map((l) => ({ name: String(l.name ?? ''), remaining: num(l.remaining), resetSeconds: num(l.reset_seconds) }));
      return { kind: 'rate_limits', limits };
    }
    default:
      return other;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
