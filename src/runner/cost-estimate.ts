import { DEFAULT_PRICES, PRICES_TAKEN, priceFor, type ModelPrice } from '../metrics/cost.js';
import type { SessionPlan } from '../scenario/types.js';
import type { PreparedTurn } from './prepare.js';

/**
 * Audio tokens per second as billed for the 4o-realtime family (docs/protocol-notes.md, "Audio"): about 10
 * for input audio, 20 for output audio. Rough: good for "is this run $0.50 or $50", not an invoice.
 */
export const INPUT_AUDIO_TOKENS_PER_S = 10;
export const OUTPUT_AUDIO_TOKENS_PER_S = 20;
/** Expected length of one spoken answer when nothing says otherwise. */
export const DEFAULT_RESPONSE_AUDIO_MS = 4000;

export interface CostEstimate {
  /** Estimated USD over the priced sessions. */
  usd: number;
  /** Sessions estimated (non-mock targets only). */
  sessions: number;
  /** User audio streamed, seconds (silence included: it is appended, so it is billed). */
  inputAudioS: number;
  /** Expected answer audio, seconds. */
  outputAudioS: number;
  /** Models with no price in the table (their sessions count as $0 here). */
  unpriced: string[];
  responseAudioMs: number;
}

export interface EstimateOptions {
  prices?: Record<string, ModelPrice>;
  /** Expected answer length per turn (default {@link DEFAULT_RESPONSE_AUDIO_MS}). */
  responseAudioMs?: number;
}

/**
 * What running `sessions` against a paid service may cost. Every response re-reads the
 * conversation so far, so turn k is billed for all user and assistant audio of turns ≤ k as input
 * (cache discounts ignored: the estimate leans high), plus its own answer as output.
 */
export function estimateCost(sessions: readonly SessionPlan[], prepared: ReadonlyMap<string, PreparedTurn[]>, opts: EstimateOptions = {}): CostEstimate {
  const responseS = (opts.responseAudioMs ?? DEFAULT_RESPONSE_AUDIO_MS) / 1000;
  const prices = opts.prices ?? DEFAULT_PRICES;
  const unpriced = new Set<string>();
  let usd = 0;
  let inputAudioS = 0;
  let outputAudioS = 0;
  let count = 0;
  for (const sp of sessions) {
    if (sp.target === 'mock') continue;
    count++;
    const price = priceFor(sp.model, prices);
    if (!price) unpriced.add(sp.model);
    let contextTokens = 0;
    for (const turn of prepared.get(sp.id) ?? []) {
      const userS = turn.durationMs / 1000;
      inputAudioS += userS;
      outputAudioS += responseS;
      contextTokens += userS * INPUT_AUDIO_TOKENS_PER_S;
      const outTokens = responseS * OUTPUT_AUDIO_TOKENS_PER_S;
      if (price) usd += (contextTokens * price.audio_input + outTokens * price.audio_output) / 1e6;
      // The answer joins the context of every later turn.
      contextTokens += outTokens;
    }
  }
  return { usd, sessions: count, inputAudioS, outputAudioS, unpriced: [...unpriced], responseAudioMs: responseS * 1000 };
}

/** One line for the console: `cost estimate: ≈ $0.42 for 40 sessions (…)`. */
export function describeEstimate(e: CostEstimate): string {
  const parts = [
    `${fmt(e.inputAudioS)} s of user audio`,
    `${fmt(e.outputAudioS)} s of expected answers (${fmt(e.responseAudioMs / 1000)} s each)`,
    `prices of ${PRICES_TAKEN}`,
  ];
  if (e.unpriced.length) parts.push(`no price for ${e.unpriced.join(', ')}`);
  return `cost estimate: ≈ ${usd(e.usd)} for ${e.sessions} session${e.sessions === 1 ? '' : 's'} (${parts.join('; ')})`;
}

/** `$12.34`, `$0.015`, `< $0.0001`. */
export function usd(v: number): string {
  if (v >= 1) return `$${v.toFixed(2)}`;
  if (v < 0.0001) return v <= 0 ? '$0' : '< $0.0001';
  return `$${Number(v.toPrecision(2))}`;
}

function fmt(v: number): string {
  return String(Math.round(v * 10) / 10);
}
