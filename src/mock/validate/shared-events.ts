/**
 * Client events whose shape is the same in the GA and beta dialects; both tables spread these in,
 * so each dialect's compile-time check against the SDK types (sdk-types.ts) still covers them.
 */
import { z } from 'zod';

const eventId = z.string().optional();

export const dialectNeutralClientEvents = {
  'input_audio_buffer.commit': z.strictObject({ type: z.literal('input_audio_buffer.commit'), event_id: eventId }),
  'input_audio_buffer.clear': z.strictObject({ type: z.literal('input_audio_buffer.clear'), event_id: eventId }),
  'output_audio_buffer.clear': z.strictObject({ type: z.literal('output_audio_buffer.clear'), event_id: eventId }),
  'conversation.item.retrieve': z.strictObject({ type: z.literal('conversation.item.retrieve'), item_id: z.string(), event_id: eventId }),
  'conversation.item.delete': z.strictObject({ type: z.literal('conversation.item.delete'), item_id: z.string(), event_id: eventId }),
  'conversation.item.truncate': z.strictObject({
    type: z.literal('conversation.item.truncate'),
    audio_end_ms: z.number().int().min(0),
    content_index: z.number().int().min(0),
    item_id: z.string(),
    event_id: eventId,
  }),
  'response.cancel': z.strictObject({ type: z.literal('response.cancel'), event_id: eventId, response_id: z.string().optional() }),
  /** Not in `RealtimeClientEvent` (translation sessions have it); the mock keeps accepting it. */
  'session.close': z.strictObject({ type: z.literal('session.close'), event_id: eventId }),
} as const;
