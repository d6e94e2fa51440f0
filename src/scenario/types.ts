import type { Dialect } from '../protocol/codec.js';
import type { SessionConfig } from '../protocol/session.js';

/**
 * The runner's input: a fully expanded, validated plan. The scenario module produces it from YAML
 * (or the CLI's `--audio` quick mode builds one directly); the runner never sees YAML.
 */
export interface Plan {
  sessions: SessionPlan[];
  /** What validation noticed but does not refuse (e.g. a fixture annotated on the fly), `file:line:col` located. */
  warnings?: Array<{ file: string; line: number; col: number; message: string }>;
}

/** The wire a session uses (`--transport`, scenario `transport:`, or the `transport` matrix axis). */
export type TransportKind = 'ws' | 'webrtc';

/** How a user turn is placed in time. */
export type TurnStart =
  /** The default: after the previous answer has been heard (played out by the client's player), plus `gap_ms` (default 500 ms). */
  | { after: 'played_out'; gap_ms: number }
  /** Opt-in (`start: after_response_done`): after the previous response.done, plus `gap_ms`, even while its audio still plays. */
  | { after: 'response_done'; gap_ms: number }
  /** Barge-in: `offset_ms` after the first audio delta of the previous response arrived. */
  | { after: 'first_audio'; offset_ms: number }
  /** Barge-in: once `played_ms` of the previous response's audio has been played in real time. */
  | { after: 'played'; played_ms: number }
  /** Right away (the first turn). */
  | { after: 'start'; gap_ms: number };

export interface NoiseSpec {
  /** Absolute path of a noise WAV, or a generated noise colour. */
  source: string | 'white' | 'pink';
  snr_db: number;
}

export interface ToolSpec {
  /** The function the model is expected to call. */
  name: string;
  /** Expected arguments (subset match), if any. */
  arguments?: Record<string, unknown>;
  /** What the runner returns as `function_call_output` (JSON-stringified). */
  output: unknown;
}

/** Comparison in an expectation, e.g. `"< 1200"`, `">= 0"`, `"== 0"`. */
export interface Comparison {
  op: '<' | '<=' | '>' | '>=' | '==' | '!=';
  value: number;
}

export interface Expectation {
  /** Where it was written, for messages: `file:line:col`. */
  where: string;
  /** Turn index, or undefined for a scenario-level expectation. */
  turn?: number;
  /** `first_audio_ms`, `response`, `interrupted`, `transcript_contains`, … */
  metric: string;
  /** For numeric metrics: aggregate over repeats (`value` = per sample). */
  aggregate: 'value' | 'mean' | 'p50' | 'p90' | 'p95' | 'p99' | 'max' | 'min';
  /** Numeric comparison, or an exact expected value (boolean / string). */
  compare?: Comparison;
  equals?: string | number | boolean;
  /** For `transcript_contains` and `input_transcript_contains`. */
  contains?: string;
}

export interface TurnPlan {
  index: number;
  name?: string;
  /** Absolute path of the fixture WAV. */
  audio: string;
  leading_silence_ms: number;
  trailing_silence_ms: number;
  noise?: NoiseSpec;
  start: TurnStart;
  /** When the model should call a tool in this turn. */
  tool?: ToolSpec;
  /** Mock-only: what the mock's input transcription should say for this turn. */
  transcript?: string;
  /** A `say:` turn: the text and voice it was synthesized from (`audio` is the synthesized WAV). */
  say?: { text: string; voice: string; rate?: number };
}

/** Directives for the bundled mock only (sent as the `x-rtbench-mock` header / in-process). */
export interface MockDirectives {
  profile?: string;
  /** A mock profile file (absolute path), see `rtbench calibrate`. */
  profile_file?: string;
  /** Seed for this session's mock randomness (so latency draws do not depend on connection order). */
  seed?: number;
  first_audio_ms?: number;
  jitter_ms?: number;
  /** Per user turn: the input transcript the mock reports. */
  transcripts?: string[];
  /** Per user turn (index): a tool call the mock makes instead of answering with audio. */
  tool_calls?: Array<{ turn: number; name: string; arguments: Record<string, unknown> }>;
  /** Length of the assistant's audio answer (the answer clip is looped when longer; at most 600 000). */
  response_audio_ms?: number;
  /** Output streaming speed, × real time (overrides the profile; < 1 makes the player stall). */
  stream_rate?: number;
  /** Onset of speech → `speech_started`, ms (overrides the profile's speech-onset detection delay). */
  speech_started_delay_ms?: number;
  faults?: Array<Record<string, unknown>>;
}

export interface SessionPlan {
  /** Unique within the plan: `<scenario>#<cell>#r<repeat>`. */
  id: string;
  scenario: string;
  /** The scenario file, absolute path. */
  file?: string;
  /** `mock`, `openai`, `azure` or a ws(s) URL — resolved to a connection by the runner. */
  target: string;
  model: string;
  dialect?: Dialect;
  /** How the session travels: `ws` (default) or `webrtc` (Opus media + the `oai-events` channel). */
  transport?: TransportKind;
  /** The link the session crosses: a profile name or a normalised spec (`--network`); absent or `none`: no impairment. */
  network?: string;
  /** The matrix cell's settings (axis name → value), for grouping in reports. */
  settings: Record<string, string | number | boolean | null>;
  repeat: number;
  session: SessionConfig;
  turns: TurnPlan[];
  expectations: Expectation[];
  mock?: MockDirectives;
  /** Seed for anything random in this session (noise, mock jitter). */
  seed: number;
  /** Input chunk size (default 20 ms). */
  chunk_ms: number;
}
