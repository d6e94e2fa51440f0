/**
 * The client events the mock acts on, typed: a discriminated union over the normalized (GA-named)
 * client events, the counterpart of {@link ServerEvent} in server-events.ts. The mock validates each
 * frame against its dialect's schema before it reaches a handler (mock/validate); fields are typed
 * as they arrive after that, and the ones a lenient schema may let through absent are optional, so
 * a handler still answers a missing field with the service's error instead of trusting it.
 */
import type { RealtimeEvent } from './events.js';

interface Base<T extends string> {
  type: T;
  event_id?: string;
}

/** Every client event type the mock handles, each with the fields its handler reads. */
export type ClientEvent =
  | (Base<'session.update'> & { session?: unknown })
  | Base<'session.close'>
  | (Base<'input_audio_buffer.append'> & { audio?: unknown })
  | Base<'input_audio_buffer.commit'>
  | Base<'input_audio_buffer.clear'>
  | Base<'output_audio_buffer.clear'>
  | (Base<'conversation.item.create'> & { item?: unknown; previous_item_id?: unknown })
  | (Base<'conversation.item.retrieve'> & { item_id?: unknown })
  | (Base<'conversation.item.delete'> & { item_id?: unknown })
  | (Base<'conversation.item.truncate'> & { item_id?: unknown; content_index?: unknown; audio_end_ms?: unknown })
  | (Base<'response.create'> & { response?: unknown })
  | (Base<'response.cancel'> & { response_id?: unknown });

/** The type names of {@link ClientEvent}. */
export type ClientEventType = ClientEvent['type'];

/** The event of one type. */
export type ClientEventOf<T extends ClientEventType> = Extract<ClientEvent, { type: T }>;

/** A table with one handler per client event type, each receiving its own event type. */
export type ClientEventHandlers<A extends unknown[]> = { [T in ClientEventType]: (e: ClientEventOf<T>, ...rest: A) => void };

/**
 * Reads a decoded client event as a {@link ClientEvent} when `handlers` has its type (the table is
 * the list of types), else null: the caller answers an unknown type with the service's error.
 */
export function asClientEvent<A extends unknown[]>(e: RealtimeEvent, handlers: ClientEventHandlers<A>): ClientEvent | null {
  return Object.hasOwn(handlers, e.type) ? (e as ClientEvent) : null;
}

/** Calls the handler of `e`'s type with `e` (the one place the type-to-handler pairing is asserted). */
export function dispatchClientEvent<A extends unknown[]>(handlers: ClientEventHandlers<A>, e: ClientEvent, ...rest: A): void {
  (handlers[e.type] as (e: ClientEvent, ...rest: A) => void)(e, ...rest);
}
