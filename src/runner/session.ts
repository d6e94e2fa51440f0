import type { Clock, TimerHandle } from '../clock/clock.js';
import { PlaybackModel, base64ByteLength } from '../metrics/playback.js';
import type { TraceRecord } from '../metrics/trace.js';
import type { Codec, Dialect } from '../protocol/codec.js';
import { codecFor } from '../protocol/index.js';
import type { RealtimeEvent } from '../protocol/events.js';
import { bytesPerMsOf, type AudioFormat, type SessionConfig } from '../protocol/session.js';
import type { SessionPlan } from '../scenario/types.js';
import type { Transport } from '../transport/transport.js';
import { Pacer } from './pacer.js';
import { encodeChunks, type PreparedTurn } from './prepare.js';
import { DEFAULT_RETRY_POLICY, describeConnectFailure, withRetries, type RetryPolicy } from './retry.js';

/** An open connection to a target, as made by a {@link Connector}. */
export interface Connection {
  transport: Transport;
  connectMs: number;
  /** The URL connected to, secrets redacted. */
  url: string;
  dialect: Dialect;
}

/** Opens the connection for one session (real socket, or in-process to the mock). */
export type Connector = (plan: SessionPlan, turns: PreparedTurn[], signal?: AbortSignal) => Promise<Connection>;

export interface SessionOptions {
  clock: Clock;
  connect: Connector;
  signal?: AbortSignal;
  /** Max wait for a turn's response after its audio was sent (ms). */
  turnTimeoutMs?: number;
  /** Max wait for session.created / session.updated (ms). */
  readyTimeoutMs?: number;
  /** Max length of the whole session, connection included (ms; default none). */
  sessionTimeoutMs?: number;
  /** Handshake retries (default {@link DEFAULT_RETRY_POLICY}: 2 retries, full-jitter backoff). */
  retry?: RetryPolicy;
  /** Told when the server reports an exhausted rate limit (`remaining: 0`): wait `resetMs` before the next session. */
  onRateLimited?: (resetMs: number, name: string) => void;
  /** Offset of this session's chunk grid, ms in [0, chunk_ms) (default 0; see `phaseOf`). */
  phaseMs?: number;
}

/** The reason recorded when the run is interrupted (SIGINT/SIGTERM) while a session is running. */
export const ABORTED_REASON = 'aborted (run interrupted)';

export interface SessionOutcome {
  trace: TraceRecord[];
  /** Why the session as a whole failed (connection refused, dropped, timed out), if it did. */
  error: string | null;
  /** Per turn: why that turn has no valid measurement, or null. */
  turnErrors: Array<string | null>;
}

type TurnPhase = 'pending' | 'speaking' | 'awaiting' | 'done';

interface TurnState {
  phase: TurnPhase;
  /** Time the turn's end of speech was signalled (speech_stopped arrival, or our commit). */
  endOfTurnT: number | null;
  responses: Set<string>;
  pendingTools: number;
  firstAudioT: number | null;
  audioItem: string | null;
  timeout: TimerHandle | null;
  /** A final response (not a tool call) has completed while the turn's audio was still going. */
  answered: boolean;
}

/**
 * Drives one realtime session through its turns: configures the session, streams each turn's audio
 * in real time (the microphone keeps sending silence between turns under server VAD), plays the
 * assistant's audio in a simulated real-time player, handles barge-in (stop playback, truncate),
 * tool calls and manual commits, and records every event in a trace. Never throws: failures end up
 * in the outcome, and whatever was measured before them is kept.
 */
export async function runSession(plan: SessionPlan, turns: PreparedTurn[], opts: SessionOptions): Promise<SessionOutcome> {
  const driver = new SessionDriver(plan, turns, opts);
  return driver.run();
}

class SessionDriver {
  private readonly clock: Clock;
  private readonly trace: TraceRecord[] = [];
  private readonly turnErrors: Array<string | null>;
  private readonly states: TurnState[];
  private readonly inputFormat: AudioFormat;
  private readonly outputFormat: AudioFormat;
  private readonly chunkMs: number;
  private readonly manual: boolean;
  private readonly silence: { base64: string; bytes: number };
  private codec!: Codec;
  private transport: Transport | null = null;
  private pacer: Pacer | null = null;
  private phase: 'connecting' | 'configuring' | 'streaming' | 'closing' | 'closed' = 'connecting';
  private error: string | null = null;
  private resolveDone!: () => void;
  private readonly done = new Promise<void>((r) => (this.resolveDone = r));
  private timers: TimerHandle[] = [];
  /** Aborts a pending connect (and its retry waits) when the session gives up. */
  private readonly connecting = new AbortController();
  private hasMeta = false;

  // Input stream
  private seq = 0;
  private posMs = 0;
  private speaking = -1;
  private chunkIdx = 0;
  private nextTurn = 0;
  private nextStartAt: number | null = null;

  // Assistant side
  private readonly players = new Map<string, PlaybackModel>();
  private activeResponse: string | null = null;
  private readonly responseTurn = new Map<string, number>();
  private readonly responseCalls = new Map<string, Array<{ call_id: string; name: string }>>();
  private interruptByServer = true;
  private sessionReady = false;

  constructor(
    private readonly plan: SessionPlan,
    private readonly turns: PreparedTurn[],
    private readonly opts: SessionOptions,
  ) {
    this.clock = opts.clock;
    this.turnErrors = turns.map(() => null);
    this.states = turns.map(() => ({ phase: 'pending', endOfTurnT: null, responses: new Set(), pendingTools: 0, firstAudioT: null, audioItem: null, timeout: null, answered: false }));
    this.inputFormat = plan.session.input_audio_format ?? 'pcm16';
    this.outputFormat = plan.session.output_audio_format ?? 'pcm16';
    this.chunkMs = plan.chunk_ms;
    this.manual = plan.session.turn_detection === null;
    const silent = encodeChunks(new Int16Array(24 * this.chunkMs), this.inputFormat, this.chunkMs)[0];
    this.silence = { base64: silent.base64, bytes: silent.bytes };
  }

  async run(): Promise<SessionOutcome> {
    const { signal } = this.opts;
    const onAbort = () => this.fail(ABORTED_REASON);
    signal?.addEventListener('abort', onAbort, { once: true });
    const limit = this.opts.sessionTimeoutMs;
    if (limit && limit > 0) this.after(limit, () => this.fail(`session timed out after ${limit} ms`));
    this.note('info', 'connecting');
    if (signal?.aborted) this.fail(ABORTED_REASON);
    else void this.open().catch((err: unknown) => this.fail(`internal error while connecting: ${(err as Error)?.message ?? String(err)}`));
    await this.done;
    signal?.removeEventListener('abort', onAbort);
    if (!this.hasMeta) this.addMeta(null);
    return { trace: this.trace, error: this.error, turnErrors: this.turnErrors };
  }

  /** Connects (with retries on handshake failures), then configures the session. */
  private async open(): Promise<void> {
    const policy = this.opts.retry ?? DEFAULT_RETRY_POLICY;
    const outcome = await withRetries(() => this.opts.connect(this.plan, this.turns, this.connecting.signal), {
      clock: this.clock,
      policy,
      seed: this.plan.seed,
      signal: this.connecting.signal,
      onRetry: ({ attempt, error, delayMs }) =>
        this.note('warn', `connect attempt ${attempt} failed: ${error.message}; retrying in ${Math.round(delayMs)} ms`, { attempt, delay_ms: Math.round(delayMs) }),
    });
    if (!outcome.ok) {
      if (this.phase !== 'closed') this.fail(describeConnectFailure(outcome));
      return;
    }
    const conn = outcome.value;
    if (this.phase === 'closed') {
      // Gave up (timeout, interrupt) while the handshake was in flight.
      conn.transport.close(1000, 'rtbench: giving up');
      return;
    }
    this.codec = codecFor(conn.dialect);
    this.transport = conn.transport;
    this.addMeta(conn);
    this.note('info', 'connected', { connect_ms: round3(conn.connectMs), ...(outcome.attempts > 1 ? { attempts: outcome.attempts } : {}) });
    this.phase = 'configuring';
    conn.transport.onMessage((data, binary) => this.onFrame(data, binary));
    conn.transport.onClose((code, reason) => this.onClose(code, reason));
    const ready = this.opts.readyTimeoutMs ?? 10_000;
    this.after(ready, () => {
      if (!this.sessionReady) this.fail(`session not ready after ${ready} ms (no session.created/updated)`);
    });
  }

  private addMeta(conn: Connection | null): void {
    this.hasMeta = true;
    this.trace.unshift(this.metaRecord(conn));
  }

  // ---- server events -------------------------------------------------------------------------

  private onFrame(data: string, binary: boolean): void {
    const t = this.clock.now();
    if (this.phase === 'closed') return;
    if (binary) {
      this.record({ k: 'recv', s: this.plan.id, t, type: '$binary', event: { raw: data } });
      this.protocolError('unexpected binary frame from the server');
      return;
    }
    const ev = this.codec.decodeServer(data, { elideAudio: true });
    if (ev.type === '$unknown') {
      const { raw, reason } = ev as { raw: string; reason: string };
      this.record({ k: 'recv', s: this.plan.id, t, type: '$unknown', event: { raw, reason } });
      this.protocolError(`malformed server frame (${reason}): ${JSON.stringify(raw.slice(0, 60))}${raw.length > 60 ? '…' : ''}`);
      return;
    }
    const event = ev as RealtimeEvent;
    this.record({ k: 'recv', s: this.plan.id, t, type: event.type, event: elideAudio(event) });
    try {
      this.handle(event, t);
    } catch (err) {
      this.note('warn', `could not handle ${event.type}: ${(err as Error).message}`);
    }
  }

  private handle(e: RealtimeEvent, t: number): void {
    switch (e.type) {
      case 'session.created':
        if (this.phase === 'configuring') this.send({ type: 'session.update', session: sessionForUpdate(this.plan.session) });
        break;
      case 'session.updated': {
        const td = (e.session as SessionConfig | undefined)?.turn_detection;
        this.interruptByServer = Boolean(td && td.interrupt_response !== false);
        if (!this.sessionReady) {
          this.sessionReady = true;
          this.startStreaming();
        }
        break;
      }
      case 'input_audio_buffer.speech_started':
        this.onSpeechStarted(t);
        break;
      case 'input_audio_buffer.speech_stopped': {
        const cur = this.currentTurn();
        if (cur >= 0 && this.states[cur].endOfTurnT === null) this.states[cur].endOfTurnT = t;
        break;
      }
      case 'response.created': {
        const id = (e.response as { id?: string } | undefined)?.id;
        if (!id) break;
        this.activeResponse = id;
        const cur = this.currentTurn();
        if (cur >= 0 && this.states[cur].endOfTurnT !== null) {
          this.responseTurn.set(id, cur);
          this.states[cur].responses.add(id);
        }
        break;
      }
      case 'response.output_audio.delta':
        this.onAudioDelta(e, t);
        break;
      case 'response.function_call_arguments.done': {
        const rid = String(e.response_id);
        const list = this.responseCalls.get(rid) ?? [];
        list.push({ call_id: String(e.call_id), name: String(e.name ?? '') });
        this.responseCalls.set(rid, list);
        break;
      }
      case 'response.done':
        this.onResponseDone(e);
        break;
      case 'error': {
        const err = isObject(e.error) ? (e.error as { code?: unknown; message?: unknown }) : undefined;
        this.note('warn', `server error: ${String(err?.code ?? '')} ${String(err?.message ?? '')}`.trim());
        break;
      }
      case 'rate_limits.updated':
        this.onRateLimits(e);
        break;
    }
  }

  /** An exhausted limit (`remaining: 0`) holds back the next session start for `reset_seconds`. */
  private onRateLimits(e: RealtimeEvent): void {
    if (!Array.isArray(e.rate_limits)) return;
    for (const l of e.rate_limits as unknown[]) {
      if (!isObject(l)) continue;
      const { name, remaining, reset_seconds: resetS } = l as { name?: unknown; remaining?: unknown; reset_seconds?: unknown };
      if (remaining !== 0 || typeof resetS !== 'number' || !(resetS > 0) || (name !== 'requests' && name !== 'tokens')) continue;
      this.note('warn', `rate limit "${name}" exhausted: next session waits ${resetS} s`, { reset_seconds: resetS });
      this.opts.onRateLimited?.(resetS * 1000, name);
    }
  }

  /**
   * A frame that breaks the protocol (not JSON, no type, binary): recorded in the trace, and the
   * turn it arrived in is marked failed — its timings may be missing an event.
   */
  private protocolError(reason: string): void {
    this.note('warn', reason);
    const cur = Math.max(0, this.currentTurn());
    if (cur < this.turnErrors.length && this.turnErrors[cur] === null) this.turnErrors[cur] = reason;
  }

  private onSpeechStarted(t: number): void {
    // A good client stops playback the moment the user talks over the assistant, then tells the
    // server how much was actually heard.
    for (const [itemId, player] of this.players) {
      if (!player.isPlayingAt(t)) continue;
      const played = player.stop(t);
      this.record({ k: 'play', s: this.plan.id, t, ev: 'stop', item_id: itemId, played_ms: round3(played) });
      if (this.activeResponse && !this.interruptByServer) this.send({ type: 'response.cancel' });
      this.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: Math.floor(played) });
    }
  }

  private onAudioDelta(e: RealtimeEvent, t: number): void {
    const itemId = String(e.item_id);
    const bytes = typeof e.audio_bytes === 'number' ? e.audio_bytes : typeof e.delta === 'string' ? base64ByteLength(e.delta) : 0;
    let player = this.players.get(itemId);
    if (!player) {
      player = new PlaybackModel();
      this.players.set(itemId, player);
      this.record({ k: 'play', s: this.plan.id, t, ev: 'start', item_id: itemId, played_ms: 0 });
    }
    player.receive(t, bytes / bytesPerMsOf(this.outputFormat));
    const turn = this.responseTurn.get(String(e.response_id));
    if (turn === undefined) return;
    const st = this.states[turn];
    if (st.firstAudioT === null) {
      st.firstAudioT = t;
      st.audioItem = itemId;
      const next = this.plan.turns[turn + 1];
      if (next?.start.after === 'first_audio' && this.nextTurn === turn + 1) this.scheduleNext(t + next.start.offset_ms);
    }
  }

  private onResponseDone(e: RealtimeEvent): void {
    const resp = isObject(e.response) ? (e.response as { id?: unknown; status?: unknown; status_details?: unknown }) : undefined;
    const id = typeof resp?.id === 'string' ? resp.id : undefined;
    if (!id) return;
    if (this.activeResponse === id) this.activeResponse = null;
    const turn = this.responseTurn.get(id);
    if (turn === undefined) return;
    const st = this.states[turn];
    if (resp?.status === 'failed' && this.turnErrors[turn] === null) this.turnErrors[turn] = `response failed: ${failureOf(resp.status_details)}`;
    const calls = this.responseCalls.get(id) ?? [];
    if (calls.length && resp?.status === 'completed' && st.phase !== 'done') {
      const spec = this.plan.turns[turn].tool;
      for (const call of calls) {
        const output = spec && spec.name === call.name ? spec.output : { error: `no canned output for tool ${call.name}` };
        this.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: call.call_id, output: JSON.stringify(output) } });
      }
      this.send({ type: 'response.create' });
      return;
    }
    if (st.phase === 'awaiting') this.completeTurn(turn);
    else if (st.phase === 'speaking') st.answered = true; // answered before its trailing silence ended
  }

  private onClose(code: number, reason: string): void {
    const by = this.phase === 'closing' ? 'client' : 'server';
    this.record({ k: 'close', s: this.plan.id, t: this.clock.now(), code, reason, by });
    if (by === 'server') this.fail(`connection closed by server (code ${code}${reason ? `: ${reason}` : ''})`);
    else this.finish();
  }

  // ---- input stream --------------------------------------------------------------------------

  private startStreaming(): void {
    this.phase = 'streaming';
    this.pacer = new Pacer(this.clock, this.chunkMs, (k, due) => this.tick(due));
    const first = this.plan.turns[0]?.start;
    const gap = first && 'gap_ms' in first ? first.gap_ms : 0;
    if (this.manual) {
      // Push-to-talk: nothing is sent until a turn starts.
      this.scheduleNext(this.clock.now() + gap);
    } else {
      this.pacer.start(this.opts.phaseMs);
      this.scheduleNext(this.clock.now() + gap);
    }
  }

  /** One microphone period: pick the chunk whose audio was captured in the period ending at `due`. */
  private tick(due: number): void {
    if (this.phase !== 'streaming' || !this.transport) return;
    const t0 = due - this.chunkMs;
    this.checkPlayedTrigger(t0);
    if (this.speaking < 0) this.maybeBeginTurn(t0);
    let base64 = this.silence.base64;
    let bytes = this.silence.bytes;
    const turn = this.speaking;
    if (turn >= 0) {
      const c = this.turns[turn].chunks[this.chunkIdx++];
      base64 = c.base64;
      bytes = c.bytes;
    }
    this.transport.send(this.codec.appendFrame(base64));
    const t = this.clock.now();
    this.trace.push({ k: 'chunk', s: this.plan.id, t, seq: this.seq++, pos_ms: this.posMs, end_ms: this.posMs + this.chunkMs, due, bytes, turn, buffered: this.transport.bufferedAmount });
    this.posMs += this.chunkMs;
    if (turn >= 0 && this.chunkIdx >= this.turns[turn].chunks.length) this.endSpeaking(turn);
  }

  private maybeBeginTurn(captureStart: number): void {
    if (this.nextStartAt === null || this.nextTurn >= this.turns.length) return;
    if (this.nextStartAt > captureStart + 0.5) return;
    const i = this.nextTurn++;
    this.nextStartAt = null;
    // A turn that starts supersedes the previous one (a barge-in cuts it short).
    for (let j = 0; j < i; j++) if (this.states[j].phase !== 'done') this.completeTurn(j, false);
    this.speaking = i;
    this.chunkIdx = 0;
    this.states[i].phase = 'speaking';
    const tp = this.plan.turns[i];
    const prep = this.turns[i];
    this.record({
      k: 'turn',
      s: this.plan.id,
      t: this.clock.now(),
      turn: i,
      fixture: tp.audio,
      pos_ms: this.posMs,
      speech: prep.speech.map((s) => ({ start_ms: s.start_ms + this.posMs, end_ms: s.end_ms + this.posMs })),
      trigger: tp.start.after,
      barge_in: tp.start.after === 'first_audio' || tp.start.after === 'played',
      manual: this.manual,
    });
  }

  private endSpeaking(turn: number): void {
    this.speaking = -1;
    const st = this.states[turn];
    st.phase = 'awaiting';
    if (this.manual) {
      this.pacer?.pause();
      st.endOfTurnT = this.clock.now();
      this.send({ type: 'input_audio_buffer.commit' });
      this.send({ type: 'response.create' });
    }
    if (st.answered) {
      this.completeTurn(turn);
      return;
    }
    const limit = this.opts.turnTimeoutMs ?? 20_000;
    st.timeout = this.after(limit, () => {
      if (st.phase === 'done') return;
      const expectsNone = this.expectsNoResponse(turn);
      if (!expectsNone && this.turnErrors[turn] === null) {
        // Audio that started but never finished is a stalled stream, not a silent server.
        const why = st.firstAudioT === null ? `no response within ${limit} ms after the turn's audio` : `response not finished within ${limit} ms after the turn's audio (stream stalled)`;
        this.turnErrors[turn] = why;
        this.note('error', `turn ${turn}: ${why}`);
      }
      this.completeTurn(turn);
    });
  }

  private completeTurn(turn: number, triggerNext = true): void {
    const st = this.states[turn];
    if (st.phase === 'done') return;
    st.phase = 'done';
    if (st.timeout) this.clock.clearTimer(st.timeout);
    if (!triggerNext) return;
    if (turn === this.turns.length - 1) {
      this.finishStreaming();
      return;
    }
    if (this.nextTurn === turn + 1 && this.nextStartAt === null) {
      const next = this.plan.turns[turn + 1].start;
      // A barge-in placed by played audio waits for the player (checked on every tick), unless the
      // answer is too short to ever reach that point.
      if (next.after === 'played' && this.playerOf(turn)?.totalReceivedMs! >= next.played_ms) return;
      const gap = 'gap_ms' in next ? next.gap_ms : 0;
      this.scheduleNext(this.clock.now() + gap);
    }
  }

  private playerOf(turn: number): PlaybackModel | undefined {
    const item = this.states[turn]?.audioItem;
    return item ? this.players.get(item) : undefined;
  }

  /** Barge-in after N ms of the previous answer has been played (the player decides, not the network). */
  private checkPlayedTrigger(captureStart: number): void {
    const i = this.nextTurn;
    const next = this.plan.turns[i]?.start;
    if (!next || next.after !== 'played' || this.nextStartAt !== null || i === 0) return;
    const player = this.playerOf(i - 1);
    if (player && player.playedAt(captureStart) >= next.played_ms) this.nextStartAt = captureStart;
  }

  private scheduleNext(at: number): void {
    this.nextStartAt = at;
    if (this.manual && this.pacer && !this.pacer.running) {
      this.after(Math.max(0, at - this.clock.now()), () => {
        if (this.phase !== 'streaming') return;
        if (this.pacer!.running) return;
        // Resume: the first tick comes one period later and carries audio captured from now.
        this.nextStartAt = this.clock.now();
        this.pacer!.resume();
        if (!this.pacer!.running) this.pacer!.start();
      });
    }
  }

  /** The latest turn that has started. */
  private currentTurn(): number {
    for (let i = this.states.length - 1; i >= 0; i--) if (this.states[i].phase !== 'pending') return i;
    return -1;
  }

  private expectsNoResponse(turn: number): boolean {
    return this.plan.expectations.some((x) => x.turn === turn && x.metric === 'response' && x.equals === 'none');
  }

  // ---- ending --------------------------------------------------------------------------------

  private finishStreaming(): void {
    if (this.phase !== 'streaming') return;
    this.pacer?.stop();
    this.phase = 'closing';
    this.transport?.close(1000, 'done');
    this.after(2000, () => this.finish());
  }

  private fail(reason: string): void {
    if (this.phase === 'closed') return;
    this.connecting.abort();
    if (this.error === null) this.error = reason;
    this.note('error', reason);
    for (let i = 0; i < this.states.length; i++) {
      if (this.states[i].phase !== 'done' && this.turnErrors[i] === null) this.turnErrors[i] = reason;
    }
    this.pacer?.stop();
    const wasOpen = this.phase !== 'connecting';
    this.phase = 'closing';
    if (wasOpen) this.transport?.close(1000, 'rtbench: giving up');
    this.finish();
  }

  private finish(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.pacer?.stop();
    for (const h of this.timers) this.clock.clearTimer(h);
    for (const st of this.states) if (st.timeout) this.clock.clearTimer(st.timeout);
    this.resolveDone();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private send(event: RealtimeEvent): void {
    if (!this.transport || this.phase === 'closed') return;
    this.transport.send(this.codec.encodeClient(event));
    this.record({ k: 'send', s: this.plan.id, t: this.clock.now(), type: event.type, event });
  }

  private after(ms: number, fn: () => void): TimerHandle {
    const h = this.clock.setTimer(this.clock.now() + ms, fn);
    this.timers.push(h);
    return h;
  }

  private record(r: TraceRecord): void {
    this.trace.push(r);
  }

  private note(level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>): void {
    this.trace.push({ k: 'note', s: this.plan.id, t: this.clock.now(), level, msg, ...(data ? { data } : {}) });
  }

  private metaRecord(conn: Connection | null): TraceRecord {
    return {
      k: 'meta',
      s: this.plan.id,
      t: this.clock.now(),
      scenario: this.plan.scenario,
      target: this.plan.target,
      model: this.plan.model,
      dialect: conn?.dialect ?? this.plan.dialect ?? 'ga',
      url: conn?.url ?? '',
      input_format: this.inputFormat,
      output_format: this.outputFormat,
      chunk_ms: this.chunkMs,
      session: this.plan.session as Record<string, unknown>,
    };
  }
}

/** The session.update payload: the plan's settings without the model (it is chosen by the URL). */
function sessionForUpdate(s: SessionConfig): SessionConfig {
  const { model: _model, ...rest } = s;
  return rest;
}

/** Replaces audio payloads by their byte length, so traces stay small. */
function elideAudio(e: RealtimeEvent): Record<string, unknown> {
  if (e.type === 'response.output_audio.delta' && typeof e.delta === 'string') {
    const { delta, type: _t, ...rest } = e;
    return typeof e.audio_bytes === 'number' ? rest : { ...rest, audio_bytes: base64ByteLength(delta) };
  }
  const { type: _t, ...rest } = e;
  return rest;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `server_error: The server had an error…` from a failed response's `status_details`. */
function failureOf(details: unknown): string {
  const err = isObject(details) && isObject(details.error) ? details.error : undefined;
  if (!err) return 'no details';
  const code = typeof err.code === 'string' && err.code ? err.code : typeof err.type === 'string' ? err.type : 'error';
  return typeof err.message === 'string' && err.message ? `${code}: ${err.message}` : code;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
