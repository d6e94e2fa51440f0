/**
 * zod schemas of every GA client event (`RealtimeClientEvent` in the `openai` package), keyed by
 * event type so the hot path (`input_audio_buffer.append`) costs one map lookup and a small parse.
 */
import { z } from 'zod';
import { dialectNeutralClientEvents } from './shared-events.js';
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
  ...dialectNeutralClientEvents,
  'session.update': z.strictObject({ type: z.literal('session.update'), session: sessionRequest, event_id: eventId }),
  'input_audio_buffer.append': z.strictObject({ type: z.literal('input_audio_buffer.append'), audio: z.string().max(APPEND_MAX_CHARS), event_id: eventId }),
  'conversation.item.create': z.strictObject({
    type: z.literal('conversation.item.create'),
    item: conversationItem,
    event_id: eventId,
    previous_item_id: z.string().optional(),
  }),
  'response.create': z.strictObject({ type: z.literal('response.create'), event_id: eventId, response: responseCreateParams.optional() }),
} as const;

export type GaClientEventType = keyof typeof gaClientEvents;
