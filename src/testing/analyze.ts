/**
 * What a client did, read from a session recording: pure functions over the recorded events.
 * "Played" audio is what a client playing each assistant item in real time from its first delta
 * (stalling when audio runs out) could have played — the yardstick of a correct truncation.
 */
import { PlaybackModel } from '../metrics/playback.js';
import type { RecordedEvent, SessionRecording } from './recording.js';

type Rec = Pick<SessionRecording, 'events'>;

export interface ErrorInfo {
  code: string | null;
  message: string;
  param: string | null;
}

/** Output audio of one assistant item as the mock sent it. */
export interface ItemAudio {
  itemId: string;
  responseId: string;
  firstT: number;
  deltas: Array<{ t: number; ms: number }>;
}

export function outputAudio(rec: Rec): Map<string, ItemAudio> {
  const items = new Map<string, ItemAudio>();
  for (const e of rec.events) {
    if (e.from !== 'server' || e.type !== 'response.output_audio.delta') continue;
    const itemId = String(e.event.item_id);
    const ms = Number(e.event.audio_ms ?? 0);
    let item = items.get(itemId);
    if (!item) items.set(itemId, (item = { itemId, responseId: String(e.event.response_id), firstT: e.t, deltas: [] }));
    item.deltas.push({ t: e.t, ms });
  }
  return items;
}

/** Audio of the item received by time `t`, and what real-time playback could have played by then. */
export function playbackAt(item: ItemAudio | undefined, t: number): { receivedMs: number; playedMs: number } {
  if (!item) return { receivedMs: 0, playedMs: 0 };
  const model = new PlaybackModel();
  let receivedMs = 0;
  for (const d of item.deltas) {
    if (d.t > t) break;
    model.receive(d.t, d.ms);
    receivedMs += d.ms;
  }
  return { receivedMs, playedMs: model.playedAt(t) };
}

/** The error the mock answered a client event with, if any (by event_id, else the next error before any other answer). */
function errorFor(rec: Rec, index: number, answered: (e: RecordedEvent) => boolean): ErrorInfo | undefined {
  const sent = rec.events[index];
  const id = sent.event.event_id;
  for (const e of rec.events.slice(index + 1)) {
    if (e.from !== 'server') continue;
    if (e.type === 'error') {
      const err = e.event.error as { code?: string | null; message?: string; param?: string | null; event_id?: string | null };
      if (id === undefined ? true : err.event_id === id) return { code: err.code ?? null, message: err.message ?? '', param: err.param ?? null };
    } else if (answered(e)) return undefined;
  }
  return undefined;
}

export interface Truncation {
  t: number;
  itemId: string;
  audioEndMs: number;
  /** Audio of the item the client had received when it truncated. */
  receivedMs: number;
  /** What real-time playback of that audio could have played by then. */
  playedMs: number;
  /** When the item's first audio arrived (undefined: none had). */
  firstAudioT: number | undefined;
  error: ErrorInfo | undefined;
}

export function truncations(rec: Rec): Truncation[] {
  const audio = outputAudio(rec);
  const out: Truncation[] = [];
  rec.events.forEach((e, i) => {
    if (e.from !== 'client' || e.type !== 'conversation.item.truncate') return;
    const itemId = String(e.event.item_id);
    const item = audio.get(itemId);
    const { receivedMs, playedMs } = playbackAt(item, e.t);
    const error = errorFor(rec, i, (s) => s.type === 'conversation.item.truncated' && s.event.item_id === itemId);
    out.push({
      t: e.t,
      itemId,
      audioEndMs: Number(e.event.audio_end_ms),
      receivedMs,
      playedMs,
      firstAudioT: item && item.firstT <= e.t ? item.firstT : undefined,
      error,
    });
  });
  return out;
}

/** The session's `interrupt_response` as last confirmed by `session.created|updated` before `t`. */
export function interruptResponseAt(rec: Rec, t: number): boolean | undefined {
  let value: boolean | undefined;
  for (const e of rec.events) {
    if (e.t > t) break;
    if (e.from !== 'server' || (e.type !== 'session.updated' && e.type !== 'session.created')) continue;
    const td = (e.event.session as { turn_detection?: { interrupt_response?: boolean } | null } | undefined)?.turn_detection;
    value = td ? td.interrupt_response !== false : undefined;
  }
  return value;
}

export interface BargeIn {
  /** When the mock sent `input_audio_buffer.speech_started`. */
  t: number;
  /** The assistant item whose audio was still playing, if any. */
  playingItemId: string | undefined;
  interruptResponse: boolean | undefined;
}

/** `speech_started` events that came while assistant audio was still playing (real-time playback). */
export function bargeIns(rec: Rec): BargeIn[] {
  const audio = [...outputAudio(rec).values()];
  const out: BargeIn[] = [];
  for (const e of rec.events) {
    if (e.from !== 'server' || e.type !== 'input_audio_buffer.speech_started') continue;
    const playing = audio.find((item) => {
      if (item.firstT > e.t) return false;
      const total = item.deltas.reduce((n, d) => n + d.ms, 0);
      const { playedMs } = playbackAt(item, e.t);
      return playedMs < total - 1;
    });
    out.push({ t: e.t, playingItemId: playing?.itemId, interruptResponse: interruptResponseAt(rec, e.t) });
  }
  return out;
}

export interface ClientAction {
  t: number;
  type: string;
  event: Record<string, unknown>;
}

/** Client events of a type sent in [from, from + withinMs]. */
export function clientEventsBetween(rec: Rec, types: readonly string[], from: number, withinMs: number): ClientAction[] {
  return rec.events.filter((e) => e.from === 'client' && types.includes(e.type) && e.t >= from && e.t <= from + withinMs);
}

export interface ToolCallAnswer {
  callId: string;
  name: string;
  /** `response.function_call_arguments.done`. */
  t: number;
  outputT: number | undefined;
  responseCreateT: number | undefined;
}

/** Each function call the mock made, and when the client returned its output and asked for a response. */
export function toolCalls(rec: Rec): ToolCallAnswer[] {
  const out: ToolCallAnswer[] = [];
  for (const e of rec.events) {
    if (e.from !== 'server' || e.type !== 'response.function_call_arguments.done') continue;
    const callId = String(e.event.call_id);
    const output = rec.events.find(
      (c) =>
        c.from === 'client' &&
        c.t >= e.t &&
        c.type === 'conversation.item.create' &&
        (c.event.item as { type?: string; call_id?: string } | undefined)?.call_id === callId &&
        (c.event.item as { type?: string }).type === 'function_call_output',
    );
    const create = output
      ? rec.events.find((c) => c.from === 'client' && c.t >= output.t && c.type === 'response.create' && rec.events.indexOf(c) > rec.events.indexOf(output))
      : undefined;
    out.push({ callId, name: String(e.event.name ?? ''), t: e.t, outputT: output?.t, responseCreateT: create?.t });
  }
  return out;
}

export interface InputAudioStats {
  audioMs: number;
  appends: number;
  firstT: number | undefined;
  lastT: number | undefined;
  /**
   * Audio sent after the first append ÷ wall time since the first append arrived (1.0 = real time);
   * undefined with fewer than two appends (no time passed to measure a rate over).
   */
  realTimeRate: number | undefined;
  /**
   * Most audio the client was ahead of the clock at any append, ms: audio sent so far − time since
   * the first append *arrived*. A microphone is ahead by one chunk; one upload of a whole recording
   * is ahead by all of it.
   */
  maxAheadMs: number;
}

/** How the client streamed its microphone audio. */
export function inputAudio(rec: Rec): InputAudioStats {
  const appends = rec.events.filter((e) => e.from === 'client' && e.type === 'input_audio_buffer.append');
  if (appends.length === 0) return { audioMs: 0, appends: 0, firstT: undefined, lastT: undefined, realTimeRate: undefined, maxAheadMs: 0 };
  const first = appends[0];
  let audioMs = 0;
  let maxAheadMs = 0;
  for (const a of appends) {
    audioMs += Number(a.event.audio_ms ?? 0);
    // The clock starts at the first append's arrival: the time before it is unknown (a client that
    // uploads a 3 s recording in one append must not be credited with 3 s of "capture").
    maxAheadMs = Math.max(maxAheadMs, audioMs - (a.t - first.t));
  }
  const last = appends[appends.length - 1];
  const wallMs = last.t - first.t;
  const afterFirstMs = audioMs - Number(first.event.audio_ms ?? 0);
  return {
    audioMs,
    appends: appends.length,
    firstT: first.t,
    lastT: last.t,
    realTimeRate: appends.length > 1 && wallMs > 0 ? afterFirstMs / wallMs : undefined,
    maxAheadMs,
  };
}
