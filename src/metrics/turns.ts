import { costOf, priceFor, type ModelPrice } from './cost.js';
import { PlaybackModel } from './playback.js';
import { InputTimeline } from './timeline.js';
import type { TraceChunk, TraceMeta, TracePlayback, TraceRecord, TraceRecv, TraceSend, TraceTurn } from './trace.js';
import type { MetricValue } from '../results/types.js';
import { bytesPerMsOf, type AudioFormat } from '../protocol/session.js';

export interface TurnResult {
  turn: number;
  metrics: Record<string, MetricValue>;
  facts: Record<string, string | null>;
}

export interface MetricOptions {
  prices?: Record<string, ModelPrice>;
  /** Tolerance when matching VAD detections to true speech segments (ms). */
  matchToleranceMs?: number;
}

/** Metric names produced per turn (CONTRACT.md), in display order. */
export const TURN_METRICS = [
  'first_audio_ms',
  'vad_stop_delay_ms',
  'vad_to_first_audio_ms',
  'vad_start_error_ms',
  'vad_end_error_ms',
  'false_turns',
  'missed_turns',
  'response_audio_ms',
  'response_done_ms',
  'barge_in_detect_ms',
  'talk_over_ms',
  'response_cancelled',
  'truncate_ok',
  'tool_call_ms',
  'tool_result_to_first_audio_ms',
  'connect_ms',
  'session_ready_ms',
  'input_tokens',
  'output_tokens',
  'cost_usd',
] as const;

interface Detection {
  startT: number;
  start?: TraceRecv;
  stop?: TraceRecv;
}

/**
 * Computes every per-turn metric of one session from its trace. Pure: the same trace gives the same
 * numbers, so metrics can be recomputed from a saved run. Each turn owns the events from its start
 * (the wall time its audio began) until the next turn starts.
 */
export function computeTurnMetrics(trace: TraceRecord[], opts: MetricOptions = {}): TurnResult[] {
  const meta = trace.find((r): r is TraceMeta => r.k === 'meta');
  const chunks = trace.filter((r): r is TraceChunk => r.k === 'chunk');
  const turns = trace.filter((r): r is TraceTurn => r.k === 'turn').sort((a, b) => a.turn - b.turn);
  const recv = trace.filter((r): r is TraceRecv => r.k === 'recv');
  const sends = trace.filter((r): r is TraceSend => r.k === 'send');
  const plays = trace.filter((r): r is TracePlayback => r.k === 'play');
  const timeline = new InputTimeline(chunks);
  const outFormat = (meta?.output_format ?? 'pcm16') as AudioFormat;
  const outBytesPerMs = bytesPerMsOf(outFormat);
  const price = meta ? priceFor(meta.model, opts.prices) : null;
  const tolerance = opts.matchToleranceMs ?? 200;
  const vad = effectiveVad(recv, meta);

  const turnStartT = turns.map((t) => timeline.wallTimeOf(t.pos_ms) ?? t.t);
  const allSegments = turns.flatMap((t) => t.speech);
  const detections = collectDetections(recv);
  const responses = indexResponses(recv);
  const connect = trace.find((r) => r.k === 'note' && r.msg === 'connected');
  const connectStart = trace.find((r) => r.k === 'note' && r.msg === 'connecting');

  return turns.map((turn, i) => {
    const from = turnStartT[i];
    const to = i + 1 < turns.length ? turnStartT[i + 1] : Infinity;
    const inWindow = (t: number) => t >= from && t < to;
    const m: Record<string, MetricValue> = Object.fromEntries(TURN_METRICS.map((k) => [k, null]));
    const facts: Record<string, string | null> = { response: 'none', transcript: null, interrupted: 'false', barge_in: String(turn.barge_in) };

    const speech = turn.speech;
    const onset = speech.length ? speech[0].start_ms : null;
    const end = speech.length ? speech[speech.length - 1].end_ms : null;
    const onsetWall = onset !== null ? timeline.wallTimeOf(onset) : null;
    const endWall = end !== null ? timeline.wallTimeOf(end) : null;

    // VAD: the first detection whose speech_started arrives in this turn's window.
    const turnDetections = detections.filter((d) => inWindow(d.startT));
    const first = turnDetections[0];
    const started = first?.start;
    const stopped = first?.stop ?? recv.find((r) => r.type === 'input_audio_buffer.speech_stopped' && inWindow(r.t));
    if (started && onset !== null) {
      m.vad_start_error_ms = round((num(started.event.audio_start_ms) ?? NaN) + vad.prefixPaddingMs - onset);
    }
    if (stopped && end !== null) {
      m.vad_end_error_ms = round((num(stopped.event.audio_end_ms) ?? NaN) - vad.silenceDurationMs - end);
      if (endWall !== null) m.vad_stop_delay_ms = round(stopped.t - endWall);
    }
    const commit = sends.find((s) => s.type === 'input_audio_buffer.commit' && inWindow(s.t));
    const endOfTurnT = stopped?.t ?? commit?.t ?? null;

    // Detections vs truth: false (matches no true segment at all) and missed (this turn's segments).
    const detected = turnDetections.map((d) => detectionInterval(d, vad));
    m.false_turns = detected.filter((iv) => iv && !allSegments.some((s) => overlaps(iv, s, tolerance))).length;
    m.missed_turns = speech.filter((s) => !detections.some((d) => {
      const iv = detectionInterval(d, vad);
      return iv !== null && overlaps(iv, s, tolerance);
    })).length;

    // Responses of this turn: created in the window after the end of the user's turn.
    const turnResponses = endOfTurnT === null ? [] : responses.filter((r) => r.createdT >= endOfTurnT && inWindow(r.createdT));
    const firstAudio = turnResponses.map((r) => r.firstAudioT).find((t): t is number => t !== null) ?? null;
    if (firstAudio !== null) {
      if (endWall !== null) m.first_audio_ms = round(firstAudio - endWall);
      if (endOfTurnT !== null) m.vad_to_first_audio_ms = round(firstAudio - endOfTurnT);
    }
    const audioBytes = turnResponses.reduce((n, r) => n + r.audioBytes, 0);
    if (turnResponses.length) m.response_audio_ms = round(audioBytes / outBytesPerMs);
    const lastAudible = [...turnResponses].reverse().find((r) => r.firstAudioT !== null && r.doneT !== null);
    if (lastAudible) m.response_done_ms = round(lastAudible.doneT! - lastAudible.firstAudioT!);

    const call = turnResponses.flatMap((r) => r.calls)[0];
    if (call && endWall !== null) m.tool_call_ms = round(call.t - endWall);
    if (call) {
      const output = sends.find((s) => s.type === 'conversation.item.create' && s.t >= call.t && itemType(s) === 'function_call_output');
      const follow = output ? turnResponses.find((r) => r.createdT >= output.t && r.firstAudioT !== null) : undefined;
      if (output && follow) m.tool_result_to_first_audio_ms = round(follow.firstAudioT! - output.t);
      facts.tool_name = String(call.event.name ?? '');
      facts.tool_arguments = String(call.event.arguments ?? '');
    }
    facts.response = call ? 'function_call' : audioBytes > 0 ? 'audio' : turnResponses.some((r) => r.text) ? 'text' : 'none';
    const transcript = turnResponses.map((r) => r.transcript || r.text).join(' ').trim();
    facts.transcript = transcript || null;
    const statuses = turnResponses.map((r) => r.status).filter(Boolean);
    facts.response_status = statuses.length ? statuses[statuses.length - 1]! : null;

    let inTok = 0;
    let outTok = 0;
    let cost = 0;
    let priced = false;
    let anyUsage = false;
    for (const r of turnResponses) {
      if (!r.usage) continue;
      anyUsage = true;
      inTok += r.usage.input_tokens ?? 0;
      outTok += r.usage.output_tokens ?? 0;
      const c = costOf(r.usage, price);
      if (c !== null) {
        cost += c;
        priced = true;
      }
    }
    if (anyUsage) {
      m.input_tokens = inTok;
      m.output_tokens = outTok;
      m.cost_usd = priced ? Math.round(cost * 1e8) / 1e8 : null;
    }

    if (turn.barge_in) bargeIn(m, facts, { turn, i, turns: turnStartT, onsetWall, started, recv, sends, plays, responses, outBytesPerMs });
    if (i === 0) {
      if (connect && typeof connect.k === 'string' && connect.k === 'note') m.connect_ms = num(connect.data?.connect_ms) ?? null;
      const ready = recv.find((r) => r.type === 'session.updated') ?? recv.find((r) => r.type === 'session.created');
      if (ready && connectStart) m.session_ready_ms = round(ready.t - connectStart.t);
    }
    return { turn: turn.turn, metrics: m, facts };
  });
}

interface BargeInContext {
  turn: TraceTurn;
  i: number;
  turns: number[];
  onsetWall: number | null;
  started: TraceRecv | undefined;
  recv: TraceRecv[];
  sends: TraceSend[];
  plays: TracePlayback[];
  responses: ResponseInfo[];
  outBytesPerMs: number;
}

/** barge_in_detect_ms, talk_over_ms, response_cancelled, truncate_ok for an interrupting turn. */
function bargeIn(m: Record<string, MetricValue>, facts: Record<string, string | null>, c: BargeInContext): void {
  const from = c.turns[c.i];
  if (c.started && c.onsetWall !== null) m.barge_in_detect_ms = round(c.started.t - c.onsetWall);
  // The interrupted response: the last one that produced audio before this turn began.
  const prev = [...c.responses].reverse().find((r) => r.firstAudioT !== null && r.firstAudioT < from);
  if (!prev) return;
  const stop = c.plays.find((p) => p.ev === 'stop' && p.t >= from && p.item_id === prev.itemId);
  facts.interrupted = stop ? 'true' : 'false';
  m.response_cancelled = prev.status === 'cancelled';
  if (c.onsetWall !== null) {
    const player = new PlaybackModel();
    for (const d of prev.deltas) player.receive(d.t, d.bytes / c.outBytesPerMs);
    const stopT = stop ? stop.t : Infinity;
    const playedAtOnset = player.playedAt(c.onsetWall);
    const playedAtStop = stop ? player.playedAt(stopT) : player.totalReceivedMs;
    m.talk_over_ms = round(Math.max(0, playedAtStop - playedAtOnset));
  }
  const truncate = c.sends.find((s) => s.type === 'conversation.item.truncate' && s.t >= from && s.event.item_id === prev.itemId);
  if (!truncate) {
    m.truncate_ok = false;
    return;
  }
  const played = stop ? stop.played_ms : null;
  const confirmed = c.recv.find(
    (r) => r.type === 'conversation.item.truncated' && r.t >= truncate.t && r.event.item_id === prev.itemId && r.event.audio_end_ms === truncate.event.audio_end_ms,
  );
  const matchesPlayed = played === null || Math.abs(num(truncate.event.audio_end_ms)! - Math.floor(played)) <= 1;
  m.truncate_ok = Boolean(confirmed) && matchesPlayed;
}

interface ResponseInfo {
  id: string;
  createdT: number;
  firstAudioT: number | null;
  doneT: number | null;
  status: string | null;
  audioBytes: number;
  deltas: Array<{ t: number; bytes: number }>;
  itemId: string | null;
  transcript: string;
  text: string;
  calls: TraceRecv[];
  usage: import('../protocol/events.js').ResponseUsage | null;
}

function indexResponses(recv: TraceRecv[]): ResponseInfo[] {
  const byId = new Map<string, ResponseInfo>();
  const list: ResponseInfo[] = [];
  const get = (id: string, t: number): ResponseInfo => {
    let r = byId.get(id);
    if (!r) {
      r = { id, createdT: t, firstAudioT: null, doneT: null, status: null, audioBytes: 0, deltas: [], itemId: null, transcript: '', text: '', calls: [], usage: null };
      byId.set(id, r);
      list.push(r);
    }
    return r;
  };
  for (const e of recv) {
    const ev = e.event;
    switch (e.type) {
      case 'response.created': {
        const resp = ev.response as { id?: string } | undefined;
        if (resp?.id) get(resp.id, e.t);
        break;
      }
      case 'response.output_audio.delta': {
        const r = get(String(ev.response_id), e.t);
        const bytes = num(ev.audio_bytes) ?? 0;
        if (r.firstAudioT === null) r.firstAudioT = e.t;
        r.itemId ??= typeof ev.item_id === 'string' ? ev.item_id : null;
        r.audioBytes += bytes;
        r.deltas.push({ t: e.t, bytes });
        break;
      }
      case 'response.output_audio_transcript.delta':
        get(String(ev.response_id), e.t).transcript += String(ev.delta ?? '');
        break;
      case 'response.output_text.delta':
        get(String(ev.response_id), e.t).text += String(ev.delta ?? '');
        break;
      case 'response.function_call_arguments.done':
        get(String(ev.response_id), e.t).calls.push(e);
        break;
      case 'response.done': {
        const resp = ev.response as { id?: string; status?: string; usage?: ResponseInfo['usage'] } | undefined;
        if (!resp?.id) break;
        const r = get(resp.id, e.t);
        r.doneT = e.t;
        r.status = resp.status ?? null;
        r.usage = resp.usage ?? null;
        break;
      }
    }
  }
  return list;
}

function collectDetections(recv: TraceRecv[]): Detection[] {
  const out: Detection[] = [];
  let open: Detection | null = null;
  for (const r of recv) {
    if (r.type === 'input_audio_buffer.speech_started') {
      open = { startT: r.t, start: r };
      out.push(open);
    } else if (r.type === 'input_audio_buffer.speech_stopped') {
      if (open && !open.stop) open.stop = r;
      else out.push({ startT: r.t, stop: r });
      open = null;
    }
  }
  return out;
}

interface VadSettings {
  prefixPaddingMs: number;
  silenceDurationMs: number;
}

/** The turn-detection settings in force: the server's echo in session.updated, else what was asked. */
function effectiveVad(recv: TraceRecv[], meta: TraceMeta | undefined): VadSettings {
  const echoed = [...recv].reverse().find((r) => r.type === 'session.updated' || r.type === 'session.created');
  const fromEcho = (echoed?.event.session as { turn_detection?: Record<string, unknown> } | undefined)?.turn_detection;
  const asked = (meta?.session as { turn_detection?: Record<string, unknown> } | undefined)?.turn_detection;
  const td = fromEcho ?? asked ?? {};
  return {
    prefixPaddingMs: num(td.prefix_padding_ms) ?? num(asked?.prefix_padding_ms) ?? 300,
    silenceDurationMs: num(td.silence_duration_ms) ?? num(asked?.silence_duration_ms) ?? 500,
  };
}

function detectionInterval(d: Detection, vad: VadSettings): { start_ms: number; end_ms: number } | null {
  const s = num(d.start?.event.audio_start_ms);
  const e = num(d.stop?.event.audio_end_ms);
  if (s === null && e === null) return null;
  const start = s !== null ? s + vad.prefixPaddingMs : e! - vad.silenceDurationMs;
  const end = e !== null ? e - vad.silenceDurationMs : Number.POSITIVE_INFINITY;
  return { start_ms: start, end_ms: Math.max(start, end) };
}

function overlaps(a: { start_ms: number; end_ms: number }, b: { start_ms: number; end_ms: number }, tol: number): boolean {
  return a.start_ms < b.end_ms + tol && b.start_ms < a.end_ms + tol;
}

function itemType(s: TraceSend): string | undefined {
  return (s.event.item as { type?: string } | undefined)?.type;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function round(v: number): number | null {
  return Number.isFinite(v) ? Math.round(v * 10) / 10 : null;
}
