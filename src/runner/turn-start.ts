import type { TraceTurn } from '../metrics/trace.js';
import type { SessionPlan } from '../scenario/types.js';
import type { MicClip, Microphone } from './mic.js';
import type { PreparedTurn } from './prepare.js';
import type { PlannedStart } from './scheduler.js';

/** A barge-in whose realised onset is checked once the chunk holding it was sent. */
export interface OnsetCheck {
  turn: number;
  onsetByte: number;
  referenceT: number;
  offsetMs: number;
}

export interface PlacedTurn {
  clip: MicClip;
  /** Stream byte where the clip's first played byte lands. */
  atByte: number;
  /** The trace record of the turn (its `t` is filled in by the caller). */
  record: Omit<TraceTurn, 't'>;
  onsetCheck: OnsetCheck | null;
}

/**
 * Where a planned turn goes in the microphone stream, captured from `captureFrom` on: its audio
 * starts at the planned instant, or — if that instant is already being captured — now, with as much
 * of its leading silence skipped as keeps a barge-in's speech onset on time. Pure.
 */
export function placeTurn(
  p: PlannedStart,
  captureFrom: number,
  c: { plan: SessionPlan; prepared: PreparedTurn; mic: Microphone; bytesPerMs: number; manual: boolean },
): PlacedTurn {
  const { prepared: prep, mic, bytesPerMs } = c;
  const onsetMs = prep.speech[0]?.start_ms ?? 0;
  const startT = Math.max(captureFrom, p.audioT);
  const skipMs = p.anchor === 'onset' ? Math.min(onsetMs, Math.max(0, startT - p.audioT)) : 0;
  const atByte = mic.alignToSample(mic.positionBytes + (startT - captureFrom) * bytesPerMs);
  const skipBytes = mic.alignToSample(skipMs * bytesPerMs);
  const startPos = atByte / bytesPerMs;
  const shift = startPos - skipBytes / bytesPerMs;
  const tp = c.plan.turns[p.turn];
  const bargeIn = tp.start.after === 'first_audio' || tp.start.after === 'played';
  const record: Omit<TraceTurn, 't'> = {
    k: 'turn',
    s: c.plan.id,
    turn: p.turn,
    ...(tp.name !== undefined ? { name: tp.name } : {}),
    fixture: tp.audio,
    pos_ms: startPos,
    speech: prep.speech.map((sp) => ({ start_ms: Math.max(startPos, sp.start_ms + shift), end_ms: sp.end_ms + shift })).filter((sp) => sp.end_ms > sp.start_ms),
    trigger: tp.start.after,
    barge_in: bargeIn,
    manual: c.manual,
    skip_ms: round3(skipBytes / bytesPerMs),
    reference_t: round3(p.referenceT),
    offset_ms: p.offsetMs,
  };
  const onsetCheck =
    bargeIn && prep.speech.length
      ? { turn: p.turn, onsetByte: atByte + Math.round(onsetMs * bytesPerMs - skipBytes), referenceT: p.referenceT, offsetMs: p.offsetMs }
      : null;
  return { clip: { turn: p.turn, audio: prep.audio, tail: prep.tail, skipBytes }, atByte, record, onsetCheck };
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
