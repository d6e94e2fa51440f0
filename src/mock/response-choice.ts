/**
 * What a response says and when it starts: pure decisions from the session state, the directives
 * and the profile.
 */
import { isRecord } from '../protocol/codec.js';
import type { AudioFormat, SessionConfig } from '../protocol/session.js';
import type { AssistantAudio } from './assistant-audio.js';
import type { Conversation } from './conversation.js';
import type { ParsedDirectives } from './directives.js';
import { fittedFirstAudioMs } from './fitted-draws.js';
import type { Prng } from './prng.js';
import type { MockProfile } from './profiles.js';
import type { ResponseContent } from './response.js';

/**
 * The first-audio delay D: the median is directives' `first_audio_ms`, else the server's
 * `firstAudioMs`, else the profile's; jitter 0 → exactly the median, N > 0 → uniform ±N, unset →
 * the profile's lognormal spread (clamped to its bounds, widened to include the median).
 */
export function firstAudioDelayMs(
  profile: MockProfile,
  directives: ParsedDirectives,
  settings: { firstAudioMs?: number; jitterMs?: number },
  rng: Prng,
): number {
  const p = profile.firstAudio;
  const median = directives.first_audio_ms ?? settings.firstAudioMs ?? p.medianMs;
  const jitter = directives.jitter_ms ?? settings.jitterMs;
  const fitted = fittedFirstAudioMs(profile, directives.first_audio_ms !== undefined || settings.firstAudioMs !== undefined || jitter !== undefined, rng);
  if (fitted !== undefined) return fitted;
  if (jitter === 0) return median;
  if (jitter !== undefined) return Math.max(0, median + rng.uniform(-jitter, jitter));
  const v = rng.lognormal(median, p.sigma);
  return Math.min(Math.max(v, Math.min(p.minMs, median)), Math.max(p.maxMs, median));
}

export interface ChoiceInput {
  /** `response.create`'s `response` object (neutral form), or {} for a VAD-triggered response. */
  conf: Record<string, unknown>;
  session: SessionConfig;
  conversation: Conversation;
  directives: ParsedDirectives;
  assistant: AssistantAudio;
  modalities: Array<'audio' | 'text'>;
  format: AudioFormat;
  /** User turns that already got their directive tool call (updated here). */
  toolTurnsCalled: Set<number>;
}

/**
 * A tool call when the directives name one for the current user turn (once per turn), or when
 * tool_choice forces a function (`{type:'function', name}`, or 'required' with tools declared) —
 * never right after a function_call_output, which is answered; otherwise audio (or text).
 */
export function chooseContent(c: ChoiceInput): ResponseContent {
  const toolChoice = (c.conf.tool_choice ?? c.session.tool_choice ?? 'auto') as SessionConfig['tool_choice'];
  const tools = (Array.isArray(c.conf.tools) ? c.conf.tools : (c.session.tools ?? [])) as Array<{ name?: string }>;
  const afterToolOutput = c.conversation.last()?.item.type === 'function_call_output';
  const turn = [...c.conversation.all()].reverse().find((s) => s.userTurn !== undefined)?.userTurn;
  const argsFor = (name: string) => JSON.stringify(c.directives.tool_calls?.find((t) => t.name === name)?.arguments ?? {});
  if (toolChoice !== 'none' && !afterToolOutput) {
    const directive = turn === undefined ? undefined : c.directives.tool_calls?.find((t) => t.turn === turn);
    if (directive && turn !== undefined && !c.toolTurnsCalled.has(turn)) {
      c.toolTurnsCalled.add(turn);
      return { kind: 'function_call', name: directive.name, arguments: JSON.stringify(directive.arguments ?? {}) };
    }
    if (isRecord(toolChoice) && toolChoice.type === 'function' && typeof toolChoice.name === 'string') {
      return { kind: 'function_call', name: toolChoice.name, arguments: argsFor(toolChoice.name) };
    }
    if (toolChoice === 'required' && typeof tools[0]?.name === 'string') {
      return { kind: 'function_call', name: tools[0].name, arguments: argsFor(tools[0].name) };
    }
  }
  if (c.modalities.includes('audio')) return { kind: 'audio', clip: c.assistant.clip(c.format, c.directives.response_audio_ms) };
  return { kind: 'text', text: c.assistant.transcript };
}
