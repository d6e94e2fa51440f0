/**
 * Client events on conversation items: create, retrieve, delete, truncate — with the service's
 * checks (unknown ids, previous_item_id, function_call_output call ids, truncation limits).
 */
import { isRecord } from '../../protocol/codec.js';
import type { ClientEventOf } from '../../protocol/client-events.js';
import type { ConversationItem, RealtimeEvent } from '../../protocol/events.js';
import { bytesPerMsOf, type AudioFormat } from '../../protocol/session.js';
import type { Conversation, StoredItem } from './conversation.js';
import { errors, type ErrorTemplate } from '../errors.js';
import type { IdGenerator } from '../ids.js';

/** How item handlers talk back to the client. */
export interface SessionIO {
  send(event: RealtimeEvent): void;
  sendError(error: ErrorTemplate, clientEventId: string | null): void;
}

export class ItemEvents {
  constructor(
    private readonly io: SessionIO,
    private readonly conversation: Conversation,
    private readonly ids: IdGenerator,
    private readonly inputFormat: () => AudioFormat,
  ) {}

  create(e: ClientEventOf<'conversation.item.create'>, clientEventId: string | null): void {
    const fail = (err: ErrorTemplate) => this.io.sendError(err, clientEventId);
    const raw = e.item;
    if (!isRecord(raw)) return fail(errors.missingParam('item'));
    if (typeof raw.type !== 'string') return fail(errors.missingParam('item.type'));
    const prev = e.previous_item_id;
    if (typeof prev === 'string' && prev !== 'root' && !this.conversation.has(prev)) return fail(errors.previousItemNotFound(prev));
    const id = typeof raw.id === 'string' && raw.id ? raw.id : this.ids.next('item');
    if (this.conversation.has(id)) return fail(errors.duplicateItem(id));
    const item: ConversationItem = { ...(raw as unknown as ConversationItem), id, object: 'realtime.item', status: 'completed' };
    let audio: StoredItem['audio'] = null;
    let audioMs = 0;
    if (raw.type === 'message') {
      if (!['user', 'assistant', 'system'].includes(String(raw.role))) {
        return fail(errors.invalidValue('item.role', `Invalid value: '${String(raw.role)}'. Supported values are: 'user', 'assistant', and 'system'.`));
      }
      if (!Array.isArray(raw.content)) return fail(errors.missingParam('item.content'));
      item.content = item.content!.map((p) => ({ ...p }));
      for (const part of item.content) {
        if (part.type === 'input_audio' && typeof part.audio === 'string') {
          // Audio given inline counts as user audio; the item keeps no copy of the bytes.
          audio = 'input';
          audioMs += Buffer.byteLength(part.audio, 'base64') / bytesPerMsOf(this.inputFormat());
          part.transcript ??= null;
          delete part.audio;
        }
      }
    } else if (raw.type === 'function_call_output') {
      if (typeof raw.call_id !== 'string') return fail(errors.missingParam('item.call_id'));
      if (typeof raw.output !== 'string') return fail(errors.missingParam('item.output'));
      if (!this.conversation.functionCall(raw.call_id)) return fail(errors.callIdNotFound(raw.call_id));
    } else if (raw.type === 'mcp_approval_response') {
      const request = this.conversation.get(String(raw.approval_request_id));
      if (!request || request.item.type !== 'mcp_approval_request') {
        return fail(
          errors.invalidValue(
            'item.approval_request_id',
            `Invalid 'item.approval_request_id': no MCP approval request with id '${String(raw.approval_request_id)}'.`,
          ),
        );
      }
    } else if (raw.type === 'function_call') {
      for (const f of ['call_id', 'name', 'arguments'] as const) if (typeof raw[f] !== 'string') return fail(errors.missingParam(`item.${f}`));
    } else {
      return fail(
        errors.invalidValue(
          'item.type',
          `Invalid value: '${raw.type}'. Supported values are: 'message', 'function_call', 'function_call_output', and 'mcp_approval_response'.`,
        ),
      );
    }
    const placement = typeof prev === 'string' ? prev : prev === null ? null : undefined;
    const previous = this.conversation.insert({ item, audio, audioMs }, placement);
    this.io.send({ type: 'conversation.item.added', previous_item_id: previous, item });
    this.io.send({ type: 'conversation.item.done', previous_item_id: previous, item });
  }

  retrieve(e: ClientEventOf<'conversation.item.retrieve'>, clientEventId: string | null): void {
    const id = this.itemIdOf(e, clientEventId);
    if (id === null) return;
    const stored = this.conversation.get(id);
    if (!stored) return this.io.sendError(errors.itemNotFound('retrieving', id), clientEventId);
    this.io.send({ type: 'conversation.item.retrieved', item: stored.item });
  }

  delete(e: ClientEventOf<'conversation.item.delete'>, clientEventId: string | null): void {
    const id = this.itemIdOf(e, clientEventId);
    if (id === null) return;
    if (!this.conversation.delete(id)) return this.io.sendError(errors.itemNotFound('deleting', id), clientEventId);
    this.io.send({ type: 'conversation.item.deleted', item_id: id });
  }

  /**
   * Only assistant items holding output audio can be truncated, and only within the audio actually
   * sent. The service deletes the item's transcript (a later retrieve shows `transcript: null`).
   */
  truncate(e: ClientEventOf<'conversation.item.truncate'>, clientEventId: string | null): void {
    const fail = (err: ErrorTemplate) => this.io.sendError(err, clientEventId);
    const id = this.itemIdOf(e, clientEventId);
    if (id === null) return;
    if (e.audio_end_ms === undefined) return fail(errors.missingParam('audio_end_ms'));
    const contentIndex = e.content_index === undefined ? 0 : e.content_index;
    const stored = this.conversation.get(id);
    if (!stored) return fail(errors.itemNotFound('truncating', id));
    if (stored.audio !== 'output' || stored.audioMs <= 0) return fail(errors.notOutputAudio());
    if (contentIndex !== 0) return fail(errors.badContentIndex(Number(contentIndex)));
    const endMs = e.audio_end_ms;
    if (typeof endMs !== 'number' || !Number.isInteger(endMs) || endMs < 0) {
      return fail(errors.invalidValue('audio_end_ms', "Invalid 'audio_end_ms': expected a non-negative integer."));
    }
    const haveMs = Math.floor(stored.audioMs + 1e-6);
    if (endMs > haveMs) return fail(errors.audioShorter(haveMs, endMs));
    // The service deletes the transcript of a truncated item, so no text the user did not hear stays.
    const part = stored.item.content?.[0];
    if (part && 'transcript' in part) part.transcript = null;
    stored.audioMs = endMs;
    this.io.send({ type: 'conversation.item.truncated', item_id: id, content_index: 0, audio_end_ms: endMs });
  }

  private itemIdOf(e: { item_id?: unknown }, clientEventId: string | null): string | null {
    if (typeof e.item_id !== 'string') {
      this.io.sendError(errors.missingParam('item_id'), clientEventId);
      return null;
    }
    return e.item_id;
  }
}
