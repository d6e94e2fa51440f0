/**
 * Observations for calibration, from one session's trace: per turn, the quantities a mock profile
 * draws (end-of-speech and onset detection delays, end of turn → response.created / first audio,
 * audio delivery, answer length, input transcription timing, token usage). Pure.
 *
 * Every time here is the client's: arrival of a server event minus the wall time of an audio
 * position or of a client send. Network time between the harness and the service is part of it —
 * which is what a calibrated mock should reproduce for a harness at the same place.
 */
import { computeTurnMetrics, type TurnMetrics } from '../metrics/turns.js';
import { InputTimeline } from '../metrics/timeline.js';
import type { TraceChunk, TraceMeta, TraceRecord, TraceRecv, TraceSend, TraceTurn } from '../metrics/trace.js';
import { bytesPerMsOf, type AudioFormat } from '../protocol/session.js';

/** The turn-detection setting a session ran with (what the service echoed, else what was asked). */
export interface TurnDetectionKey {
  type: 'server_vad' | 'semantic_vad' | 'none';
  silence_duration_ms?: number;
  eagerness?: string;
}

/**
 * What a turn's timing means: a plain answer, a tool turn (the first response is a function call;
 * its answer comes after the client's tool output), or a barge-in (speech onset while the assistant
 * talks). The mock times each differently, so each is fitted apart.
 */
export type TurnKind = 'plain' | 'tool' | 'barge_in';

export interface TurnObservation {
  session: string;
  turn: number;
  kind: TurnKind;
  /** `vad`: ended by speech_stopped; `manual`: by the client's commit. */
  trigger: 'vad' | 'manual';
  firstAudioMs: number | null;
  vadStopDelayMs: number | null;
  /** End of turn (speech_stopped arrival or commit) → first audio delta arrival (a tool turn: through the tool round trip). */
  vadToFirstAudioMs: number | null;
  /** A tool turn: end of turn → the function call's first arguments delta (or `.done`) arrival. */
  toolCallMs: number | null;
  /** A tool turn: `function_call_output` sent → the answer's first audio delta arrival. */
  toolAnswerMs: number | null;
  /** speech_started arrival − wall time of the true speech onset. */
  speechStartedDelayMs: number | null;
  /** End of turn → response.created arrival. */
  responseCreatedMs: number | null;
  /** The answer's delivery: ms of audio per ms of wall time between its first and last delta. */
  streamRate: number | null;
  /** Audio per delta, ms. */
  deltaMs: number[];
  /** Wall time between consecutive deltas, ms. */
  deltaGapMs: number[];
  /** Each gap over the response's mean gap (burstiness within a response: all 1 for even spacing). */
  deltaGapRatio: number[];
  /** Audio of the answer when it completed (not cut short), ms. */
  answerAudioMs: number | null;
  /** input_audio_buffer.committed → input transcription completed, ms. */
  transcriptionMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Output audio tokens per second of answer audio. */
  outputAudioTokensPerS: number | null;
}

export interface SessionObservations {
  session: string;
  model: string;
  target: string;
  /** Host of the URL the session connected to (credentials were redacted when recorded). */
  host: string | null;
  turnDetection: TurnDetectionKey;
  turns: TurnObservation[];
}

/** Extracts one session's observations (records of other sessions are ignored). */
export function observeSession(trace: readonly TraceRecord[]): SessionObservations | null {
  const meta = trace.find((r): r is TraceMeta => r.k === 'meta');
  if (!meta) return null;
  const records = trace.filter((r) => r.s === meta.s);
  const chunks = records.filter((r): r is TraceChunk => r.k === 'chunk');
  const turns = records.filter((r): r is TraceTurn => r.k === 'turn').sort((a, b) => a.turn - b.turn);
  const recv = records.filter((r): r is TraceRecv => r.k === 'recv');
  const sends = records.filter((r): r is TraceSend => r.k === 'send');
  const timeline = new InputTimeline(chunks);
  const perMs = bytesPerMsOf((meta.output_format ?? 'pcm16') as AudioFormat);
  const metrics = new Map(computeTurnMetrics(records).map((r) => [r.turn, r.metrics]));
  const starts = turns.map((t) => timeline.wallTimeOf(t.pos_ms) ?? t.t);

  const out: TurnObservation[] = turns.map((turn, i) => {
    const from = starts[i];
    const to = i + 1 < turns.length ? starts[i + 1] : Infinity;
    const inWindow = (t: number) => t >= from && t < to;
    const m: Partial<TurnMetrics> = metrics.get(turn.turn) ?? {};
    const stopped = recv.find((r) => r.type === 'input_audio_buffer.speech_stopped' && inWindow(r.t));
    const commit = sends.find((s) => s.type === 'input_audio_buffer.commit' && inWindow(s.t));
    const endT = stopped?.t ?? commit?.t ?? null;
    const onset = turn.speech[0]?.start_ms;
    const onsetWall = onset !== undefined ? timeline.wallTimeOf(onset) : null;
    const started = recv.find((r) => r.type === 'input_audio_buffer.speech_started' && inWindow(r.t));
    const call = recv.find(
      (r) =>
        (r.type === 'response.function_call_arguments.delta' || r.type === 'response.function_call_arguments.done') &&
        inWindow(r.t) &&
        (endT === null || r.t >= endT),
    );
    const obs: TurnObservation = {
      session: meta.s,
      turn: turn.turn,
      kind: call ? 'tool' : turn.barge_in ? 'barge_in' : 'plain',
      trigger: stopped ? 'vad' : 'manual',
      firstAudioMs: numOrNull(m.first_audio_ms),
      vadStopDelayMs: numOrNull(m.vad_stop_delay_ms),
      vadToFirstAudioMs: numOrNull(m.vad_to_first_audio_ms),
      toolCallMs: call && endT !== null ? call.t - endT : null,
      toolAnswerMs: numOrNull(m.tool_result_to_first_audio_ms),
      speechStartedDelayMs: started && onsetWall !== null ? started.t - onsetWall : null,
      responseCreatedMs: null,
      streamRate: null,
      deltaMs: [],
      deltaGapMs: [],
      deltaGapRatio: [],
      answerAudioMs: null,
      transcriptionMs: null,
      inputTokens: numOrNull(m.input_tokens),
      outputTokens: numOrNull(m.output_tokens),
      outputAudioTokensPerS: null,
    };
    if (endT !== null) answerObservations(obs, recv, endT, inWindow, perMs);
    // A tool turn's first response is the call: the answer's response.created is not "end of turn → created".
    if (obs.kind === 'tool') obs.responseCreatedMs = null;
    const committed = recv.find((r) => r.type === 'input_audio_buffer.committed' && inWindow(r.t));
    if (committed) {
      const done = recv.find((r) => r.type === 'conversation.item.input_audio_transcription.completed' && r.event.item_id === committed.event.item_id);
      if (done) obs.transcriptionMs = done.t - committed.t;
    }
    return obs;
  });
  return { session: meta.s, model: meta.model, target: meta.target, host: hostOf(meta.url), turnDetection: turnDetectionOf(recv, meta), turns: out };
}

/** The answer: the first response created after the end of the turn, in its window, with audio. */
function answerObservations(obs: TurnObservation, recv: TraceRecv[], endT: number, inWindow: (t: number) => boolean, perMs: number): void {
  const created = recv.filter((r) => r.type === 'response.created' && r.t >= endT && inWindow(r.t));
  for (const c of created) {
    const id = (c.event.response as { id?: string } | undefined)?.id;
    if (!id) continue;
    const deltas = recv.filter((r) => r.type === 'response.output_audio.delta' && r.event.response_id === id);
    if (!deltas.length) continue;
    obs.responseCreatedMs = c.t - endT;
    const ms = deltas.map((d) => (typeof d.event.audio_bytes === 'number' ? d.event.audio_bytes : 0) / perMs);
    obs.deltaMs = ms;
    obs.deltaGapMs = deltas.slice(1).map((d, i) => d.t - deltas[i].t);
    const spanMs = deltas[deltas.length - 1].t - deltas[0].t;
    const meanGapMs = obs.deltaGapMs.length ? spanMs / obs.deltaGapMs.length : 0;
    if (obs.deltaGapMs.length >= 2 && meanGapMs > 0) obs.deltaGapRatio = obs.deltaGapMs.map((g) => g / meanGapMs);
    // Audio delivered before the last delta, over the time it took: the rate the mock streams at.
    const audioBeforeLast = ms.slice(0, -1).reduce((a, b) => a + b, 0);
    if (deltas.length >= 3 && spanMs > 0) obs.streamRate = audioBeforeLast / spanMs;
    const done = recv.find((r) => r.type === 'response.done' && (r.event.response as { id?: string } | undefined)?.id === id);
    const resp = done?.event.response as { status?: string; usage?: { output_token_details?: { audio_tokens?: number } } } | undefined;
    const total = ms.reduce((a, b) => a + b, 0);
    if (resp?.status === 'completed') obs.answerAudioMs = total;
    const audioTokens = resp?.usage?.output_token_details?.audio_tokens;
    if (typeof audioTokens === 'number' && total > 0 && resp?.status === 'completed') obs.outputAudioTokensPerS = audioTokens / (total / 1000);
    return;
  }
}

function turnDetectionOf(recv: TraceRecv[], meta: TraceMeta): TurnDetectionKey {
  const echoed = [...recv].reverse().find((r) => r.type === 'session.updated' || r.type === 'session.created');
  const session = echoed?.event.session as { turn_detection?: Record<string, unknown> | null } | undefined;
  const asked = (meta.session as { turn_detection?: Record<string, unknown> | null }).turn_detection;
  const td = session && 'turn_detection' in session ? session.turn_detection : asked;
  if (td === null) return { type: 'none' };
  if (!td) return { type: 'server_vad' };
  if (td.type === 'semantic_vad') return { type: 'semantic_vad', eagerness: typeof td.eagerness === 'string' ? td.eagerness : 'auto' };
  const silence =
    typeof td.silence_duration_ms === 'number'
      ? td.silence_duration_ms
      : typeof asked?.silence_duration_ms === 'number'
        ? asked.silence_duration_ms
        : undefined;
  return silence !== undefined ? { type: 'server_vad', silence_duration_ms: silence } : { type: 'server_vad' };
}

/** `server_vad/500`, `semantic_vad/high`, `none`. */
export function turnDetectionLabel(k: TurnDetectionKey): string {
  if (k.type === 'server_vad') return k.silence_duration_ms !== undefined ? `server_vad/${k.silence_duration_ms}ms` : 'server_vad';
  if (k.type === 'semantic_vad') return `semantic_vad/${k.eagerness ?? 'auto'}`;
  return 'none';
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

function numOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
