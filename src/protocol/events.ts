import type { SessionConfig } from './session.js';

/**
 * Normalized realtime events. Event names are the GA names; session payloads are the neutral
 * {@link SessionConfig}; item content types are GA (`output_audio`, `output_text`). The beta codec
 * translates both ways. Only fields rtbench reads are typed; every event keeps its other fields.
 */
export interface RealtimeEvent {
  type: string;
  event_id?: string;
  [field: string]: unknown;
}

/** A frame that was not valid JSON or had no string `type`: kept raw so it lands in the trace. */
export interface UnknownEvent {
  type: '$unknown';
  raw: string;
  reason: string;
}

export interface SessionEvent extends RealtimeEvent {
  type: 'session.created' | 'session.updated';
  session: SessionConfig & { id?: string; object?: string };
}

export interface SessionUpdate extends RealtimeEvent {
  type: 'session.update';
  session: SessionConfig;
}

export interface SpeechStarted extends RealtimeEvent {
  type: 'input_audio_buffer.speech_started';
  audio_start_ms: number;
  item_id: string;
}

export interface SpeechStopped extends RealtimeEvent {
  type: 'input_audio_buffer.speech_stopped';
  audio_end_ms: number;
  item_id: string;
}

export interface AudioDelta extends RealtimeEvent {
  type: 'response.output_audio.delta';
  response_id: string;
  item_id: string;
  output_index: number;
  content_index: number;
  delta: string;
}

export interface ResponseUsage {
  total_tokens?: number;
  input_tokens?: number;
  output_tokens?: number;
  input_token_details?: { text_tokens?: number; audio_tokens?: number; cached_tokens?: number };
  output_token_details?: { text_tokens?: number; audio_tokens?: number };
}

export type ResponseStatus = 'completed' | 'cancelled' | 'failed' | 'incomplete' | 'in_progress';

export interface ResponseObject {
  id: string;
  object?: 'realtime.response';
  status: ResponseStatus;
  status_details?: { type?: string; reason?: string; error?: { type?: string; code?: string; message?: string } } | null;
  output?: ConversationItem[];
  usage?: ResponseUsage | null;
  [field: string]: unknown;
}

export interface ResponseDone extends RealtimeEvent {
  type: 'response.done';
  response: ResponseObject;
}

export interface ErrorEvent extends RealtimeEvent {
  type: 'error';
  error: { type: string; code?: string | null; message: string; param?: string | null; event_id?: string | null };
}

export interface ContentPart {
  type: 'input_audio' | 'input_text' | 'output_audio' | 'output_text' | 'text' | 'audio' | string;
  text?: string;
  transcript?: string | null;
  audio?: string;
}

export interface ConversationItem {
  id?: string;
  object?: 'realtime.item';
  type: 'message' | 'function_call' | 'function_call_output' | string;
  status?: 'completed' | 'incomplete' | 'in_progress';
  role?: 'user' | 'assistant' | 'system';
  content?: ContentPart[];
  call_id?: string;
  name?: string;
  arguments?: string;
  output?: string;
}

export interface FunctionCallArgumentsDone extends RealtimeEvent {
  type: 'response.function_call_arguments.done';
  call_id: string;
  name?: string;
  arguments: string;
  item_id: string;
  response_id: string;
  output_index: number;
}

export function isUnknown(e: RealtimeEvent | UnknownEvent): e is UnknownEvent {
  return e.type === '$unknown';
}

/**
 * Parses one text frame. Never throws: a bad frame becomes an {@link UnknownEvent} so a strange
 * server is recorded in the trace instead of crashing a run.
 */
export function parseFrame(raw: string): RealtimeEvent | UnknownEvent {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    return { type: '$unknown', raw: raw.length > 2048 ? raw.slice(0, 2048) + '…' : raw, reason: 'invalid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { type: '$unknown', raw: raw.slice(0, 2048), reason: 'not a JSON object' };
  }
  if (typeof (value as { type?: unknown }).type !== 'string') {
    return { type: '$unknown', raw: raw.slice(0, 2048), reason: 'missing string "type"' };
  }
  return value as RealtimeEvent;
}
