import type { ResponseUsage } from '../protocol/events.js';

/** USD per 1M tokens. */
export interface ModelPrice {
  text_input: number;
  text_cached_input: number;
  text_output: number;
  audio_input: number;
  audio_cached_input: number;
  audio_output: number;
}

/**
 * Published OpenAI realtime prices, USD per 1M tokens (prices change — override with a price file,
 * see README "Cost"). Each entry says when and where it was taken. Models shut down since stay in
 * the table so older runs re-report with their cost. Models without a published price (e.g.
 * gpt-realtime-2.1, -2.1-mini as of December 2026) are left out: their cost is reported as unknown
 * rather than guessed from a neighbour's.
 */
export const PRICES_TAKEN = '2025-10 (gpt-realtime-2: 2026-05)';
export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  // OpenAI pricing page, 2025-10.
  'gpt-realtime': { text_input: 4, text_cached_input: 0.4, text_output: 16, audio_input: 32, audio_cached_input: 0.4, audio_output: 64 },
  'gpt-realtime-mini': { text_input: 0.6, text_cached_input: 0.06, text_output: 2.4, audio_input: 10, audio_cached_input: 0.3, audio_output: 20 },
  'gpt-4o-realtime-preview': { text_input: 5, text_cached_input: 2.5, text_output: 20, audio_input: 40, audio_cached_input: 2.5, audio_output: 80 },
  'gpt-4o-mini-realtime-preview': { text_input: 0.6, text_cached_input: 0.3, text_output: 2.4, audio_input: 10, audio_cached_input: 0.3, audio_output: 20 },
  // OpenAI's gpt-realtime-2 release notes, 2026-05: audio $32 in / $0.40 cached / $64 out. Text
  // rates were not in the notes: ASSUMED equal to gpt-realtime's, whose audio rates are the same.
  'gpt-realtime-2': { text_input: 4, text_cached_input: 0.4, text_output: 16, audio_input: 32, audio_cached_input: 0.4, audio_output: 64 },
};

const DATED_SNAPSHOT = /-\d{4}-\d{2}-\d{2}$/;

/**
 * Price for a model name: exact, else the undated name of a dated snapshot
 * (`gpt-realtime-2025-08-28` → `gpt-realtime`), else null. Never a mere prefix: `gpt-realtime-2.1`
 * is not priced as `gpt-realtime`.
 */
export function priceFor(model: string, table: Record<string, ModelPrice> = DEFAULT_PRICES): ModelPrice | null {
  if (table[model]) return table[model];
  if (!DATED_SNAPSHOT.test(model)) return null;
  return table[model.replace(DATED_SNAPSHOT, '')] ?? null;
}

/** Cost in USD of one response's usage; null when the model has no price or usage is missing. */
export function costOf(usage: ResponseUsage | null | undefined, price: ModelPrice | null): number | null {
  if (!usage || !price) return null;
  const inD = usage.input_token_details ?? {};
  const outD = usage.output_token_details ?? {};
  const inAudio = inD.audio_tokens ?? 0;
  const inText = inD.text_tokens ?? Math.max(0, (usage.input_tokens ?? 0) - inAudio);
  const cached = inD.cached_tokens ?? 0;
  // Cached tokens are a subset of input tokens; price them at the text cached rate (conservative split).
  const outAudio = outD.audio_tokens ?? 0;
  const outText = outD.text_tokens ?? Math.max(0, (usage.output_tokens ?? 0) - outAudio);
  const usd =
    (Math.max(0, inText - cached) * price.text_input +
      cached * price.text_cached_input +
      inAudio * price.audio_input +
      outText * price.text_output +
      outAudio * price.audio_output) /
    1e6;
  return Math.round(usd * 1e8) / 1e8;
}
