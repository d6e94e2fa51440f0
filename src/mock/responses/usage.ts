/**
 * Token usage as `response.done` reports it, computed from what is in context:
 * input audio ≈ 10 tokens/s, output audio ≈ 20 tokens/s (the 4o-realtime family's rates,
 * docs/protocol-notes.md), text ≈ 4 characters per token. Cached input follows the service's 64-token
 * granularity: the previous response's input, rounded down to a multiple of 64, counts as cached.
 */
import type { ResponseUsage } from '../../protocol/events.js';
import type { StoredItem } from '../session/conversation.js';

export const INPUT_AUDIO_TOKENS_PER_S = 10;
export const OUTPUT_AUDIO_TOKENS_PER_S = 20;

export function textTokens(text: string | undefined | null): number {
  return text ? Math.ceil(text.length / 4) : 0;
}

export interface UsageInput {
  instructions: string;
  toolsJson: string;
  context: readonly StoredItem[];
  outputAudioMs: number;
  outputText: string;
  /** Input tokens of the previous response in this session (prefix cache). */
  previousInputTokens: number;
}

export interface FullUsage extends ResponseUsage {
  total_tokens: number;
  input_tokens: number;
  output_tokens: number;
  input_token_details: {
    text_tokens: number;
    audio_tokens: number;
    image_tokens: number;
    cached_tokens: number;
    cached_tokens_details: { text_tokens: number; audio_tokens: number; image_tokens: number };
  };
  output_token_details: { text_tokens: number; audio_tokens: number };
}

export function computeUsage(u: UsageInput): FullUsage {
  let inText = textTokens(u.instructions) + textTokens(u.toolsJson);
  let inAudio = 0;
  for (const s of u.context) {
    const item = s.item;
    if (s.audio === 'input') inAudio += Math.ceil((s.audioMs / 1000) * INPUT_AUDIO_TOKENS_PER_S);
    else if (s.audio === 'output') inAudio += Math.ceil((s.audioMs / 1000) * OUTPUT_AUDIO_TOKENS_PER_S);
    for (const part of item.content ?? []) inText += textTokens(part.text) + (s.audio ? 0 : textTokens(part.transcript));
    inText += textTokens(item.arguments) + textTokens(item.output);
  }
  const input = inText + inAudio;
  const cached = Math.min(input, Math.floor(u.previousInputTokens / 64) * 64);
  const cachedAudio = input > 0 ? Math.min(inAudio, Math.round((cached * inAudio) / input)) : 0;
  const outAudio = Math.ceil((u.outputAudioMs / 1000) * OUTPUT_AUDIO_TOKENS_PER_S);
  const outText = textTokens(u.outputText);
  return {
    total_tokens: input + outAudio + outText,
    input_tokens: input,
    output_tokens: outAudio + outText,
    input_token_details: {
      text_tokens: inText,
      audio_tokens: inAudio,
      image_tokens: 0,
      cached_tokens: cached,
      cached_tokens_details: { text_tokens: cached - cachedAudio, audio_tokens: cachedAudio, image_tokens: 0 },
    },
    output_token_details: { text_tokens: outText, audio_tokens: outAudio },
  };
}
