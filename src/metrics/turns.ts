import { costOf, priceFor, type ModelPrice } from './cost.js';
import { pairTurn, type EndSignal } from './pairing.js';
import { bargeIn, bargeInLookups, type BargeInLookups } from './barge-in.js';
import { overlapMs, playTimeline, type PlayTimeline } from './play-timeline.js';
import { indexResponses, markStops, withdrawnBefore, type ResponseInfo } from './responses.js';
import { FirstAtOrAfter, OverlapIndex, StillRunning, TimeWindows } from './time-index.js';
import { InputTimeline } from './timeline.js';
import type { TraceChunk, TraceConnect, TraceMeta, TracePlayback, TraceRecord, TraceRecv, TraceSend, TraceTurn } from './trace.js';
import type { MetricName } from '../results/registry.js';
import type { FactValue, MetricValue } from '../results/types.js';
import { bytesPerMsOf, type AudioFormat } from '../protocol/session.js';

export interface TurnResult {
  turn: number;
  metrics: TurnMetrics;
  /** Exact outcomes with their registry types (booleans, numbers, strings; FACTS in src/results/registry.ts). */
  facts: Record<string, FactValue>;
}

export interface MetricOptions {
  prices?: Record<string, ModelPrice>;
  /** Tolerance when matching VAD detections to true speech segments (ms). */
  matchToleranceMs?: number;
}

/** A turn's metrics keyed by the registry's names (src/results/registry.ts). */
export type TurnMetrics = Record<MetricName, MetricValue>;

/**
 * A turn's metrics before any is computed: every registered metric, null. Typed by the registry, so
 * a metric registered and missing here, or written here (or by a metric function) and not
 * registered, fails to compile. The key order is the order of `metrics` in samples.jsonl.
 */
export function emptyTurnMetrics(): TurnMetrics {
  return {
    first_audio_ms: null,
    first_audible_ms: null,
    vad_stop_delay_ms: null,
    vad_to_first_audio_ms: null,
    vad_to_first_audible_ms: null,
    vad_start_error_ms: null,
    vad_end_error_ms: null,
    false_turns: null,
    missed_turns: null,
    response_audio_ms: null,
    heard_audio_ms: null,
    user_overlap_ms: null,
    unplanned_overlap: null,
    response_done_ms: null,
    barge_in_detect_ms: null,
    talk_over_ms: null,
    response_cancelled: null,
    truncate_ok: null,
    tool_call_ms: null,
    tool_result_to_first_audio_ms: null,
    premature_stops: null,
    cancelled_responses: null,
    assistant_cut_in_ms: null,
    playback_stalls: null,
    playback_stall_ms: null,
    audio_after_barge_in_ms: null,
    connect_ms: null,
    session_ready_ms: null,
    input_tokens: null,
    output_tokens: null,
    cost_usd: null,
  };
}

/** Metric names produced per turn, in the order samples list them (derived from {@link emptyTurnMetrics}). */
export const TURN_METRICS = Object.keys(emptyTurnMetrics()) as readonly MetricName[];

interface Detection {
  startT: number;
  start?: TraceRecv;
  stop?: TraceRecv;
}

/**
 * Computes every per-turn metric of one session from its trace. Pure: the same trace gives the same
 * numbers, so metrics can be recomputed from a saved run. Each turn owns the events from its start
 * (the wall time its audio began) until the next turn starts; which response is its answer and which
 * end-of-turn detection led to it follow one rule ({@link pairTurn}, docs/metrics.md). Records are
 * indexed by time once, so a session of n turns costs about n·log n, not n².
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
  const segmentIndex = new OverlapIndex(turns.flatMap((t) => t.speech));
  const detections = collectDetections(recv);
  const detectionIndex = new OverlapIndex(detections.map((d) => detectionInterval(d, vad)).filter((iv) => iv !== null));
  const responses = indexResponses(recv);
  markStops(responses, plays);
  // What the client's player played of each response: until it was stopped, or the session closed.
  const closeT = trace.find((r) => r.k === 'close')?.t ?? Infinity;
  const heardCache = new Map<ResponseInfo, PlayTimeline>();
  const heard = (r: ResponseInfo): PlayTimeline => {
    let tl = heardCache.get(r);
    if (!tl)
      heardCache.set(
        r,
        (tl = playTimeline(
          r.deltas.map((d) => ({ t: d.t, ms: d.bytes / outBytesPerMs })),
          Math.min(r.stoppedT ?? Infinity, closeT),
        )),
      );
    return tl;
  };
  const audibleAt = firstAudible(plays);
  const stillPlaying = new StillRunning(
    responses,
    (r) => r.createdT,
    (r) => heard(r).playing.at(-1)?.[1] ?? -Infinity,
  );
  const connect = connectionOf(trace);
  const windows = turns.map((_, i) => ({ from: turnStartT[i], to: i + 1 < turns.length ? turnStartT[i + 1] : Infinity }));
  const stoppedByT = new TimeWindows(
    recv.filter((r) => r.type === 'input_audio_buffer.speech_stopped'),
    (r) => r.t,
  );
  const commitsByT = new TimeWindows(
    sends.filter((x) => x.type === 'input_audio_buffer.commit'),
    (x) => x.t,
  );
  const responsesByT = new TimeWindows(responses, (r) => r.createdT);
  const detectionsByT = new TimeWindows(detections, (d) => d.startT);
  const userItemsByT = new TimeWindows(
    recv.filter((r) => USER_ITEM_EVENTS.has(r.type) && typeof r.event.item_id === 'string'),
    (r) => r.t,
  );
  const transcriptions = inputTranscriptions(recv);
  const toolOutputs = new FirstAtOrAfter(
    sends.filter((s) => s.type === 'conversation.item.create' && itemType(s) === 'function_call_output'),
    (s) => s.t,
  );
  let lookups: BargeInLookups | null = null;
  const pairings = windows.map(({ from, to }) => {
    const signals: EndSignal[] = [
      ...stoppedByT.within(from, to).map((r) => ({ t: r.t, stopped: r })),
      ...commitsByT.within(from, to).map((x) => ({ t: x.t, commit: x })),
    ].sort((a, b) => a.t - b.t);
    return { signals, ...pairTurn(responsesByT.within(from, to), signals, to) };
  });

  return turns.map((turn, i) => {
    const { from, to } = windows[i];
    const pairing = pairings[i];
    const m = emptyTurnMetrics();
    const facts: Record<string, FactValue> = { response: 'none', transcript: null, input_transcript: null, interrupted: false, barge_in: turn.barge_in };

    const speech = turn.speech;
    const onset = speech.length ? speech[0].start_ms : null;
    const end = speech.length ? speech[speech.length - 1].end_ms : null;
    const onsetWall = onset !== null ? timeline.wallTimeOf(onset) : null;
    const endWall = end !== null ? timeline.wallTimeOf(end) : null;

    // VAD onset: the first detection whose speech_started arrives in this turn's window.
    const turnDetections = detectionsByT.within(from, to);
    const started = turnDetections[0]?.start;
    if (started && onset !== null) {
      m.vad_start_error_ms = round((num(started.event.audio_start_ms) ?? NaN) + vad.prefixPaddingMs - onset);
    }
    // VAD end: the speech_stopped that led to the answer (else the turn's last one).
    const stops = pairing.signals.filter((x) => x.stopped);
    const stopped = pairing.endSignal ? pairing.endSignal.stopped : stops[stops.length - 1]?.stopped;
    if (stopped && end !== null) {
      m.vad_end_error_ms = round((num(stopped.event.audio_end_ms) ?? NaN) - vad.silenceDurationMs - end);
      if (endWall !== null) m.vad_stop_delay_ms = round(stopped.t - endWall);
    }
    if (!turn.manual && endWall !== null) m.premature_stops = stops.filter((x) => x.t < endWall).length;
    m.cancelled_responses = pairing.cancelled.length;

    // Detections vs truth: false (matches no true segment at all) and missed (this turn's segments).
    const detected = turnDetections.map((d) => detectionInterval(d, vad));
    m.false_turns = detected.filter((iv) => iv && !segmentIndex.overlapsAny(iv, tolerance)).length;
    m.missed_turns = speech.filter((s) => !detectionIndex.overlapsAny(s, tolerance)).length;

    // The answer and what followed it (a tool turn's follow-up), without responses withdrawn in the turn.
    const answered = pairing.answer ? pairing.responses.slice(pairing.responses.indexOf(pairing.answer)).filter((r) => !withdrawnBefore(r, to)) : [];
    const audible = pairing.audible;
    if (audible?.firstAudioT != null) {
      if (endWall !== null) m.first_audio_ms = round(audible.firstAudioT - endWall);
      if (pairing.endSignal) m.vad_to_first_audio_ms = round(audible.firstAudioT - pairing.endSignal.t);
    }
    const audioBytes = answered.reduce((n, r) => n + r.audioBytes, 0);
    if (answered.length) {
      m.response_audio_ms = round(audioBytes / outBytesPerMs);
      m.heard_audio_ms = round(answered.reduce((n, r) => n + heard(r).playedAt(Infinity), 0));
    }
    // The first sound of the answer, when the player played it (the same point on both transports).
    const audibleMs = audible?.itemId != null ? audibleAt.get(audible.itemId) : undefined;
    const audibleT = audible && audibleMs !== undefined ? heard(audible).timeWhenPlayed(audibleMs) : null;
    if (audibleT !== null) {
      if (endWall !== null) m.first_audible_ms = round(audibleT - endWall);
      if (pairing.endSignal) m.vad_to_first_audible_ms = round(audibleT - pairing.endSignal.t);
    }
    const lastAudible = [...answered].reverse().find((r) => r.firstAudioT !== null && r.doneT !== null);
    if (lastAudible) m.response_done_ms = round(lastAudible.doneT! - lastAudible.firstAudioT!);

    const call = answered.flatMap((r) => r.calls)[0];
    if (call && endWall !== null) m.tool_call_ms = round(call.t - endWall);
    if (call) {
      const output = toolOutputs.find(call.t);
      const follow = output ? answered.find((r) => r.createdT >= output.t && r.firstAudioT !== null) : undefined;
      if (output && follow) m.tool_result_to_first_audio_ms = round(follow.firstAudioT! - output.t);
      facts.tool_name = String(call.event.name ?? '');
      facts.tool_arguments = String(call.event.arguments ?? '');
    }
    facts.response = call ? 'function_call' : audioBytes > 0 ? 'audio' : answered.some((r) => r.text) ? 'text' : 'none';
    const transcript = answered
      .map((r) => r.transcript || r.text)
      .join(' ')
      .trim();
    facts.transcript = transcript || null;
    facts.input_transcript = inputTranscriptOf(userItemsByT.within(from, to), transcriptions);
    const statuses = answered.map((r) => r.status).filter(Boolean);
    facts.response_status = statuses.length ? statuses[statuses.length - 1]! : null;

    // What the listener heard: the assistant over the user's own turn, and the answer's stalls.
    const speechWall = speech
      .map((sg) => [timeline.wallTimeOf(sg.start_ms), timeline.wallTimeOf(sg.end_ms)] as const)
      .filter((iv): iv is readonly [number, number] => iv[0] !== null && iv[1] !== null)
      .map(([a, b]) => [a, b] as [number, number]);
    m.assistant_cut_in_ms = round(pairing.responses.reduce((n, r) => n + overlapMs(heard(r).playing, speechWall), 0));
    // The user talking over an earlier turn's answer still playing: planned only in a barge-in turn.
    const overlap = speechWall.length ? stillPlaying.at(speechWall[0][0]).reduce((n, r) => n + overlapMs(heard(r).playing, speechWall), 0) : 0;
    m.user_overlap_ms = round(overlap);
    m.unplanned_overlap = !turn.barge_in && (m.user_overlap_ms ?? 0) > 0;
    if (audible) {
      const stalls = heard(audible).stalls;
      m.playback_stalls = stalls.length;
      m.playback_stall_ms = round(stalls.reduce((n, [a, b]) => n + (b - a), 0));
    }

    usageMetrics(m, pairing.responses, price);

    if (turn.barge_in) {
      const prev = i > 0 ? (pairings[i - 1].audible ?? null) : null;
      lookups ??= bargeInLookups(recv, sends, plays, responses);
      bargeIn(m, facts, { turn, from, onsetWall, started, prev, outBytesPerMs, lookups });
    }
    if (i === 0) {
      if (connect) m.connect_ms = connect.connectMs;
      const ready = recv.find((r) => r.type === 'session.updated') ?? recv.find((r) => r.type === 'session.created');
      if (ready && connect?.startedT !== undefined) m.session_ready_ms = round(ready.t - connect.startedT);
    }
    return { turn: turn.turn, metrics: m, facts };
  });
}

/** input_tokens, output_tokens, cost_usd of every response of the turn (withdrawn ones cost too). */
function usageMetrics(m: TurnMetrics, rs: ResponseInfo[], price: ModelPrice | null): void {
  let inTok = 0;
  let outTok = 0;
  let cost = 0;
  let priced = false;
  let anyUsage = false;
  for (const r of rs) {
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
}

/** Per item: the position (ms into its audio) of its first audible sample, as the player recorded it. */
function firstAudible(plays: TracePlayback[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of plays) if (p.ev === 'audible' && typeof p.at_ms === 'number' && !out.has(p.item_id)) out.set(p.item_id, p.at_ms);
  return out;
}

/** Events that name a user item as the speech of the turn they arrive in. */
const USER_ITEM_EVENTS = new Set(['input_audio_buffer.committed', 'input_audio_buffer.speech_stopped']);

/** The last `…input_audio_transcription.completed` text of each item (same name in GA and beta). */
function inputTranscriptions(recv: TraceRecv[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of recv) {
    if (r.type !== 'conversation.item.input_audio_transcription.completed') continue;
    if (typeof r.event.item_id === 'string' && typeof r.event.transcript === 'string') out.set(r.event.item_id, r.event.transcript);
  }
  return out;
}

/**
 * The transcription of the user items committed (or detected) in a turn's window, in order, joined by a
 * space; matched by item id, since transcriptions arrive late (often after the next turn began).
 */
function inputTranscriptOf(events: TraceRecv[], transcriptions: Map<string, string>): string | null {
  const ids = [...new Set(events.map((r) => r.event.item_id as string))];
  const text = ids
    .map((id) => transcriptions.get(id)?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
  return text || null;
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

function itemType(s: TraceSend): string | undefined {
  return (s.event.item as { type?: string } | undefined)?.type;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function round(v: number): number | null {
  return Number.isFinite(v) ? Math.round(v * 10) / 10 : null;
}

/** The connection record (older traces: the `connecting`/`connected` notes). */
function connectionOf(trace: TraceRecord[]): { connectMs: number | null; startedT?: number } | null {
  const rec = trace.find((r): r is TraceConnect => r.k === 'connect');
  const startNote = trace.find((r) => r.k === 'note' && r.msg === 'connecting');
  if (rec) return { connectMs: rec.connect_ms, startedT: startNote?.t ?? rec.started_t };
  const note = trace.find((r) => r.k === 'note' && r.msg === 'connected');
  if (!note || note.k !== 'note') return startNote ? { connectMs: null, startedT: startNote.t } : null;
  return { connectMs: num(note.data?.connect_ms), startedT: startNote?.t };
}
