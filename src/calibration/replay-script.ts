/**
 * A recorded run → a replay script for the mock (`rtbench mock --replay <run>`): per session, the
 * server events in recorded order, each with the client-side cause it is timed from and the delay
 * after that cause. Pure.
 *
 * Anchors, from the client's recording (all times are the harness's):
 * - `audio`: VAD events (`speech_started`, `speech_stopped`, `timeout_triggered`) follow the input
 *   audio: they are due when the client has sent audio up to the same input position as it had
 *   when the event arrived, plus the same remaining delay.
 * - `send`: the n-th client event (not audio appends) that came after the previous server event:
 *   due that long after the client sends its n-th event.
 * - `event`: otherwise the previous server event (a response's deltas follow each other).
 * - `open`: the first events, after the connection opened.
 */
import type { TraceChunk, TraceMeta, TraceNote, TraceRecord, TraceRecv, TraceSend } from '../metrics/trace.js';

export type ReplayAnchor = { kind: 'open' } | { kind: 'send'; index: number } | { kind: 'audio'; posMs: number } | { kind: 'event'; index: number };

export interface ReplayStep {
  anchor: ReplayAnchor;
  /** Delay after the anchor, ms (≥ 0). */
  offsetMs: number;
  /** The normalized server event as recorded (audio deltas: `delta` '' and `audio_bytes`). */
  event: Record<string, unknown> & { type: string };
}

export interface ReplaySession {
  id: string;
  scenario: string;
  model: string;
  dialect: 'ga' | 'beta';
  inputFormat: string;
  /** Client events the recording saw (audio appends excluded), in order. */
  clientSends: Array<{ type: string; event: Record<string, unknown> }>;
  steps: ReplayStep[];
}

/** Server events timed by the input audio rather than by a client event. */
export const AUDIO_ANCHORED = new Set(['input_audio_buffer.speech_started', 'input_audio_buffer.speech_stopped', 'input_audio_buffer.timeout_triggered']);

/** Every session of a run's traces, in the order their `meta` records appear. */
export function replaySessions(traces: readonly TraceRecord[]): ReplaySession[] {
  const bySession = new Map<string, TraceRecord[]>();
  for (const r of traces) {
    let list = bySession.get(r.s);
    if (!list) bySession.set(r.s, (list = []));
    list.push(r);
  }
  const out: ReplaySession[] = [];
  for (const records of bySession.values()) {
    const s = replaySession(records);
    if (s) out.push(s);
  }
  return out;
}

/** One session's script (null without a `meta` record). */
export function replaySession(records: readonly TraceRecord[]): ReplaySession | null {
  const meta = records.find((r): r is TraceMeta => r.k === 'meta');
  if (!meta) return null;
  const ordered = [...records].sort((a, b) => a.t - b.t);
  const connected = ordered.find((r): r is TraceNote => r.k === 'note' && r.msg === 'connected');
  let openT = connected?.t ?? null;
  const clientSends: ReplaySession['clientSends'] = [];
  const steps: ReplayStep[] = [];
  let lastChunk: TraceChunk | null = null;
  let lastSend: { t: number; index: number } | null = null;
  let lastStep: { t: number; index: number } | null = null;
  for (const r of ordered) {
    if (r.k === 'chunk') lastChunk = r;
    else if (r.k === 'send') {
      const send = r as TraceSend;
      lastSend = { t: send.t, index: clientSends.length };
      clientSends.push({ type: send.type, event: send.event });
    } else if (r.k === 'recv') {
      const recv = r as TraceRecv;
      if (recv.type.startsWith('$')) continue; // binary or unparseable frames are not replayed
      openT ??= recv.t;
      const event = { ...recv.event, type: recv.type };
      let anchor: ReplayAnchor;
      let fromT: number;
      if (AUDIO_ANCHORED.has(recv.type) && lastChunk) {
        anchor = { kind: 'audio', posMs: lastChunk.end_ms };
        fromT = lastChunk.t;
      } else if (lastSend && (!lastStep || lastSend.t >= lastStep.t)) {
        anchor = { kind: 'send', index: lastSend.index };
        fromT = lastSend.t;
      } else if (lastStep) {
        anchor = { kind: 'event', index: lastStep.index };
        fromT = lastStep.t;
      } else {
        anchor = { kind: 'open' };
        fromT = openT;
      }
      steps.push({ anchor, offsetMs: Math.max(0, recv.t - fromT), event });
      lastStep = { t: recv.t, index: steps.length - 1 };
    }
  }
  return { id: meta.s, scenario: meta.scenario, model: meta.model, dialect: meta.dialect, inputFormat: meta.input_format, clientSends, steps };
}
