/**
 * The dialect-neutral session configuration. Field names follow the protocol's snake_case so a
 * scenario's `session:` block reads like the wire, but the shape is flat; the GA and beta codecs map
 * it to `session.audio.input.format` (GA) or `input_audio_format` (beta) and back.
 */
export type AudioFormat = 'pcm16' | 'g711_ulaw' | 'g711_alaw';

export const AUDIO_FORMATS: readonly AudioFormat[] = ['pcm16', 'g711_ulaw', 'g711_alaw'];

export interface ServerVad {
  type: 'server_vad';
  threshold?: number;
  prefix_padding_ms?: number;
  silence_duration_ms?: number;
  create_response?: boolean;
  interrupt_response?: boolean;
  idle_timeout_ms?: number | null;
}

export interface SemanticVad {
  type: 'semantic_vad';
  eagerness?: 'low' | 'medium' | 'high' | 'auto';
  create_response?: boolean;
  interrupt_response?: boolean;
}

/** `null` means no server VAD: the client commits and asks for a response itself. */
export type TurnDetection = ServerVad | SemanticVad | null;

export interface FunctionTool {
  type: 'function';
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; name: string };

/** Input transcription settings (GA `audio.input.transcription`; beta `input_audio_transcription`). */
export interface TranscriptionConfig {
  model: string;
  language?: string;
  prompt?: string;
  /** Words or phrases to guide transcription (gpt-transcribe, gpt-live-transcribe). */
  keywords?: string[];
  /** Possible languages, ISO-639-1 (gpt-transcribe, gpt-live-transcribe). */
  languages?: string[];
  /** How long the model waits before emitting text (gpt-realtime-whisper). */
  delay?: 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
}

/** Input noise reduction; `strength` defaults to 1 when first enabled and is kept when an update omits it. */
export interface NoiseReductionConfig {
  type: 'near_field' | 'far_field';
  strength?: number;
}

export interface SessionConfig {
  /**
   * GA session type: `realtime` (a model answers) or `transcription` (input is transcribed, no
   * responses). Absent means `realtime`; beta has no such field.
   */
  type?: 'realtime' | 'transcription';
  model?: string;
  instructions?: string;
  voice?: string;
  /** `['audio']` (audio with transcript) or `['text']`. */
  output_modalities?: Array<'audio' | 'text'>;
  input_audio_format?: AudioFormat;
  output_audio_format?: AudioFormat;
  input_audio_transcription?: TranscriptionConfig | null;
  input_audio_noise_reduction?: NoiseReductionConfig | null;
  turn_detection?: TurnDetection;
  tools?: FunctionTool[];
  tool_choice?: ToolChoice;
  /** beta only; GA has no temperature and the GA codec drops it. */
  temperature?: number;
  max_output_tokens?: number | 'inf';
  speed?: number;
  tracing?: unknown;
  truncation?: unknown;
}

/** Sample rate of an audio format on the wire. */
export function sampleRateOf(format: AudioFormat): number {
  return format === 'pcm16' ? 24000 : 8000;
}

/** Bytes of wire audio per millisecond: PCM16 24 kHz = 48, G.711 8 kHz = 8. */
export function bytesPerMsOf(format: AudioFormat): number {
  return format === 'pcm16' ? 48 : 8;
}

/** Server VAD defaults as documented for the service. */
export const SERVER_VAD_DEFAULTS = {
  threshold: 0.5,
  prefix_padding_ms: 300,
  silence_duration_ms: 500,
  create_response: true,
  interrupt_response: true,
  idle_timeout_ms: null,
} as const;

/** Fills documented defaults into a turn-detection setting (what a server echoes back). */
export function withVadDefaults(td: TurnDetection | undefined): TurnDetection {
  if (td === undefined) return { type: 'server_vad', ...SERVER_VAD_DEFAULTS };
  if (td === null) return null;
  if (td.type === 'server_vad') return { ...SERVER_VAD_DEFAULTS, ...stripUndefined(td) };
  return { eagerness: 'auto', create_response: true, interrupt_response: true, ...stripUndefined(td) };
}

function stripUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
