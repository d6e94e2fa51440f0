/**
 * The conversation the mock keeps: ordered items with the audio each one holds, so truncation is
 * checked against what was actually sent and usage counts what is in context.
 */
import type { ConversationItem } from '../../protocol/events.js';

export interface StoredItem {
  item: ConversationItem;
  /** `input`: user audio committed from the buffer; `output`: assistant audio sent by a response. */
  audio: 'input' | 'output' | null;
  /** Audio this item holds now (ms): committed input, or output sent so far (then truncated). */
  audioMs: number;
  /** 0-based user turn this item opened (user messages only). */
  userTurn?: number;
}

export class Conversation {
  private readonly items: StoredItem[] = [];
  private userTurns = 0;

  get(id: string): StoredItem | undefined {
    return this.items.find((s) => s.item.id === id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Items in order. */
  all(): readonly StoredItem[] {
    return this.items;
  }

  last(): StoredItem | undefined {
    return this.items[this.items.length - 1];
  }

  /** Number of user messages so far (the next one opens turn `userTurnCount`). */
  get userTurnCount(): number {
    return this.userTurns;
  }

  /**
   * Inserts an item: appended when `previousItemId` is undefined, first for `'root'` or null,
   * else right after that item (the caller has checked it exists). Returns the id of the item
   * before it (null when first), which the service reports as `previous_item_id`.
   */
  insert(stored: StoredItem, previousItemId?: string | null): string | null {
    if (stored.item.type === 'message' && stored.item.role === 'user') stored.userTurn = this.userTurns++;
    let index: number;
    if (previousItemId === undefined) index = this.items.length;
    else if (previousItemId === null || previousItemId === 'root') index = 0;
    else index = this.items.findIndex((s) => s.item.id === previousItemId) + 1;
    this.items.splice(index, 0, stored);
    return index > 0 ? (this.items[index - 1].item.id ?? null) : null;
  }

  delete(id: string): boolean {
    const i = this.items.findIndex((s) => s.item.id === id);
    if (i < 0) return false;
    this.items.splice(i, 1);
    return true;
  }

  /** The function_call item that has this call_id, if any. */
  functionCall(callId: string): StoredItem | undefined {
    return this.items.find((s) => s.item.type === 'function_call' && s.item.call_id === callId);
  }
}
