/**
 * Input audio transcription events for a committed user item: deltas spread over the 200 ms before
 * `completed` (whisper-1 sends only `completed`), text from the directives or a placeholder.
 */
import type { Clock } from '../clock/clock.js';
import type { StoredItem } from './conversation.js';
import type { SessionIO } from './items.js';
import type { Prng } from './prng.js';
import type { MockProfile } from './profiles.js';
import type { TimerGroup } from './scheduler.js';
import { INPUT_AUDIO_TOKENS_PER_S, textTokens } from './usage.js';

export interface TranscriptionContext {
  io: SessionIO;
  clock: Clock;
  timers: TimerGroup;
  rng: Prng;
  profile: MockProfile;
  /** The session's `input_audio_transcription.model`. */
  model: string;
  /** Directives' `transcripts`, by user turn. */
  transcripts: readonly string[] | undefined;
}

export function scheduleTranscription(stored: StoredItem, ctx: TranscriptionContext): void {
  const turn = stored.userTurn ?? 0;
  const text = ctx.transcripts?.[turn] || `(mock transcript of user turn ${turn + 1})`;
  const p = ctx.profile.transcription;
  const delayMs = Math.max(50, ctx.rng.lognormal(p.medianMs, p.sigma));
  const itemId = stored.item.id!;
  const t0 = ctx.clock.now();
  if (ctx.model !== 'whisper-1') {
    const words = text.split(/\s+/).filter(Boolean);
    words.forEach((w, i) => {
      ctx.timers.at(t0 + delayMs - 200 + (200 * i) / Math.max(1, words.length), () => {
        ctx.io.send({ type: 'conversation.item.input_audio_transcription.delta', item_id: itemId, content_index: 0, delta: (i > 0 ? ' ' : '') + w });
      });
    });
  }
  ctx.timers.at(t0 + delayMs, () => {
    const part = stored.item.content?.[0];
    if (part) part.transcript = text;
    const audioTokens = Math.ceil((stored.audioMs / 1000) * INPUT_AUDIO_TOKENS_PER_S);
    const outTokens = textTokens(text);
    ctx.io.send({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: itemId,
      content_index: 0,
      transcript: text,
      usage: {
        type: 'tokens',
        total_tokens: audioTokens + outTokens,
        input_tokens: audioTokens,
        input_token_details: { text_tokens: 0, audio_tokens: audioTokens },
        output_tokens: outTokens,
      },
    });
  });
}
