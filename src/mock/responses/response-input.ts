/**
 * `response.create` options that shape a response's context and length: `input` (items, or
 * `{type: "item_reference", id}` naming conversation items) replaces the conversation as context
 * (`[]` = empty context); `max_output_tokens` cuts the answer, which then ends `incomplete`.
 */
import type { ConversationItem } from '../../protocol/events.js';
import { bytesPerMsOf, type AudioFormat } from '../../protocol/session.js';
import type { Conversation, StoredItem } from '../session/conversation.js';
import { errors, type ErrorTemplate } from '../errors.js';
import type { ResponseContent } from './types.js';
import { OUTPUT_AUDIO_TOKENS_PER_S, textTokens } from './usage.js';

export type InputResult = { ok: true; context: readonly StoredItem[] | undefined } | { ok: false; error: ErrorTemplate };

/** The context `input` describes (undefined: the conversation). Unknown references are an error. */
export function resolveInput(input: unknown, conversation: Conversation): InputResult {
  if (!Array.isArray(input)) return { ok: true, context: undefined };
  const context: StoredItem[] = [];
  for (const [i, raw] of input.entries()) {
    const item = raw as ConversationItem & { id?: string };
    if (item.type === 'item_reference') {
      const stored = item.id === undefined ? undefined : conversation.get(item.id);
      if (!stored)
        return {
          ok: false,
          error: errors.invalidValue(`response.input[${i}].id`, `Invalid 'response.input[${i}].id': no conversation item with id '${String(item.id)}'.`),
        };
      context.push(stored);
    } else {
      context.push({ item, audio: null, audioMs: 0 });
    }
  }
  return { ok: true, context };
}

/**
 * Cuts audio/text content to `maxOutputTokens` (audio at 20 tokens/s, plus its transcript's text
 * tokens); `cut` says the response must end `incomplete` with reason `max_output_tokens`.
 */
export function trimToMaxOutputTokens(
  content: ResponseContent,
  maxOutputTokens: number | 'inf',
  format: AudioFormat,
): { content: ResponseContent; cut: boolean } {
  if (maxOutputTokens === 'inf') return { content, cut: false };
  if (content.kind === 'audio') {
    const { clip } = content;
    const tokensPerMs = OUTPUT_AUDIO_TOKENS_PER_S / 1000 + textTokens(clip.transcript) / Math.max(1, clip.ms);
    if (clip.ms * tokensPerMs <= maxOutputTokens) return { content, cut: false };
    const keepMs = Math.floor(maxOutputTokens / tokensPerMs);
    const perMs = bytesPerMsOf(format);
    let n = Math.round(keepMs * perMs);
    if (format === 'pcm16') n -= n % 2;
    const words = clip.transcript.split(/\s+/).filter(Boolean);
    const transcript = words.slice(0, Math.floor((words.length * keepMs) / clip.ms)).join(' ');
    return { content: { kind: 'audio', clip: { bytes: clip.bytes.subarray(0, n), ms: n / perMs, transcript } }, cut: true };
  }
  if (content.kind === 'text') {
    if (textTokens(content.text) <= maxOutputTokens) return { content, cut: false };
    return { content: { kind: 'text', text: content.text.slice(0, maxOutputTokens * 4) }, cut: true };
  }
  return { content, cut: false };
}
