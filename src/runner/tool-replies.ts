import type { RealtimeEvent } from '../protocol/events.js';
import type { ToolSpec } from '../scenario/types.js';

/**
 * The client side of function calling: collects the calls each response makes and, once that
 * response completed, answers each with the turn's canned output (or an error output for an
 * unexpected function) and asks for the follow-up response.
 */
export class ToolReplies {
  private readonly calls = new Map<string, Array<{ callId: string; name: string }>>();

  /** A `response.function_call_arguments.done` of response `responseId`. */
  callDone(responseId: string, callId: string, name: string): void {
    const list = this.calls.get(responseId) ?? [];
    list.push({ callId, name });
    this.calls.set(responseId, list);
  }

  /** Whether response `responseId` called any function. */
  hasCalls(responseId: string): boolean {
    return (this.calls.get(responseId)?.length ?? 0) > 0;
  }

  /** The events that answer response `responseId`'s calls and request the follow-up (empty if it made none). */
  replies(responseId: string, spec: ToolSpec | undefined): RealtimeEvent[] {
    const list = this.calls.get(responseId) ?? [];
    if (!list.length) return [];
    const out: RealtimeEvent[] = list.map((call) => {
      const output = spec && spec.name === call.name ? spec.output : { error: `no canned output for tool ${call.name}` };
      return { type: 'conversation.item.create', item: { type: 'function_call_output', call_id: call.callId, output: JSON.stringify(output) } };
    });
    out.push({ type: 'response.create' });
    return out;
  }
}
