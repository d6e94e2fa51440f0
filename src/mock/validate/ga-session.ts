/**
 * zod schemas of the GA `session.update` payload, one per type of the official `openai` package
 * (`resources/realtime/realtime.d.ts`; the newest 7.x exactly, 6.49 as a subset). Objects are strict (an unknown key is the service's
 * `unknown_parameter`); numeric ranges are the ones the SDK's doc comments state. `sdk-types.ts`
 * checks at compile time that each inferred type matches the SDK's, so a drift fails typecheck.
 */
import { z } from 'zod';

/** Documented in the SDK: "0.25 is the minimum speed. 1.5 is the maximum speed." */
export const SPEED_MIN = 0.25;
export const SPEED_MAX = 1.5;
/** "Provide an integer between 1 and 4096 to limit output tokens, or `inf`." */
export const MAX_OUTPUT_TOKENS = 4096;

export const audioPcm = z.strictObject({ rate: z.literal(24000).optional(), type: z.literal('audio/pcm').optional() });
export const audioPcmu = z.strictObject({ type: z.literal('audio/pcmu').optional() });
export const audioPcma = z.strictObject({ type: z.literal('audio/pcma').optional() });
export const audioFormats = z.union([audioPcm, audioPcmu, audioPcma]);

export const noiseReductionType = z.enum(['near_field', 'far_field']);
/**
 * `strength`: "Higher values apply more suppression. Defaults to 1 when noise reduction is first
 * enabled. Omitting strength from a session update preserves the current strength." (7.x). The SDK
 * states no upper bound; a negative suppression has no meaning.
 */
export const noiseReduction = z.strictObject({ strength: z.number().min(0).optional(), type: noiseReductionType.optional() });

export const transcriptionDelay = z.enum(['minimal', 'low', 'medium', 'high', 'xhigh']);

/** `keywords` and `languages` (7.x): gpt-transcribe and gpt-live-transcribe; `delay`: gpt-realtime-whisper. */
export const audioTranscription = z.strictObject({
  delay: transcriptionDelay.optional(),
  keywords: z.array(z.string()).optional(),
  language: z.string().optional(),
  languages: z.array(z.string()).optional(),
  model: z.string().optional(),
  prompt: z.string().optional(),
});

const nonNegativeInt = z.number().int().min(0);

export const serverVad = z.strictObject({
  type: z.literal('server_vad'),
  create_response: z.boolean().optional(),
  idle_timeout_ms: nonNegativeInt.nullable().optional(),
  interrupt_response: z.boolean().optional(),
  prefix_padding_ms: nonNegativeInt.optional(),
  silence_duration_ms: nonNegativeInt.optional(),
  threshold: z.number().min(0).max(1).optional(),
});

export const semanticVad = z.strictObject({
  type: z.literal('semantic_vad'),
  create_response: z.boolean().optional(),
  eagerness: z.enum(['low', 'medium', 'high', 'auto']).optional(),
  interrupt_response: z.boolean().optional(),
});

export const turnDetection = z.discriminatedUnion('type', [serverVad, semanticVad]);

/**
 * `noise_reduction: null` and `transcription: null` are not in the SDK types, but the service
 * accepts them (they turn the feature off) and `@openai/agents-realtime` sends `noise_reduction: null`
 * by default: accepted here, and the compile-time check names this extension.
 */
export const audioInput = z.strictObject({
  format: audioFormats.optional(),
  noise_reduction: noiseReduction.nullable().optional(),
  transcription: audioTranscription.nullable().optional(),
  turn_detection: turnDetection.nullable().optional(),
});

export const voiceId = z.strictObject({ id: z.string() });
export const voice = z.union([z.string(), voiceId]);

export const audioOutput = z.strictObject({
  format: audioFormats.optional(),
  speed: z.number().min(SPEED_MIN).max(SPEED_MAX).optional(),
  voice: voice.optional(),
});

export const audioConfig = z.strictObject({ input: audioInput.optional(), output: audioOutput.optional() });

export const functionTool = z.strictObject({
  description: z.string().optional(),
  name: z.string().optional(),
  parameters: z.unknown().optional(),
  type: z.literal('function').optional(),
});

const toolFilter = z.strictObject({ read_only: z.boolean().optional(), tool_names: z.array(z.string()).optional() });
export const mcpToolFilter = toolFilter;
export const mcpApprovalFilter = z.strictObject({ always: toolFilter.optional(), never: toolFilter.optional() });
export const MCP_CONNECTORS = [
  'connector_dropbox',
  'connector_gmail',
  'connector_googlecalendar',
  'connector_googledrive',
  'connector_microsoftteams',
  'connector_outlookcalendar',
  'connector_outlookemail',
  'connector_sharepoint',
] as const;

export const mcpTool = z.strictObject({
  server_label: z.string(),
  type: z.literal('mcp'),
  allowed_callers: z
    .array(z.enum(['direct', 'programmatic']))
    .nullable()
    .optional(),
  allowed_tools: z
    .union([z.array(z.string()), mcpToolFilter])
    .nullable()
    .optional(),
  authorization: z.string().optional(),
  connector_id: z.enum(MCP_CONNECTORS).optional(),
  defer_loading: z.boolean().optional(),
  headers: z.record(z.string(), z.string()).nullable().optional(),
  require_approval: z
    .union([mcpApprovalFilter, z.enum(['always', 'never'])])
    .nullable()
    .optional(),
  server_description: z.string().optional(),
  server_url: z.string().optional(),
  tunnel_id: z.string().optional(),
});

export const tool = z.union([functionTool, mcpTool]);

export const toolChoiceOptions = z.enum(['none', 'auto', 'required']);
export const toolChoiceFunction = z.strictObject({ name: z.string(), type: z.literal('function') });
export const toolChoiceMcp = z.strictObject({ server_label: z.string(), type: z.literal('mcp'), name: z.string().nullable().optional() });
export const toolChoice = z.union([toolChoiceOptions, toolChoiceFunction, toolChoiceMcp]);

const inputObject = z.custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'expected an object' });

/** Prompt variables may be input objects (text, image, file); their inner shape is not checked. */
export const prompt = z.strictObject({
  id: z.string(),
  variables: z
    .record(z.string(), z.union([z.string(), inputObject]))
    .nullable()
    .optional(),
  version: z.string().nullable().optional(),
});

export const reasoning = z.strictObject({ effort: z.enum(['minimal', 'low', 'medium', 'high', 'xhigh']).optional() });

export const tracingConfiguration = z.strictObject({
  group_id: z.string().optional(),
  metadata: z.unknown().optional(),
  workflow_name: z.string().optional(),
});
export const tracing = z.union([z.literal('auto'), tracingConfiguration]);

export const truncationRetentionRatio = z.strictObject({
  retention_ratio: z.number().min(0).max(1),
  type: z.literal('retention_ratio'),
  token_limits: z.strictObject({ post_instructions: nonNegativeInt.optional() }).optional(),
});
export const truncation = z.union([z.enum(['auto', 'disabled']), truncationRetentionRatio]);

export const maxOutputTokens = z.union([z.number().int().min(1).max(MAX_OUTPUT_TOKENS), z.literal('inf')]);

/** `["audio"]` or `["text"]`: the service refuses both at once. */
export const outputModalities = z.array(z.enum(['text', 'audio'])).max(1);

export const include = z.array(z.literal('item.input_audio_transcription.logprobs'));

export const realtimeSession = z.strictObject({
  type: z.literal('realtime'),
  audio: audioConfig.optional(),
  include: include.optional(),
  instructions: z.string().optional(),
  max_output_tokens: maxOutputTokens.optional(),
  model: z.string().optional(),
  output_modalities: outputModalities.optional(),
  parallel_tool_calls: z.boolean().optional(),
  prompt: prompt.nullable().optional(),
  reasoning: reasoning.optional(),
  tool_choice: toolChoice.optional(),
  tools: z.array(tool).optional(),
  tracing: tracing.nullable().optional(),
  truncation: truncation.optional(),
});

export const transcriptionAudioInput = audioInput;
export const transcriptionSession = z.strictObject({
  type: z.literal('transcription'),
  audio: z.strictObject({ input: transcriptionAudioInput.optional() }).optional(),
  include: include.optional(),
});

export const sessionRequest = z.discriminatedUnion('type', [realtimeSession, transcriptionSession]);
