/**
 * The metric and fact names a scenario may set expectations on: the snake_case names of CONTRACT.md.
 * This file is the one list the schema, the checks and the JSON Schema are built from.
 */

/** What kind of value a metric has, which decides the expectation syntax it accepts. */
export type MetricKind = 'number' | 'boolean';

/**
 * When a per-turn metric can have a value at all, so an expectation that can never hold is refused
 * at load time instead of failing after a run:
 * - `any`: every turn; `barge_in`: only in a barge-in turn; `tool`: only in a turn with `tool:`;
 * - `vad`: only with server VAD (not in manual mode, `turn_detection: null`).
 */
export type MetricScope = 'any' | 'barge_in' | 'tool' | 'vad';

export interface MetricInfo {
  kind: MetricKind;
  scope: MetricScope;
  /** One line, shown by editors from the JSON Schema. */
  description: string;
}

export const METRICS = {
  first_audio_ms: { kind: 'number', scope: 'any', description: "First response audio delta − the user's true end of speech (ms). The headline." },
  vad_stop_delay_ms: { kind: 'number', scope: 'vad', description: 'speech_stopped arrival − true end of speech (ms).' },
  vad_to_first_audio_ms: { kind: 'number', scope: 'any', description: 'First response audio delta − speech_stopped (or the client commit in manual mode) (ms).' },
  vad_start_error_ms: { kind: 'number', scope: 'vad', description: 'Detected speech onset − true onset, in the input-audio timeline (ms).' },
  vad_end_error_ms: { kind: 'number', scope: 'vad', description: 'Detected end of speech − true end, in the input-audio timeline (ms).' },
  false_turns: { kind: 'number', scope: 'vad', description: 'Detected speech that matches no true speech segment (count).' },
  missed_turns: { kind: 'number', scope: 'vad', description: 'True speech segments that no detection matched (count).' },
  response_audio_ms: { kind: 'number', scope: 'any', description: 'Duration of response audio received (ms).' },
  response_done_ms: { kind: 'number', scope: 'any', description: 'response.done − first audio delta (ms).' },
  barge_in_detect_ms: { kind: 'number', scope: 'barge_in', description: 'speech_started − wall time of the barge-in speech onset (ms).' },
  talk_over_ms: { kind: 'number', scope: 'barge_in', description: 'Assistant audio still played after the barge-in onset (ms).' },
  response_cancelled: { kind: 'boolean', scope: 'barge_in', description: 'The interrupted response ended with status cancelled.' },
  truncate_ok: { kind: 'boolean', scope: 'barge_in', description: 'The harness truncated the interrupted item to the audio played, and the server confirmed.' },
  tool_call_ms: { kind: 'number', scope: 'tool', description: "Function call arguments.done − the user's true end of speech (ms)." },
  tool_result_to_first_audio_ms: { kind: 'number', scope: 'tool', description: 'First audio of the follow-up response − sending function_call_output (ms).' },
  premature_stops: { kind: 'number', scope: 'vad', description: "speech_stopped events that came while the user's true speech still had more to come (count)." },
  cancelled_responses: { kind: 'number', scope: 'any', description: 'Responses of the turn cancelled or left incomplete before its answer (count).' },
  assistant_cut_in_ms: { kind: 'number', scope: 'any', description: "Assistant audio played while the user was still speaking in this turn (ms)." },
  playback_stalls: { kind: 'number', scope: 'any', description: "Times the real-time player ran dry between the answer's first audio and its end (count)." },
  playback_stall_ms: { kind: 'number', scope: 'any', description: 'Total time the real-time player ran dry during the answer (ms).' },
  audio_after_barge_in_ms: { kind: 'number', scope: 'barge_in', description: 'Response audio the server still sent after its speech_started for the barge-in (ms).' },
  connect_ms: { kind: 'number', scope: 'any', description: 'WebSocket handshake (ms).' },
  session_ready_ms: { kind: 'number', scope: 'any', description: 'Until session.updated (or session.created) (ms).' },
  input_tokens: { kind: 'number', scope: 'any', description: 'Input tokens, from response.done usage.' },
  output_tokens: { kind: 'number', scope: 'any', description: 'Output tokens, from response.done usage.' },
  cost_usd: { kind: 'number', scope: 'any', description: 'Cost in USD, priced by the per-model table.' },
} as const satisfies Record<string, MetricInfo>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** Per-turn facts: exact outcomes rather than measurements, so they take no aggregates. */
export const FACTS = {
  response: { scope: 'any', description: 'What the first response to this turn was: audio, text, function_call, or none.' },
  interrupted: { scope: 'barge_in', description: 'Whether this barge-in turn interrupted the previous response.' },
  transcript_contains: { scope: 'any', description: "The response's transcript contains this text (case-insensitive)." },
} as const satisfies Record<string, { scope: MetricScope; description: string }>;

export type FactName = keyof typeof FACTS;
export const FACT_NAMES = Object.keys(FACTS) as FactName[];

/** Values of the `response` fact. */
export const RESPONSE_KINDS = ['audio', 'text', 'function_call', 'none'] as const;

/** Aggregates over repeats (and over turns, at scenario level). `value` = each sample on its own. */
export const AGGREGATES = ['mean', 'p50', 'p90', 'p95', 'p99', 'min', 'max'] as const;
export type AggregateName = (typeof AGGREGATES)[number];

/** The scope of any expectation name, metric or fact. */
export function scopeOf(name: string): MetricScope | undefined {
  if (name in METRICS) return METRICS[name as MetricName].scope;
  if (name in FACTS) return FACTS[name as FactName].scope;
  return undefined;
}
