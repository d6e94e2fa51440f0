import { withdrawnBefore, type ResponseInfo } from './responses.js';
import type { TraceRecv, TraceSend } from './trace.js';

/** A signal that the user's turn ended: the server's speech_stopped, or the client's commit. */
export interface EndSignal {
  t: number;
  stopped?: TraceRecv;
  commit?: TraceSend;
}

/** The outcome of the pairing rule for one turn (docs/metrics.md, "Pairing"). */
export interface TurnPairing {
  /** Every response created in the turn's window after its first end signal. */
  responses: ResponseInfo[];
  /** The turn's answer: its first response not cancelled or left incomplete while the turn was current. */
  answer: ResponseInfo | null;
  /** The end-of-turn detection that led to the answer (the last end signal before it was created). */
  endSignal: EndSignal | null;
  /** Responses of the turn withdrawn (cancelled or incomplete) before the answer. */
  cancelled: ResponseInfo[];
  /** The first response from the answer on whose audio counts (the answer, or a tool turn's follow-up). */
  audible: ResponseInfo | null;
}

/**
 * The one pairing rule. A turn owns the responses created in its window [from, to) after its first
 * end signal. Its answer is the first of them not cancelled/incomplete before `to` — a response the
 * next turn's barge-in cancels is still this turn's answer. Its end-of-turn detection is the last
 * speech_stopped/commit before the answer was created.
 */
export function pairTurn(responses: ResponseInfo[], signals: EndSignal[], to: number): TurnPairing {
  const first = signals[0];
  const own = first ? responses.filter((r) => r.createdT >= first.t) : [];
  const answerIndex = own.findIndex((r) => !withdrawnBefore(r, to));
  const answer = answerIndex >= 0 ? own[answerIndex] : null;
  const cancelled = (answer ? own.slice(0, answerIndex) : own).filter((r) => withdrawnBefore(r, to));
  const endSignal = answer ? ([...signals].reverse().find((s) => s.t <= answer.createdT) ?? null) : null;
  const audible = answer ? (own.slice(answerIndex).find((r) => r.firstAudioT !== null && (r === answer || !withdrawnBefore(r, to))) ?? null) : null;
  return { responses: own, answer, endSignal, cancelled, audible };
}
