import { parseNetwork } from '../network/spec.js';
import { PROFILE_NAMES } from '../network/profiles.js';
import { z } from 'zod';
import { expected, integer } from './describe.js';
import { AGGREGATES, FACTS, METRICS, RESPONSE_KINDS, type MetricName } from './metrics.js';
import { SessionSchema, SETTING_AXES } from './session-schema.js';
import { DEFAULT_VOICE, MAX_RATE, MIN_RATE, VOICE_NAMES, VOICES } from '../tts/voices.js';

/**
 * The scenario file format as zod schemas: the single definition that validates YAML, types the
 * loaded document and generates the JSON Schema editors use. Semantic rules that span fields (a tool
 * must be declared, a barge-in cannot be the first turn…) live in check.ts.
 */

/** Top-level keys matching this are ignored by validation (docker-compose's convention). */
export const EXTENSION_KEY = /^x-/;

const ms = (description: string) => z.number().min(0).meta({ description });

/** `"< 1200"`, `"<= 5"`, `">= 0"`, `"== 0"`, `"!= 0"`, `"> 3"`. */
export const COMPARISON_PATTERN = /^\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/;

const COMPARISON_HINT = 'a number or a comparison like "< 1200"';

// Schemas with an `id` become named $defs in the JSON Schema; the rest is inlined.
const ThresholdSchema = z
  .union([z.number(), z.string().regex(COMPARISON_PATTERN, { error: expected(COMPARISON_HINT) })], { error: expected(COMPARISON_HINT) })
  .meta({ id: 'Threshold', description: 'A number (==) or a comparison: "< 1200", "<= 5", ">= 0", "== 0", "!= 0", "> 3".' });

const AggregatesSchema = z
  .strictObject(
    Object.fromEntries(AGGREGATES.map((a) => [a, ThresholdSchema.optional()])) as Record<(typeof AGGREGATES)[number], z.ZodOptional<typeof ThresholdSchema>>,
  )
  .refine((o) => Object.keys(o).length > 0, { error: `expected at least one of ${AGGREGATES.join(', ')}` })
  .meta({ id: 'Aggregates', description: 'Aggregates over repeats, e.g. { p95: "< 1200", mean: "< 900" }.' });

const NumericExpectationSchema = z
  .union([ThresholdSchema, AggregatesSchema], { error: expected(`${COMPARISON_HINT}, or aggregates like { p95: "< 1200" }`) })
  .meta({ id: 'NumericExpectation' });

const BooleanExpectationSchema = z
  .union([z.boolean(), AggregatesSchema], { error: expected('true, false, or aggregates of the rate like { mean: ">= 0.9" }') })
  .meta({ id: 'BooleanExpectation' });

function metricShape(): Record<MetricName, z.ZodOptional<z.ZodType>> {
  const shape: Record<string, z.ZodOptional<z.ZodType>> = {};
  for (const [name, info] of Object.entries(METRICS)) {
    const schema = info.kind === 'boolean' ? BooleanExpectationSchema : NumericExpectationSchema;
    shape[name] = schema.optional().meta({ description: info.description });
  }
  return shape as Record<MetricName, z.ZodOptional<z.ZodType>>;
}

/** Scenario-level expectations: metrics only, aggregated over every turn and repeat of a cell. */
export const ScenarioExpectSchema = z.strictObject(metricShape()).meta({
  id: 'ScenarioExpect',
  description: 'Expectations over every turn of every repeat in a matrix cell, e.g. first_audio_ms: { p95: "< 1200" }.',
});

/** Per-turn expectations: metrics and the facts `response`, `interrupted`, `transcript_contains`, `input_transcript_contains`. */
export const TurnExpectSchema = z
  .strictObject({
    ...metricShape(),
    response: z.enum(RESPONSE_KINDS).optional().meta({ description: FACTS.response.description }),
    interrupted: z.boolean().optional().meta({ description: FACTS.interrupted.description }),
    transcript_contains: z.string().min(1).optional().meta({ description: FACTS.transcript_contains.description }),
    input_transcript_contains: z.string().min(1).optional().meta({ description: FACTS.input_transcript_contains.description }),
  })
  .meta({ id: 'TurnExpect', description: 'Expectations on this turn: "< 1500", a number (==), true/false, or aggregates { p95: "< 1500" }.' });

const BargeInSchema = z
  .strictObject({
    after_first_audio_ms: ms('Start speaking this long after the first audio of the previous response arrived.').optional(),
    after_played_ms: ms('Start speaking once this much of the previous response has been played in real time.').optional(),
  })
  .refine((b) => (b.after_first_audio_ms === undefined) !== (b.after_played_ms === undefined), {
    error: 'give exactly one of after_first_audio_ms or after_played_ms',
  })
  .meta({ description: 'Interrupt the previous response: { after_first_audio_ms: 600 } or { after_played_ms: 800 }.' });

/** What a non-barge-in turn waits for; the names say what the user waits for. */
export const TURN_START_RULES = ['after_playback', 'after_response_done'] as const;
export type TurnStartRule = (typeof TURN_START_RULES)[number];

const TurnStartSchema = z.enum(TURN_START_RULES).meta({
  description:
    'When a turn without barge_in starts: after_playback (default: gap_ms after the previous answer has finished playing in the client) or after_response_done (gap_ms after response.done, even while the answer still plays: the user may talk over it, measured as unplanned overlap).',
});

const NoiseSchema = z
  .strictObject({
    audio: z.string().min(1).optional().meta({ description: 'Noise WAV, relative to this file (looped as needed).' }),
    type: z.enum(['white', 'pink']).optional().meta({ description: 'Generated noise colour.' }),
    snr_db: z.number().min(-20).max(80).meta({ description: 'Speech-to-noise ratio in dB.' }),
  })
  .refine((n) => (n.audio === undefined) !== (n.type === undefined), { error: 'give exactly one of audio or type' })
  .meta({ description: 'Background noise mixed into the turn: { audio: noise.wav, snr_db: 15 } or { type: pink, snr_db: 10 }.' });

const ToolCallSchema = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'The function the model should call (declared in session.tools).' }),
    arguments: z.record(z.string(), z.unknown()).optional().meta({ description: 'Expected arguments (subset match); the mock calls with these.' }),
    output: z.unknown().meta({ description: 'What the harness returns as function_call_output (JSON).' }),
  })
  .meta({ description: 'The model should call a function in this turn; the harness answers with `output`.' });

export const TurnSchema = z
  .strictObject({
    name: z.string().min(1).optional().meta({ description: 'A label for reports.' }),
    audio: z.string().min(1).optional().meta({ description: 'The user speech WAV, relative to this file (or give say: instead).' }),
    say: z
      .string()
      .regex(/\S/, { error: expected('text to say') })
      .optional()
      .meta({ description: 'Text the user says, synthesized offline (instead of audio:); the mock transcribes it as this text.' }),
    voice: z
      .enum(VOICE_NAMES)
      .optional()
      .meta({ description: `Voice of say: ${VOICE_NAMES.map((v) => `${v} (${VOICES[v].description})`).join(', ')}; default ${DEFAULT_VOICE}.` }),
    rate: z
      .number()
      .min(MIN_RATE)
      .max(MAX_RATE)
      .optional()
      .meta({ description: `Speaking rate of say: (1 = the voice's pace, 2 = twice as fast), ${MIN_RATE}–${MAX_RATE}.` }),
    transcript: z
      .string()
      .optional()
      .meta({ description: "What the mock's input transcription reports; defaults to the say: text or the fixture annotation's transcript." }),
    leading_silence_ms: ms('Silence streamed before the fixture (default 0: the fixture as recorded).').default(0),
    trailing_silence_ms: ms('Silence streamed after the speech (default: enough for the VAD to end the turn).').optional(),
    gap_ms: ms('Wait after the previous answer has been heard (played out) before this turn (default 500; 0 for the first turn).').optional(),
    start: TurnStartSchema.optional(),
    barge_in: BargeInSchema.optional(),
    noise: NoiseSchema.optional(),
    tool: ToolCallSchema.optional(),
    expect: TurnExpectSchema.optional(),
  })
  .superRefine((t, ctx) => {
    if (t.audio !== undefined && t.say !== undefined)
      ctx.addIssue({ code: 'custom', path: ['say'], message: 'give either audio (a WAV) or say (text to synthesize), not both' });
    if (t.audio === undefined && t.say === undefined)
      ctx.addIssue({ code: 'custom', message: 'missing required key "audio" (a WAV), or "say" (text to synthesize)' });
    for (const key of ['voice', 'rate'] as const) {
      if (t.say === undefined && t[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `applies to say: turns only` });
    }
  })
  .meta({
    id: 'Turn',
    description: 'One user turn: a recorded WAV (audio:) or text to synthesize (say:).',
    // The superRefine above, for editors: exactly one of the two.
    oneOf: [{ required: ['audio'] }, { required: ['say'] }],
  });

const AXIS_VALUES_NOTE = 'A list of values; each one is a matrix cell.';

/** A target: the bundled mock, OpenAI, Azure, or a realtime server's ws(s) URL. */
const TargetSchema = z.string().regex(/^(mock|openai|azure|wss?:\/\/\S+)$/, { error: expected('mock, openai, azure or a ws:// or wss:// URL') });

/** A `--network` value: none, a built-in profile or a spec (docs/network.md). */
const NetworkSchema = z
  .string()
  .superRefine((v, ctx) => {
    try {
      parseNetwork(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message.replace(`--network ${v}: `, '') });
    }
  })
  .meta({
    description: `The link between harness and server: none (default), a profile (${PROFILE_NAMES.join(', ')}) or a spec such as rtt=150ms,jitter=10ms,loss=1%,down=1600kbit,up=750kbit. Needs root or CAP_NET_ADMIN.`,
  });

const axis = (schema: z.ZodType, description: string) =>
  z
    .array(schema)
    .min(1)
    .meta({ description: `${description} ${AXIS_VALUES_NOTE}` });

export const MatrixSchema = z
  .strictObject({
    model: axis(z.string().min(1), 'Models to compare (--model overrides).'),
    target: axis(TargetSchema, 'Targets: mock, openai, azure or ws(s) URLs (--target overrides).'),
    dialect: axis(z.enum(['ga', 'beta']), 'Protocol dialects.'),
    transport: axis(z.enum(['ws', 'webrtc']), 'Transports to compare: ws (WebSocket) and webrtc (--transport overrides).'),
    network: axis(NetworkSchema, 'Networks to compare: none, a profile or a spec (--network overrides).'),
    ...Object.fromEntries(Object.entries(SETTING_AXES).map(([name, def]) => [name, axis(def.schema, `Session setting ${name}.`)])),
  })
  .partial()
  .meta({ id: 'Matrix', description: 'Comparison axes: every combination is a cell. model, target, dialect, transport, or any session setting by name.' });

export const MockSchema = z
  .strictObject({
    profile: z.string().min(1).optional().meta({ description: 'Latency profile of the mock (defaults to the model).' }),
    profile_file: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'Mock profile file fitted by `rtbench calibrate` (path relative to the scenario); wins over profile.' }),
    first_audio_ms: ms('Delay from end of user turn to the first audio delta.').optional(),
    jitter_ms: ms('Random jitter added to mock delays (0 = deterministic).').optional(),
    response_audio_ms: ms("Length of the mock's spoken answer (the answer clip loops; at most 600000).").max(600_000).optional(),
    stream_rate: z.number().min(0.05).max(1000).optional().meta({ description: 'Output streaming speed, × real time (< 1 makes the player stall).' }),
    speech_started_delay_ms: ms('Onset of speech → speech_started (overrides the profile).').optional(),
    faults: z.array(z.record(z.string(), z.unknown())).optional().meta({ description: 'Fault injection directives, passed to the mock.' }),
  })
  .meta({ id: 'Mock', description: 'Directives for the bundled mock only; ignored for other targets.' });

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'JSON Schema reference for editors (ignored).' }),
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: expected('a name of letters, digits, ".", "_" or "-"') })
      .meta({ description: 'Unique across the suite; used in session ids and reports.' }),
    description: z.string().optional(),
    session: SessionSchema.optional(),
    dialect: z.enum(['ga', 'beta']).optional().meta({ description: 'Protocol dialect (default: chosen by target).' }),
    transport: z
      .enum(['ws', 'webrtc'])
      .optional()
      .meta({ description: 'ws (default) or webrtc: Opus audio over RTP and events on the oai-events data channel.' }),
    network: NetworkSchema.optional(),
    start: TurnStartSchema.optional().meta({
      description: "Default start rule of the turns without barge_in (a turn's own start: wins): after_playback (default) or after_response_done.",
    }),
    chunk_ms: integer(5, 1000).optional().meta({ description: 'Input audio chunk size in ms (default 20).' }),
    turns: z.array(TurnSchema).min(1).meta({ description: 'User turns, in order.' }),
    expect: ScenarioExpectSchema.optional(),
    matrix: MatrixSchema.optional(),
    repeat: integer(1).default(1).meta({ description: 'Repetitions of every matrix cell (--repeat overrides).' }),
    mock: MockSchema.optional(),
  })
  .meta({
    title: 'rtbench scenario',
    description: 'A conversation to play into a realtime speech-to-speech session.',
    // Top-level `x-…` keys are ignored: a place for YAML anchors (`x-defaults: &d {…}`) and notes.
    patternProperties: { [EXTENSION_KEY.source]: { description: 'Ignored: for YAML anchors and notes.' } },
  });

/** A validated scenario, as written (defaults filled in). */
export type ScenarioSpec = z.output<typeof ScenarioSchema>;
export type TurnSpec = z.output<typeof TurnSchema>;
export type SessionSpec = z.output<typeof SessionSchema>;
export type MatrixSpec = z.output<typeof MatrixSchema>;
