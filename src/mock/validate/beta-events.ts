/**
 * zod schemas of the beta client events (`OpenAI-Beta: realtime=v1`; `resources/beta/realtime` in
 * the `openai` package): flat session, beta item shape. Beta sessions keep their beta shape: GA
 * fields (`session.type`, `audio`, `output_modalities`) are unknown parameters here.
 */
import { z } from 'zod';
import { dialectNeutralClientEvents } from './shared-events.js';
import { SPEED_MAX, SPEED_MIN, MAX_OUTPUT_TOKENS } from './ga-session.js';

const eventId = z.string().optional();
const betaFormat = z.enum(['pcm16', 'g711_ulaw', 'g711_alaw']);
const maxTokens = z.union([z.number().int().min(1).max(MAX_OUTPUT_TOKENS), z.literal('inf')]);
/** The beta service accepted temperatures in [0.6, 1.2]. */
const temperature = z.number().min(0.6).max(1.2);

export const betaTurnDetection = z.strictObject({
  create_response: z.boolean().optional(),
  eagerness: z.enum(['low', 'medium', 'high', 'auto']).optional(),
  interrupt_response: z.boolean().optional(),
  prefix_padding_ms: z.number().int().min(0).optional(),
  silence_duration_ms: z.number().int().min(0).optional(),
  threshold: z.number().min(0).max(1).optional(),
  type: z.enum(['server_vad', 'semantic_vad']).optional(),
});
export const betaTranscription = z.strictObject({ language: z.string().optional(), model: z.string().optional(), prompt: z.string().optional() });
export const betaTool = z.strictObject({
  description: z.string().optional(),
  name: z.string().optional(),
  parameters: z.unknown().optional(),
  type: z.literal('function').optional(),
});
const betaToolChoice = z.union([z.string(), z.strictObject({ type: z.literal('function'), name: z.string() })]);

export const betaSession = z.strictObject({
  client_secret: z.strictObject({ expires_after: z.strictObject({ anchor: z.literal('created_at'), seconds: z.number().optional() }).optional() }).optional(),
  input_audio_format: betaFormat.optional(),
  input_audio_noise_reduction: z
    .strictObject({ type: z.enum(['near_field', 'far_field']).optional() })
    .nullable()
    .optional(),
  input_audio_transcription: betaTranscription.nullable().optional(),
  instructions: z.string().optional(),
  max_response_output_tokens: maxTokens.optional(),
  modalities: z.array(z.enum(['text', 'audio'])).optional(),
  model: z.string().optional(),
  output_audio_format: betaFormat.optional(),
  speed: z.number().min(SPEED_MIN).max(SPEED_MAX).optional(),
  temperature: temperature.optional(),
  tool_choice: betaToolChoice.optional(),
  tools: z.array(betaTool).optional(),
  tracing: z
    .union([z.literal('auto'), z.strictObject({ group_id: z.string().optional(), metadata: z.unknown().optional(), workflow_name: z.string().optional() })])
    .nullable()
    .optional(),
  turn_detection: betaTurnDetection.nullable().optional(),
  voice: z.string().optional(),
});

const betaContent = z.strictObject({
  id: z.string().optional(),
  audio: z.string().optional(),
  text: z.string().optional(),
  transcript: z.string().optional(),
  type: z.enum(['input_text', 'input_audio', 'item_reference', 'text', 'audio']).optional(),
});
const betaItemFields = {
  id: z.string().optional(),
  arguments: z.string().optional(),
  call_id: z.string().optional(),
  content: z.array(betaContent).optional(),
  name: z.string().optional(),
  object: z.literal('realtime.item').optional(),
  output: z.string().optional(),
  role: z.enum(['user', 'assistant', 'system']).optional(),
  status: z.enum(['completed', 'incomplete', 'in_progress']).optional(),
};
export const betaItem = z.strictObject({ ...betaItemFields, type: z.enum(['message', 'function_call', 'function_call_output']).optional() });
const betaItemWithReference = z.strictObject({
  ...betaItemFields,
  type: z.enum(['message', 'function_call', 'function_call_output', 'item_reference']).optional(),
});

export const betaResponseParams = z.strictObject({
  conversation: z.string().optional(),
  input: z.array(betaItemWithReference).optional(),
  instructions: z.string().optional(),
  max_response_output_tokens: maxTokens.optional(),
  metadata: z.record(z.string().max(64), z.string().max(512)).nullable().optional(),
  modalities: z.array(z.enum(['text', 'audio'])).optional(),
  output_audio_format: betaFormat.optional(),
  temperature: temperature.optional(),
  tool_choice: betaToolChoice.optional(),
  tools: z.array(betaTool).optional(),
  voice: z.string().optional(),
});

export const betaClientEvents = {
  ...dialectNeutralClientEvents,
  'session.update': z.strictObject({ type: z.literal('session.update'), session: betaSession, event_id: eventId }),
  'input_audio_buffer.append': z.strictObject({ type: z.literal('input_audio_buffer.append'), audio: z.string(), event_id: eventId }),
  'conversation.item.create': z.strictObject({
    type: z.literal('conversation.item.create'),
    item: betaItem,
    event_id: eventId,
    previous_item_id: z.string().optional(),
  }),
  'response.create': z.strictObject({ type: z.literal('response.create'), event_id: eventId, response: betaResponseParams.optional() }),
} as const;
