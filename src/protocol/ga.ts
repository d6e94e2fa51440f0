import { appendFrame, decodeWith, elideAudioDelta, isRecord, sessionMeta, type Codec } from './codec.js';
import type { RealtimeEvent } from './events.js';
import type { AudioFormat, SessionConfig } from './session.js';

/** GA wire format objects: `{type: 'audio/pcm', rate: 24000}`, `{type: 'audio/pcmu'}`, `{type: 'audio/pcma'}`. */
export function gaFormat(f: AudioFormat): Record<string, unknown> {
  if (f === 'pcm16') return { type: 'audio/pcm', rate: 24000 };
  return { type: f === 'g711_ulaw' ? 'audio/pcmu' : 'audio/pcma' };
}

export function formatFromGa(v: unknown): AudioFormat | undefined {
  const t = isRecord(v) ? v.type : v;
  if (t === 'audio/pcm' || t === 'pcm16') return 'pcm16';
  if (t === 'audio/pcmu' || t === 'g711_ulaw') return 'g711_ulaw';
  if (t === 'audio/pcma' || t === 'g711_alaw') return 'g711_alaw';
  return undefined;
}

function sessionToWire(s: SessionConfig): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const output: Record<string, unknown> = {};
  if (s.input_audio_format) input.format = gaFormat(s.input_audio_format);
  if (s.input_audio_noise_reduction !== undefined) input.noise_reduction = s.input_audio_noise_reduction;
  if (s.input_audio_transcription !== undefined) input.transcription = s.input_audio_transcription;
  if (s.turn_detection !== undefined) input.turn_detection = s.turn_detection;
  if (s.output_audio_format) output.format = gaFormat(s.output_audio_format);
  if (s.voice !== undefined) output.voice = s.voice;
  if (s.speed !== undefined) output.speed = s.speed;
  if (s.type === 'transcription') {
    // A transcription session has only input audio settings (and `include`): no model, no output.
    const wire: Record<string, unknown> = { type: 'transcription' };
    if (Object.keys(input).length) wire.audio = { input };
    return wire;
  }
  const wire: Record<string, unknown> = { type: 'realtime' };
  if (s.model !== undefined) wire.model = s.model;
  if (s.instructions !== undefined) wire.instructions = s.instructions;
  if (s.output_modalities) wire.output_modalities = s.output_modalities;
  if (Object.keys(input).length || Object.keys(output).length) {
    wire.audio = {
      ...(Object.keys(input).length ? { input } : {}),
      ...(Object.keys(output).length ? { output } : {}),
    };
  }
  if (s.tools !== undefined) wire.tools = s.tools;
  if (s.tool_choice !== undefined) wire.tool_choice = s.tool_choice;
  if (s.max_output_tokens !== undefined) wire.max_output_tokens = s.max_output_tokens;
  if (s.tracing !== undefined) wire.tracing = s.tracing;
  if (s.truncation !== undefined) wire.truncation = s.truncation;
  return wire;
}

function sessionFromWire(w: Record<string, unknown>): SessionConfig {
  const s: SessionConfig = {};
  // `realtime` is the default and stays implicit, so a realtime session round-trips unchanged.
  if (w.type === 'transcription') s.type = 'transcription';
  const audio = isRecord(w.audio) ? w.audio : {};
  const input = isRecord(audio.input) ? audio.input : {};
  const output = isRecord(audio.output) ? audio.output : {};
  if (typeof w.model === 'string') s.model = w.model;
  if (typeof w.instructions === 'string') s.instructions = w.instructions;
  if (Array.isArray(w.output_modalities)) s.output_modalities = w.output_modalities as SessionConfig['output_modalities'];
  const inFmt = formatFromGa(input.format);
  if (inFmt) s.input_audio_format = inFmt;
  const outFmt = formatFromGa(output.format);
  if (outFmt) s.output_audio_format = outFmt;
  if ('noise_reduction' in input) s.input_audio_noise_reduction = input.noise_reduction as SessionConfig['input_audio_noise_reduction'];
  if ('transcription' in input) s.input_audio_transcription = input.transcription as SessionConfig['input_audio_transcription'];
  if ('turn_detection' in input) s.turn_detection = input.turn_detection as SessionConfig['turn_detection'];
  if (typeof output.voice === 'string') s.voice = output.voice;
  if (typeof output.speed === 'number') s.speed = output.speed;
  if (Array.isArray(w.tools)) s.tools = w.tools as SessionConfig['tools'];
  if (w.tool_choice !== undefined) s.tool_choice = w.tool_choice as SessionConfig['tool_choice'];
  if (w.max_output_tokens !== undefined) s.max_output_tokens = w.max_output_tokens as SessionConfig['max_output_tokens'];
  if (w.tracing !== undefined) s.tracing = w.tracing;
  if (w.truncation !== undefined) s.truncation = w.truncation;
  return s;
}

function withSession(e: RealtimeEvent, map: (s: Record<string, unknown>) => unknown): RealtimeEvent {
  if ((e.type === 'session.update' || e.type === 'session.created' || e.type === 'session.updated') && isRecord(e.session)) {
    return { ...e, session: map(e.session) };
  }
  return e;
}

/** GA response.create config: `output_modalities`, `audio.output.{format,voice}`. */
function responseToWire(e: RealtimeEvent): RealtimeEvent {
  if (e.type !== 'response.create' || !isRecord(e.response)) return e;
  const { output_audio_format, voice, temperature: _t, ...rest } = e.response as Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  if (output_audio_format || voice) {
    out.audio = {
      output: {
        ...(output_audio_format ? { format: gaFormat(output_audio_format as AudioFormat) } : {}),
        ...(voice ? { voice } : {}),
      },
    };
  }
  return { ...e, response: out };
}

/** GA response.create config back to the neutral flat form the mock reads. */
function responseFromWire(e: RealtimeEvent): RealtimeEvent {
  if (e.type !== 'response.create' || !isRecord(e.response)) return e;
  const { audio, ...rest } = e.response as Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  const output = isRecord(audio) && isRecord(audio.output) ? audio.output : undefined;
  if (output) {
    const fmt = formatFromGa(output.format);
    if (fmt) out.output_audio_format = fmt;
    if (typeof output.voice === 'string') out.voice = output.voice;
  }
  return { ...e, response: out };
}

/**
 * Server `response.created`/`response.done`: a neutral response object carries the flat
 * `output_audio_format`/`voice` (as a neutral `response.create` does); GA nests them under
 * `audio.output`. Objects already in GA shape pass unchanged.
 */
function responseObjectToWire(e: RealtimeEvent): RealtimeEvent {
  if ((e.type !== 'response.created' && e.type !== 'response.done') || !isRecord(e.response)) return e;
  const { output_audio_format, voice, ...rest } = e.response as Record<string, unknown>;
  if (output_audio_format === undefined && voice === undefined) return e;
  const out: Record<string, unknown> = { ...rest };
  out.audio = {
    output: {
      ...(output_audio_format ? { format: gaFormat(output_audio_format as AudioFormat) } : {}),
      ...(voice !== undefined ? { voice } : {}),
    },
  };
  return { ...e, response: out };
}

export const gaCodec: Codec = {
  dialect: 'ga',
  encodeClient(event) {
    return JSON.stringify(responseToWire(withSession(event, (s) => sessionToWire(s as SessionConfig))));
  },
  appendFrame,
  decodeServer(raw, opts) {
    return decodeWith((opts?.elideAudio && elideAudioDelta(raw)) || raw, (e) => withSession(e, sessionFromWire));
  },
  decodeClient(raw) {
    return decodeWith(raw, (e) => responseFromWire(withSession(e, sessionFromWire)));
  },
  encodeServer(event) {
    return JSON.stringify(responseObjectToWire(withSession(event, (s) => ({ ...sessionMeta(s), ...sessionToWire(s as SessionConfig) }))));
  },
  sessionToWire,
  sessionFromWire,
};
