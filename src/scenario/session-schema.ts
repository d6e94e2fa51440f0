import { z } from 'zod';
import { AUDIO_FORMATS } from '../protocol/session.js';
import { expected, integer } from './describe.js';

/**
 * The `session:` block: the dialect-neutral SessionConfig of src/protocol/session.ts, as a zod schema.
 * Each setting is defined once here and reused by the matrix (an axis takes a list of the same values).
 */

const ms = (description: string) => z.number().min(0).meta({ description });

export const AudioFormatSchema = z
  .enum(AUDIO_FORMATS as ['pcm16', 'g711_ulaw', 'g711_alaw'])
  .meta({ id: 'AudioFormat', description: 'pcm16 (24 kHz) | g711_ulaw | g711_alaw (8 kHz)' });

/** Turn-detection fields, each with the VAD types it applies to. */
export const VAD_FIELDS = {
  threshold: { schema: z.number().min(0).max(1).meta({ description: 'Server VAD activation threshold, 0–1 (default 0.5).' }), types: ['server_vad'] },
  prefix_padding_ms: { schema: ms('Audio kept before detected speech (default 300).'), types: ['server_vad'] },
  silence_duration_ms: { schema: ms('Silence that ends a turn (default 500).'), types: ['server_vad'] },
  idle_timeout_ms: {
    schema: z.number().min(0).nullable().meta({ description: 'GA: commit and respond after this long without speech.' }),
    types: ['server_vad'],
  },
  eagerness: { schema: z.enum(['low', 'medium', 'high', 'auto']).meta({ description: 'How soon semantic VAD ends a turn.' }), types: ['semantic_vad'] },
  create_response: {
    schema: z.boolean().meta({ description: 'Respond automatically at the end of a turn (default true).' }),
    types: ['server_vad', 'semantic_vad'],
  },
  interrupt_response: {
    schema: z.boolean().meta({ description: 'Cancel the response when the user starts speaking (default true).' }),
    types: ['server_vad', 'semantic_vad'],
  },
} as const;

export type VadField = keyof typeof VAD_FIELDS;
export type VadType = 'server_vad' | 'semantic_vad';

export const ServerVadSchema = z.strictObject({
  type: z.literal('server_vad'),
  threshold: VAD_FIELDS.threshold.schema.optional(),
  prefix_padding_ms: VAD_FIELDS.prefix_padding_ms.schema.optional(),
  silence_duration_ms: VAD_FIELDS.silence_duration_ms.schema.optional(),
  idle_timeout_ms: VAD_FIELDS.idle_timeout_ms.schema.optional(),
  create_response: VAD_FIELDS.create_response.schema.optional(),
  interrupt_response: VAD_FIELDS.interrupt_response.schema.optional(),
});

export const SemanticVadSchema = z.strictObject({
  type: z.literal('semantic_vad'),
  eagerness: VAD_FIELDS.eagerness.schema.optional(),
  create_response: VAD_FIELDS.create_response.schema.optional(),
  interrupt_response: VAD_FIELDS.interrupt_response.schema.optional(),
});

export const TurnDetectionSchema = z
  .discriminatedUnion('type', [ServerVadSchema, SemanticVadSchema], { error: expected('a mapping like { type: server_vad }, or null for manual turns') })
  .nullable()
  .meta({
    id: 'TurnDetection',
    description:
      'server_vad {threshold, prefix_padding_ms, silence_duration_ms}, semantic_vad {eagerness}, or null: manual mode (the harness commits each turn).',
  });

export const ToolSchema = z
  .strictObject({
    type: z.literal('function').optional(),
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: expected('a function name of letters, digits, _ or - (at most 64)') }),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional().meta({ description: 'JSON Schema of the arguments.' }),
  })
  .meta({ id: 'Tool', description: 'A function the model may call.' });

export const ToolChoiceSchema = z.union([z.enum(['auto', 'none', 'required']), z.strictObject({ type: z.literal('function'), name: z.string().min(1) })], {
  error: expected('auto, none, required or { type: function, name }'),
});

const MaxTokensSchema = z.union([integer(1), z.literal('inf')], { error: expected('an integer ≥ 1 or "inf"') });

const TranscriptionSchema = z
  .strictObject({ model: z.string().min(1), language: z.string().optional(), prompt: z.string().optional() })
  .nullable()
  .meta({ description: 'Input transcription, e.g. { model: gpt-transcribe }; null turns it off.' });

const NoiseReductionSchema = z.strictObject({ type: z.enum(['near_field', 'far_field']) }).nullable();

export const SESSION_FIELDS = {
  model: z.string().min(1).meta({ description: 'Default model when neither matrix.model nor --model is given.' }),
  instructions: z.string().meta({ description: 'System instructions.' }),
  voice: z.string().min(1).meta({ description: 'Output voice, e.g. alloy, ash, coral, marin, cedar.' }),
  output_modalities: z
    .array(z.enum(['audio', 'text']))
    .min(1)
    .meta({ description: '[audio] (audio with transcript) or [text].' }),
  input_audio_format: AudioFormatSchema,
  output_audio_format: AudioFormatSchema,
  input_audio_transcription: TranscriptionSchema,
  input_audio_noise_reduction: NoiseReductionSchema,
  turn_detection: TurnDetectionSchema,
  tools: z.array(ToolSchema),
  tool_choice: ToolChoiceSchema,
  temperature: z.number().min(0).max(2).meta({ description: 'beta only; GA has no temperature.' }),
  max_output_tokens: MaxTokensSchema,
  speed: z.number().min(0.25).max(1.5).meta({ description: 'GA output speed, 0.25–1.5.' }),
  tracing: z.unknown().meta({ description: 'GA tracing configuration, passed through.' }),
  truncation: z.unknown().meta({ description: 'GA truncation configuration, passed through.' }),
};

export type SessionField = keyof typeof SESSION_FIELDS;

type Optionalized<T extends Record<string, z.ZodType>> = { [K in keyof T]: z.ZodOptional<T[K]> };

function allOptional<T extends Record<string, z.ZodType>>(shape: T): Optionalized<T> {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as Optionalized<T>;
}

export const SessionSchema = z
  .strictObject(allOptional(SESSION_FIELDS))
  .meta({ id: 'Session', description: 'Dialect-neutral session settings; the protocol layer maps them to GA or beta.' });

/** What a setting axis of the matrix changes. */
export type AxisTarget =
  | { kind: 'session'; field: SessionField }
  | { kind: 'turn_detection_type' }
  | { kind: 'vad'; field: VadField }
  | { kind: 'nested'; field: 'input_audio_transcription' | 'input_audio_noise_reduction'; sub: string };

interface AxisDef {
  schema: z.ZodType;
  target: AxisTarget;
}

const SCALAR_SESSION_FIELDS = ['instructions', 'voice', 'input_audio_format', 'output_audio_format', 'temperature', 'max_output_tokens', 'speed'] as const;

/**
 * Every session setting a matrix axis may vary, by name: the top-level scalar settings, the
 * turn-detection fields by bare name or dotted path (`silence_duration_ms` or
 * `turn_detection.silence_duration_ms`), `turn_detection` itself (server_vad | semantic_vad | null), and
 * a few nested fields by dotted path. `model` is absent on purpose: `matrix.model` is its own axis.
 */
export const SETTING_AXES: Record<string, AxisDef> = (() => {
  const axes: Record<string, AxisDef> = {};
  for (const field of SCALAR_SESSION_FIELDS) axes[field] = { schema: SESSION_FIELDS[field], target: { kind: 'session', field } };
  axes.tool_choice = { schema: z.enum(['auto', 'none', 'required']), target: { kind: 'session', field: 'tool_choice' } };
  axes.turn_detection = {
    schema: z.enum(['server_vad', 'semantic_vad']).nullable().meta({ description: 'server_vad, semantic_vad, or null (manual)' }),
    target: { kind: 'turn_detection_type' },
  };
  for (const field of Object.keys(VAD_FIELDS) as VadField[]) {
    const def = { schema: VAD_FIELDS[field].schema, target: { kind: 'vad', field } as const };
    axes[field] = def;
    axes[`turn_detection.${field}`] = def;
  }
  axes['input_audio_transcription.model'] = { schema: z.string().min(1), target: { kind: 'nested', field: 'input_audio_transcription', sub: 'model' } };
  axes['input_audio_transcription.language'] = { schema: z.string().min(1), target: { kind: 'nested', field: 'input_audio_transcription', sub: 'language' } };
  axes['input_audio_noise_reduction.type'] = {
    schema: z.enum(['near_field', 'far_field']),
    target: { kind: 'nested', field: 'input_audio_noise_reduction', sub: 'type' },
  };
  return axes;
})();
