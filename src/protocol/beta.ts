import { appendFrame, decodeWith, elideAudioDelta, isRecord, sessionMeta, type Codec } from './codec.js';
import type { ConversationItem, RealtimeEvent } from './events.js';
import { AUDIO_FORMATS, type AudioFormat, type SessionConfig } from './session.js';

/** Server event names that differ: normalized (GA) → beta. */
const GA_TO_BETA: Record<string, string> = {
  'response.output_audio.delta': 'response.audio.delta',
  'response.output_audio.done': 'response.audio.done',
  'response.output_audio_transcript.delta': 'response.audio_transcript.delta',
  'response.output_audio_transcript.done': 'response.audio_transcript.done',
  'response.output_text.delta': 'response.text.delta',
  'response.output_text.done': 'response.text.done',
  'conversation.item.added': 'conversation.item.created',
};
const BETA_TO_GA: Record<string, string> = Object.fromEntries(Object.entries(GA_TO_BETA).map(([g, b]) => [b, g]));

/** GA-only server events a beta client never sees. */
const GA_ONLY = new Set(['conversation.item.done', 'input_audio_buffer.timeout_triggered']);

const PART_TO_BETA: Record<string, string> = { output_audio: 'audio', output_text: 'text' };
const PART_FROM_BETA: Record<string, string> = { audio: 'output_audio', text: 'output_text' };

function asFormat(v: unknown): AudioFormat | undefined {
  return typeof v === 'string' && (AUDIO_FORMATS as readonly string[]).includes(v) ? (v as AudioFormat) : undefined;
}

function sessionToWire(s: SessionConfig): Record<string, unknown> {
  const w: Record<string, unknown> = {};
  if (s.model !== undefined) w.model = s.model;
  if (s.instructions !== undefined) w.instructions = s.instructions;
  if (s.output_modalities) w.modalities = s.output_modalities.includes('audio') ? ['text', 'audio'] : ['text'];
  if (s.voice !== undefined) w.voice = s.voice;
  if (s.input_audio_format) w.input_audio_format = s.input_audio_format;
  if (s.output_audio_format) w.output_audio_format = s.output_audio_format;
  if (s.input_audio_transcription !== undefined) w.input_audio_transcription = s.input_audio_transcription;
  if (s.input_audio_noise_reduction !== undefined) w.input_audio_noise_reduction = s.input_audio_noise_reduction;
  if (s.turn_detection !== undefined) w.turn_detection = s.turn_detection;
  if (s.tools !== undefined) w.tools = s.tools;
  if (s.tool_choice !== undefined) w.tool_choice = s.tool_choice;
  if (s.temperature !== undefined) w.temperature = s.temperature;
  if (s.max_output_tokens !== undefined) w.max_response_output_tokens = s.max_output_tokens;
  if (s.speed !== undefined) w.speed = s.speed;
  if (s.tracing !== undefined) w.tracing = s.tracing;
  return w;
}

function sessionFromWire(w: Record<string, unknown>): SessionConfig {
  const s: SessionConfig = {};
  if (typeof w.model === 'string') s.model = w.model;
  if (typeof w.instructions === 'string') s.instructions = w.instructions;
  if (Array.isArray(w.modalities)) s.output_modalities = w.modalities.includes('audio') ? ['audio'] : ['text'];
  if (typeof w.voice === 'string') s.voice = w.voice;
  const inFmt = asFormat(w.input_audio_format);
  if (inFmt) s.input_audio_format = inFmt;
  const outFmt = asFormat(w.output_audio_format);
  if (outFmt) s.output_audio_format = outFmt;
  if ('input_audio_transcription' in w) s.input_audio_transcription = w.input_audio_transcription as SessionConfig['input_audio_transcription'];
  if ('input_audio_noise_reduction' in w) s.input_audio_noise_reduction = w.input_audio_noise_reduction as SessionConfig['input_audio_noise_reduction'];
  if ('turn_detection' in w) s.turn_detection = w.turn_detection as SessionConfig['turn_detection'];
  if (Array.isArray(w.tools)) s.tools = w.tools as SessionConfig['tools'];
  if (w.tool_choice !== undefined) s.tool_choice = w.tool_choice as SessionConfig['tool_choice'];
  if (typeof w.temperature === 'number') s.temperature = w.temperature;
  if (w.max_response_output_tokens !== undefined) s.max_output_tokens = w.max_response_output_tokens as SessionConfig['max_output_tokens'];
  if (typeof w.speed === 'number') s.speed = w.speed;
  if (w.tracing !== undefined) s.tracing = w.tracing;
  return s;
}

function mapItem(item: unknown, parts: Record<string, string>): unknown {
  if (!isRecord(item) || !Array.isArray(item.content)) return item;
  return {
    ...item,
    content: (item.content as unknown[]).map((p) => (isRecord(p) && typeof p.type === 'string' && parts[p.type] ? { ...p, type: parts[p.type] } : p)),
  } satisfies Record<string, unknown> as ConversationItem;
}

/** Renames event type, session shape and item content part types in one direction. */
function translate(
  e: RealtimeEvent,
  names: Record<string, string>,
  session: (s: Record<string, unknown>) => unknown,
  parts: Record<string, string>,
): RealtimeEvent {
  const out: RealtimeEvent = { ...e, type: names[e.type] ?? e.type };
  if (isRecord(out.session) && (e.type === 'session.update' || e.type === 'session.created' || e.type === 'session.updated')) {
    out.session = session(out.session);
  }
  if (isRecord(out.item)) out.item = mapItem(out.item, parts);
  if (isRecord(out.part) && typeof out.part.type === 'string' && parts[out.part.type]) out.part = { ...out.part, type: parts[out.part.type] };
  if (isRecord(out.response) && Array.isArray(out.response.output)) {
    out.response = { ...out.response, output: out.response.output.map((i) => mapItem(i, parts)) };
  }
  return out;
}

/** Beta response.create config: flat `modalities`, `voice`, `output_audio_format`. */
function responseToWire(e: RealtimeEvent): RealtimeEvent {
  if (e.type !== 'response.create' || !isRecord(e.response)) return e;
  const { output_modalities, ...rest } = e.response as Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  if (Array.isArray(output_modalities)) out.modalities = output_modalities.includes('audio') ? ['text', 'audio'] : ['text'];
  return { ...e, response: out };
}

function responseFromWire(e: RealtimeEvent): RealtimeEvent {
  if (e.type !== 'response.create' || !isRecord(e.response)) return e;
  const { modalities, ...rest } = e.response as Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  if (Array.isArray(modalities)) out.output_modalities = modalities.includes('audio') ? ['audio'] : ['text'];
  return { ...e, response: out };
}

/** Server `response.created`/`response.done`: neutral `output_modalities` → beta `modalities`. */
function responseObjectToWire(e: RealtimeEvent): RealtimeEvent {
  if ((e.type !== 'response.created' && e.type !== 'response.done') || !isRecord(e.response)) return e;
  const { output_modalities, ...rest } = e.response as Record<string, unknown>;
  if (!Array.isArray(output_modalities)) return e;
  return { ...e, response: { ...rest, modalities: output_modalities.includes('audio') ? ['text', 'audio'] : ['text'] } };
}

/** The beta dialect (`OpenAI-Beta: realtime=v1`): old event names, flat session config. */
export const betaCodec: Codec = {
  dialect: 'beta',
  encodeClient(event) {
    return JSON.stringify(responseToWire(translate(event, {}, (s) => sessionToWire(s as SessionConfig), PART_TO_BETA)));
  },
  appendFrame,
  decodeServer(raw, opts) {
    return decodeWith((opts?.elideAudio && elideAudioDelta(raw)) || raw, (e) => translate(e, BETA_TO_GA, sessionFromWire, PART_FROM_BETA));
  },
  decodeClient(raw) {
    return decodeWith(raw, (e) => responseFromWire(translate(e, {}, sessionFromWire, PART_FROM_BETA)));
  },
  encodeServer(event) {
    if (GA_ONLY.has(event.type)) return null;
    const wire = translate(event, GA_TO_BETA, (s) => ({ ...sessionMeta(s), ...sessionToWire(s as SessionConfig) }), PART_TO_BETA);
    return JSON.stringify(responseObjectToWire(wire));
  },
  sessionToWire,
  sessionFromWire,
};
