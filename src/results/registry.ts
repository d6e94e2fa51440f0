/**
 * The one registry of per-turn metrics and facts (docs/metrics.md). Everything that names a
 * metric reads it from here: scenario expectations and their JSON Schema, `--threshold`, `--axis`,
 * the vitest matchers, every report (titles, units, glossary) and docs/metrics.md (checked by test).
 */

/** What a metric's value is measured in. */
export type MetricUnit = 'ms' | 'count' | 'bool' | 'usd' | 'tokens';

/**
 * Which way is better: `lower` (latencies, counts, cost), `higher` (successes), `zero` (signed
 * errors: closer to 0), or `neither` (a description, e.g. how long the answer was).
 */
export type BetterDirection = 'lower' | 'higher' | 'zero' | 'neither';

/**
 * Which turns a metric can have a value in; elsewhere it is `null`, never 0:
 * - `any`: every turn; `vad`: turns with server VAD (not manual mode, `turn_detection: null`);
 * - `barge_in`: barge-in turns; `tool`: turns with `tool:`.
 */
export type MetricScope = 'any' | 'vad' | 'barge_in' | 'tool';

/** What kind of value a metric has, which decides the expectation syntax it accepts. */
export type MetricKind = 'number' | 'boolean';

export interface MetricInfo {
  /** Heading in reports. */
  title: string;
  unit: MetricUnit;
  better: BetterDirection;
  scope: MetricScope;
  /** One sentence: what is measured, from which event to which. */
  definition: string;
  /**
   * Whether the metric means the same over WebSocket and WebRTC (measured at the same point, e.g.
   * the client's player), so a transport comparison may put the two side by side. False where the
   * transports deliver different things (WebSocket: the first delta and the bytes received; WebRTC:
   * the decoded track from its first sound), or where set-up differs.
   */
  crossTransport: boolean;
  /**
   * The HTML report's chart group: `latency` metrics are drawn as distributions (box plots after the
   * first-audio CDF); absent, the metric is tabled, not charted. `ms()` defaults it to `latency`.
   */
  chart?: 'latency';
}

/** Same on both transports (the default), or not: {@link MetricInfo.crossTransport}. */
type Across = 'same' | 'differs';

const ms = (
  title: string,
  scope: MetricScope,
  definition: string,
  better: BetterDirection = 'lower',
  across: Across = 'same',
  chart: MetricInfo['chart'] | null = 'latency',
): MetricInfo => ({ title, unit: 'ms', better, scope, definition, crossTransport: across === 'same', ...(chart ? { chart } : {}) });
const count = (title: string, scope: MetricScope, definition: string, across: Across = 'same'): MetricInfo => ({
  title,
  unit: 'count',
  better: 'lower',
  scope,
  definition,
  crossTransport: across === 'same',
});
const bool = (title: string, scope: MetricScope, definition: string, better: BetterDirection): MetricInfo => ({
  title,
  unit: 'bool',
  better,
  scope,
  definition,
  crossTransport: true,
});

/** Every per-turn metric, in report order. Names are the snake_case names docs/metrics.md defines. */
export const METRICS = {
  first_audio_ms: ms(
    'First audio',
    'any',
    "Arrival of the first response audio delta − wall time of the user's true end of speech. What a caller feels, before playback buffering. Over WebRTC the first delta is the first sound of the received track, so compare transports with first_audible_ms.",
    'lower',
    'differs',
  ),
  first_audible_ms: ms(
    'First audible',
    'any',
    "The answer's first audible sample (peak ≥ 64 of 32767, −54 dBFS) as played by the client's real-time player − wall time of the user's true end of speech. Measured at the player on both transports: the column a transport comparison puts side by side.",
  ),
  vad_stop_delay_ms: ms('VAD stop delay', 'vad', 'Arrival of speech_stopped − wall time of the true end of speech.'),
  vad_to_first_audio_ms: ms(
    'VAD stop → first audio',
    'any',
    "Arrival of the first response audio delta − arrival of speech_stopped (or the client's own commit in manual mode).",
    'lower',
    'differs',
  ),
  vad_to_first_audible_ms: ms(
    'VAD stop → first audible',
    'any',
    "The answer's first audible sample as played by the client's player − arrival of speech_stopped (or the client's own commit in manual mode).",
  ),
  vad_start_error_ms: ms(
    'VAD start error',
    'vad',
    '(speech_started.audio_start_ms + prefix_padding_ms) − true speech onset, in the input-audio timeline.',
    'zero',
  ),
  vad_end_error_ms: ms(
    'VAD end error',
    'vad',
    '(speech_stopped.audio_end_ms − silence_duration_ms) − true end of speech, in the input-audio timeline.',
    'zero',
  ),
  false_turns: count('False turns', 'vad', 'Detected speech that matches no true speech segment.'),
  missed_turns: count('Missed turns', 'vad', 'True speech segments that no detection matched.'),
  premature_stops: count('Premature stops', 'vad', "speech_stopped events of the turn that came while the user's true speech had more to come."),
  response_audio_ms: ms(
    'Response audio length',
    'any',
    'Duration of response audio received (bytes ÷ bytes per ms of the output format; over WebRTC, the received track from its first sound until the buffer stopped).',
    'neither',
    'differs',
    null,
  ),
  heard_audio_ms: ms(
    'Heard audio',
    'any',
    "Answer audio actually played by the client's real-time player before it ended, was stopped (barge-in, truncate) or the session closed; equals response_audio_ms when the answer was heard whole.",
    'neither',
    'differs',
    null,
  ),
  user_overlap_ms: ms(
    'User over assistant',
    'any',
    "The user's true speech in this turn while assistant audio of an earlier turn's answer was still playing in the client's player (0 when the user waited for it to end).",
  ),
  unplanned_overlap: bool(
    'Unplanned overlap',
    'any',
    'A turn without barge_in whose speech overlapped assistant audio still playing (user_overlap_ms > 0): the turn measured a barge-in it did not ask for.',
    'lower',
  ),
  response_done_ms: ms('First audio → response.done', 'any', 'Arrival of response.done − arrival of the first audio delta.', 'lower', 'differs'),
  cancelled_responses: count('Cancelled responses', 'any', 'Responses of the turn cancelled or left incomplete before the answer.'),
  assistant_cut_in_ms: ms('Assistant cut-in', 'any', 'Assistant audio played while the user was still speaking in this turn.'),
  playback_stalls: count('Playback stalls', 'any', "Times the simulated real-time player ran dry between the answer's first audio and its end.", 'differs'),
  playback_stall_ms: ms(
    'Playback stall time',
    'any',
    "Time the simulated real-time player ran dry between the answer's first audio and its end.",
    'lower',
    'differs',
  ),
  barge_in_detect_ms: ms('Barge-in detection', 'barge_in', 'In a barge-in turn: arrival of speech_started − wall time of the barge-in speech onset.'),
  talk_over_ms: ms(
    'Talk-over',
    'barge_in',
    'Assistant audio a real-time player would still have played after the barge-in onset, until playback stopped on speech_started.',
  ),
  audio_after_barge_in_ms: ms(
    'Audio after barge-in',
    'barge_in',
    'Response audio the server still sent after its speech_started for a barge-in.',
    'lower',
    'differs',
  ),
  response_cancelled: bool('Response cancelled', 'barge_in', 'The interrupted response ended with status cancelled.', 'higher'),
  truncate_ok: bool(
    'Truncate OK',
    'barge_in',
    'The harness sent conversation.item.truncate with audio_end_ms = audio actually heard (played), and the server confirmed it.',
    'higher',
  ),
  tool_call_ms: ms('Tool call', 'tool', "Arrival of the function call's arguments.done − wall time of the true end of speech."),
  tool_result_to_first_audio_ms: ms(
    'Tool result → first audio',
    'tool',
    'First audio of the follow-up response − sending of function_call_output.',
    'lower',
    'differs',
  ),
  connect_ms: ms('Connect', 'any', 'WebSocket handshake (or WebRTC connection set-up).', 'lower', 'differs'),
  session_ready_ms: ms('Session ready', 'any', 'Until session.updated (or session.created when nothing is updated).', 'lower', 'differs'),
  input_tokens: {
    title: 'Input tokens',
    unit: 'tokens',
    better: 'lower',
    scope: 'any',
    definition: 'Input tokens, from response.done usage.',
    crossTransport: true,
  },
  output_tokens: {
    title: 'Output tokens',
    unit: 'tokens',
    better: 'lower',
    scope: 'any',
    definition: 'Output tokens, from response.done usage.',
    crossTransport: true,
  },
  cost_usd: {
    title: 'Cost',
    unit: 'usd',
    better: 'lower',
    scope: 'any',
    definition: 'From response.done usage, priced by a per-model table the user can override.',
    crossTransport: true,
  },
} as const satisfies Record<string, MetricInfo>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** The HTML report's chart group of a metric (`latency`), or null when it is tabled, not charted. */
export function chartGroupOf(name: MetricName): MetricInfo['chart'] | null {
  return (METRICS[name] as MetricInfo).chart ?? null;
}

/** The kind of a metric's value: booleans take `true`/`false` in expectations, numbers comparisons. */
export function metricKind(name: MetricName): MetricKind {
  return METRICS[name].unit === 'bool' ? 'boolean' : 'number';
}

/** Whether `name` is a registered metric. */
export function isMetricName(name: string): name is MetricName {
  return Object.prototype.hasOwnProperty.call(METRICS, name);
}

/** The registry entry of a metric, or undefined for an unknown name. */
export function metricInfo(name: string): MetricInfo | undefined {
  return isMetricName(name) ? METRICS[name] : undefined;
}

/** What a fact's value is. */
export type FactKind = 'string' | 'boolean' | 'number';

export interface FactInfo {
  kind: FactKind;
  scope: MetricScope;
  definition: string;
  /** Whether a scenario may set an expectation on it (`expect: { response: audio }`). */
  expectable: boolean;
}

/** Per-turn facts: exact outcomes rather than measurements, so they take no aggregates. */
export const FACTS = {
  response: { kind: 'string', scope: 'any', expectable: true, definition: 'What the first response to this turn was: audio, text, function_call, or none.' },
  interrupted: { kind: 'boolean', scope: 'barge_in', expectable: true, definition: 'Whether this barge-in turn interrupted the previous response.' },
  transcript_contains: { kind: 'string', scope: 'any', expectable: true, definition: "The response's transcript contains this text (case-insensitive)." },
  input_transcript_contains: {
    kind: 'string',
    scope: 'any',
    expectable: true,
    definition: "The server's transcription of the user's speech in this turn contains this text (case-insensitive).",
  },
  barge_in: { kind: 'boolean', scope: 'any', expectable: false, definition: 'Whether this turn is a barge-in turn.' },
  transcript: { kind: 'string', scope: 'any', expectable: false, definition: "The response's transcript." },
  input_transcript: {
    kind: 'string',
    scope: 'any',
    expectable: false,
    definition: "The server's transcription of the user's speech in this turn (input_audio_transcription.completed of the turn's committed items).",
  },
  response_status: {
    kind: 'string',
    scope: 'any',
    expectable: false,
    definition: 'Status of the last response of the turn (completed, cancelled, incomplete, failed).',
  },
  tool_name: { kind: 'string', scope: 'tool', expectable: false, definition: 'Name of the function the model called.' },
  tool_arguments: { kind: 'string', scope: 'tool', expectable: false, definition: 'Arguments of the function call, as sent.' },
  barge_in_offset_ms: {
    kind: 'number',
    scope: 'barge_in',
    expectable: false,
    definition: "The realised offset of a barge-in turn's speech onset from its reference (first audio or playback), in ms.",
  },
  link_rtt_ms: {
    kind: 'number',
    scope: 'any',
    expectable: false,
    definition:
      "--network: median round trip of the link during the session, measured by UDP probes every 100 ms that queue behind the session's own packets, in ms.",
  },
  link_rtt_p95_ms: { kind: 'number', scope: 'any', expectable: false, definition: "--network: 95th percentile of those probes' round trips, in ms." },
  link_probe_loss_pct: {
    kind: 'number',
    scope: 'any',
    expectable: false,
    definition: '--network: share of those probes that did not come back (lost on either direction), in percent.',
  },
  tcp_retransmits: {
    kind: 'number',
    scope: 'any',
    expectable: false,
    definition: "--network over WebSocket: TCP segments the harness's network namespace retransmitted during the session.",
  },
  link_uplink_needed_kbit: {
    kind: 'number',
    scope: 'any',
    expectable: false,
    definition:
      "--network: uplink rate the session's audio needs on the wire in real time (WebSocket: base64 PCM in JSON frames with TCP/IP headers; WebRTC: an Opus stream's upper bound), kbit/s.",
  },
  link_realtime: {
    kind: 'boolean',
    scope: 'any',
    expectable: false,
    definition:
      "--network: whether the link's uplink can carry that rate; when not, the session's latencies are not reported and its samples fail with the reason.",
  },
} as const satisfies Record<string, FactInfo>;

export type FactName = keyof typeof FACTS;
export const FACT_NAMES = Object.keys(FACTS) as FactName[];
/** The facts a scenario may set expectations on. */
export const EXPECTABLE_FACT_NAMES = FACT_NAMES.filter((f) => FACTS[f].expectable);

/** Values of the `response` fact. */
export const RESPONSE_KINDS = ['audio', 'text', 'function_call', 'none'] as const;

/** The scope of any metric or fact name. */
export function scopeOf(name: string): MetricScope | undefined {
  if (isMetricName(name)) return METRICS[name].scope;
  if (Object.prototype.hasOwnProperty.call(FACTS, name)) return FACTS[name as FactName].scope;
  return undefined;
}

/** What kind of turn a sample comes from, for deciding which metrics apply. */
export interface TurnKind {
  /** Server VAD decided the end of the turn (false in manual mode). */
  vad: boolean;
  bargeIn: boolean;
  tool: boolean;
}

/** Whether a metric of this scope can have a value in such a turn. */
export function appliesTo(scope: MetricScope, turn: TurnKind): boolean {
  switch (scope) {
    case 'any':
      return true;
    case 'vad':
      return turn.vad;
    case 'barge_in':
      return turn.bargeIn;
    case 'tool':
      return turn.tool;
  }
}

/** Human words for a scope, for docs and messages. */
export const SCOPE_WORDS: Record<MetricScope, string> = {
  any: 'every turn',
  vad: 'server-VAD turns (not manual mode)',
  barge_in: 'barge-in turns',
  tool: 'tool turns',
};
