/**
 * Input audio transcription events for a committed user item: deltas spread over the 200 ms before
 * `completed` (whisper-1 sends only `completed`), text from the script, the directives or a
 * placeholder. A diarizing model (`gpt-4o-transcribe-diarize`) sends one `…segment` per sentence
 * before `completed`; a scripted failure sends `…failed` instead. `gpt-transcribe` adds the
 * detected `languages` to `completed`; `gpt-realtime-whisper`'s `delay` scales the wait.
 */
import type { Clock } from '../../clock/clock.js';
import type { StoredItem } from '../session/conversation.js';
import type { SessionIO } from '../session/items.js';
import type { Prng } from '../../util/prng.js';
import type { MockProfile } from '../behaviour/profiles.js';
import type { TimerGroup } from '../timer-group.js';
import { INPUT_AUDIO_TOKENS_PER_S, textTokens } from './usage.js';
import type { TranscriptionStep } from '../scripting-hooks.js';
import type { TranscriptionConfig } from '../../protocol/session.js';

const DIARIZE_MODEL = 'gpt-4o-transcribe-diarize';
/** "The languages detected in the audio. Returned by `gpt-transcribe`." (openai 7.x types) */
const LANGUAGES_MODEL = 'gpt-transcribe';
const DELAY_MODEL = 'gpt-realtime-whisper';

/**
 * ASSUMPTION (no published figures): `delay` trades latency for accuracy ("Higher values can improve
 * transcription accuracy at the cost of latency"); the mock scales the profile's transcription wait
 * by these factors, `medium` being the profile's own number.
 */
export const DELAY_FACTORS = { minimal: 0.4, low: 0.7, medium: 1, high: 1.5, xhigh: 2 } as const;

/**
 * The languages `gpt-transcribe` reports: the mock hears no language, so it reports the first one
 * the session allows (`languages`, else `language`), else English.
 */
export function detectedLanguages(config: Pick<TranscriptionConfig, 'language' | 'languages'>): Array<{ code: string }> {
  const code = config.languages?.[0] ?? config.language ?? 'en';
  return [{ code }];
}

export interface TranscriptionContext {
  io: SessionIO;
  clock: Clock;
  timers: TimerGroup;
  rng: Prng;
  profile: MockProfile;
  /** The session's `input_audio_transcription`. */
  config: TranscriptionConfig;
  /** Directives' `transcripts`, by user turn. */
  transcripts: readonly string[] | undefined;
  /** Scripted for this item: a failure or a text. */
  step?: TranscriptionStep;
}

export function scheduleTranscription(stored: StoredItem, ctx: TranscriptionContext): void {
  const turn = stored.userTurn ?? 0;
  const scripted = ctx.step?.kind === 'text' ? ctx.step.text : undefined;
  const text = scripted ?? (ctx.transcripts?.[turn] || `(mock transcript of user turn ${turn + 1})`);
  const p = ctx.profile.transcription;
  const model = ctx.config.model ?? '';
  const delayFactor = model === DELAY_MODEL ? DELAY_FACTORS[ctx.config.delay ?? 'medium'] : 1;
  const delayMs = Math.max(50, ctx.rng.lognormal(p.medianMs * delayFactor, p.sigma));
  const itemId = stored.item.id!;
  const t0 = ctx.clock.now();
  if (ctx.step?.kind === 'failed') {
    const error = { type: 'server_error', code: 'transcription_failed', message: 'Input audio transcription failed.', param: null, ...ctx.step.error };
    ctx.timers.at(t0 + delayMs, () => ctx.io.send({ type: 'conversation.item.input_audio_transcription.failed', item_id: itemId, content_index: 0, error }));
    return;
  }
  if (model === DIARIZE_MODEL) scheduleSegments(stored, text, ctx, t0 + delayMs - 1);
  else if (model !== 'whisper-1') {
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
      ...(model === LANGUAGES_MODEL ? { languages: detectedLanguages(ctx.config) } : {}),
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

/** One segment per sentence, spread over the item's audio, speaker `A`. */
function scheduleSegments(stored: StoredItem, text: string, ctx: TranscriptionContext, atMs: number): void {
  const sentences = text
    .match(/[^.!?]+[.!?]*/g)
    ?.map((s) => s.trim())
    .filter(Boolean) ?? [text];
  const totalChars = sentences.reduce((n, s) => n + s.length, 0) || 1;
  const audioS = stored.audioMs / 1000;
  let startS = 0;
  ctx.timers.at(atMs, () => {
    sentences.forEach((s, i) => {
      const endS = startS + (audioS * s.length) / totalChars;
      ctx.io.send({
        type: 'conversation.item.input_audio_transcription.segment',
        item_id: stored.item.id!,
        content_index: 0,
        id: `seg_${String(i).padStart(4, '0')}`,
        speaker: 'A',
        text: s,
        start: Math.round(startS * 1000) / 1000,
        end: Math.round(endS * 1000) / 1000,
      });
      startS = endS;
    });
  });
}
