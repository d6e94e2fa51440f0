/**
 * zod schemas of every GA client event (`RealtimeClientEvent` in the `openai` package), keyed by
 * event type so the hot path (`input_audio_buffer.append`) costs one map lookup and a small parse.
 */
import { z } from 'zod';
import { conversationItem, itemReference } from './ga-items.js';
import { audioFormats, maxOutputTokens, mcpTool, functionTool, outputModalities, prompt, reasoning, sessionRequest, toolChoice, voice } from './ga-session.js';

const eventId = z.string().optional();

export const responseCreateParams = z.strictObject({
  audio: z.strictObject({ output: z.strictObject({ format: audioFormats.optional(), voice: voice.optional() }).optional() }).optional(),
  conversation: z.string().optional(),
  input: z.array(z.union([conversationItem, itemReference])).optional(),
  instructions: z.string().optional(),
  max_output_tokens: maxOutputTokens.optional(),
  metadata: z.record(z.string().max(64), z.string().max(512)).nullable().optional(),
  output_modalities: outputModalities.optional(),
  parallel_tool_calls: z.boolean().optional(),
  prompt: prompt.nullable().optional(),
  reasoning: reasoning.optional(),
  tool_choice: toolChoice.optional(),
  tools: z.array(z.union([functionTool, mcpTool])).optional(),
});

/** Largest `audio` of one append: "up to a maximum of 15 MiB" (SDK doc comment). */
export const APPEND_MAX_CHARS = 15 * 1024 * 1024;

export const gaClientEvents = {
  'session.update': z.strictObject({ type: z.literal('session.update'), session: sessionRequest, event_id: eventId }),
  'input_audio_buffer.append': z.strictObject({ type: z.literal('input_audio_buffer.append'), audio: z.string().max(APPEND_MAX_CHARS), event_id: eventId }),
  'input_audio_buffer.commit': z.strictObject({ type: z.literal('input_audio_buffer.commit'), event_id: eventId }),
  'input_audio_buffer.clear': z.strictObject({ type: z.literal('input_audio_buffer.clear'), event_id: eventId }),
  'output_audio_buffer.clear': z.strictObject({ type: z.literal('output_audio_buffer.clear'), event_id: eventId }),
  'conversation.item.create': z.strictObject({
    type: z.literal('conversation.item.create'),
    item: conversationItem,
    event_id: eventId,
    previous_item_id: z.string().optional(),
  }),
  'conversation.item.retrieve': z.strictObject({ type: z.literal('conversation.item.retrieve'), item_id: z.string(), event_id: eventId }),
  'conversation.item.delete': z.strictObject({ type: z.literal('conversation.item.delete'), item_id: z.string(), event_id: eventId }),
  'conversation.item.truncate': z.strictObject({
    type: z.literal('conversation.item.truncate'),
    audio_end_ms: z.number().int().min(0),
    content_index: z.number().int().min(0),
    item_id: z.string(),
    event_id: eventId,
  }),
  'response.create': z.strictObject({ type: z.literal('response.create'), event_id: eventId, response: responseCreateParams.optional() }),
  'response.cancel': z.strictObject({ type: z.literal('response.cancel'), event_id: eventId, response_id: z.string().optional() }),
  /** Not in `RealtimeClientEvent` (translation sessions have it); the mock keeps accepting it. */
  'session.close': z.strictObject({ type: z.literal('session.close'), event_id: eventId }),
} as const;

export type GaClientEventType = keyof typeof gaClientEvents;
