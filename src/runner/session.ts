import type { Clock, TimerHandle } from '../clock/clock.js';
import type { TraceRecord } from '../metrics/trace.js';
import type { Codec, Dialect } from '../protocol/codec.js';
import { codecFor } from '../protocol/index.js';
import type { RealtimeEvent } from '../protocol/events.js';
import { PendingTranscriptions } from './pending-transcriptions.js';
import { readServerEvent, type ServerEvent } from '../protocol/server-events.js';
import { bytesPerMsOf, type AudioFormat } from '../protocol/session.js';
import type { SessionPlan } from '../scenario/types.js';
import { PLAYED_OUT_EVENT, type Transport } from '../transport/transport.js';
import { Microphone, type MicEvent } from './mic.js';
import { Pacer } from './pacer.js';
import type { StartTicket } from './start-gate.js';
import { AssistantPlayback } from './playback.js';
import { AudibleWatch } from './audible-answer.js';
import type { PreparedTurn } from './prepare.js';
import { DEFAULT_RETRY_POLICY, describeConnectFailure, withRetries, type RetryPolicy } from './retry.js';
import { TurnScheduler, type PlannedStart } from './scheduler.js';
import { ABORTED_REASON, type SessionFailureCode } from './session-failure.js';
import { ToolReplies } from './tool-replies.js';
import { TurnBook } from './turn-book.js';
import { placeTurn, type OnsetCheck } from './turn-start.js';
import { elideAudio, failureOf, round3, sessionForUpdate } from './session-helpers.js';

export { ABORTED_REASON, type SessionFailureCode } from './session-failure.js';

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
  /** The session belongs to a wave that starts talking together ({@link StartGate}). */
  startGate?: StartTicket;
}

export interface SessionOutcome {
  trace: TraceRecord[];
  /** Why the session as a whole failed (connection refused, dropped, timed out), if it did. */
  error: string | null;
  /** Stable code of that failure (null when the session did not fail). */
  errorCode: SessionFailureCode | null;
  /** Per turn: why that turn has no valid measurement, or null. */
  turnErrors: Array<string | null>;
}

/** An open link: what every phase after the handshake carries. */
interface Link {
  transport: Transport;
  codec: Codec;
}

/** The session's state, with the resources each phase owns (no flags, no non-null assertions). */
type SessionState =
  | { phase: 'connecting' }
  | { phase: 'configuring'; link: Link }
  | { phase: 'streaming'; link: Link; pacer: Pacer }
  | { phase: 'closing'; link: Link | null }
  | { phase: 'closed' };

/** Farther than this from the asked barge-in offset (real clock): a warning in the trace. */
const BARGE_IN_TOLERANCE_MS = 20;
/** Longest wait, after the last turn was answered, for input transcriptions still to come (ms). */
const TRANSCRIPT_WAIT_MS = 5000;

/**
 * Drives one realtime session through its turns: configures the session, streams the microphone in
 * real time (silence between turns under server VAD), starts each turn when the {@link TurnScheduler}
 * says — a barge-in switches the microphone to the interrupting speech at the exact instant — plays
 * the assistant's audio in a simulated real-time player (stopping it and truncating on barge-in),
 * answers tool calls, commits in manual mode, and records every event in a trace. Never throws:
 * failures end up in the outcome, and whatever was measured before them is kept.
 */
export async function runSession(plan: SessionPlan, turns: PreparedTurn[], opts: SessionOptions): Promise<SessionOutcome> {
  return new SessionDriver(plan, turns, opts).run();
}

class SessionDriver {
  private readonly clock: Clock;
  private readonly trace: TraceRecord[] = [];
  private readonly inputFormat: AudioFormat;
  private readonly outputFormat: AudioFormat;
  private readonly chunkMs: number;
  private readonly bytesPerMs: number;
  private readonly manual: boolean;
  private state: SessionState = { phase: 'connecting' };
  private error: string | null = null;
  private errorCode: SessionFailureCode | null = null;
  private resolveDone!: () => void;
  private readonly done = new Promise<void>((r) => (this.resolveDone = r));
  private readonly timers: TimerHandle[] = [];
  /** Aborts a pending connect (and its retry waits) when the session gives up. */
  private readonly connecting = new AbortController();
  private hasMeta = false;
  private sessionReady = false;
  private interruptByServer = true;

  private readonly book: TurnBook;
  private readonly scheduler: TurnScheduler;
  private readonly mic: Microphone;
  private readonly playback = new AssistantPlayback();
  private readonly tools = new ToolReplies();
  private seq = 0;
  private onsetCheck: OnsetCheck | null = null;
  private resumeTimer: TimerHandle | null = null;
  private readonly transcriptions: PendingTranscriptions;
  /** Set while the last turn is answered and the session waits for input transcriptions to close. */
  private transcriptWait: TimerHandle | null = null;
  private activeResponse: string | null = null;
  private readonly audible: AudibleWatch;
  /** WebRTC: the server's output buffer plays (started, not yet played out at this end of the call). */
  private rtcOutputPlaying = false;
  /** The completed turn whose answer is still being played, waiting to be heard to the end. */
  private heardWait: { turn: number; timer: TimerHandle } | null = null;

  constructor(
    private readonly plan: SessionPlan,
    private readonly turns: PreparedTurn[],
    private readonly opts: SessionOptions,
  ) {
    this.clock = opts.clock;
    this.inputFormat = plan.session.input_audio_format ?? 'pcm16';
    this.outputFormat = plan.session.output_audio_format ?? 'pcm16';
    this.chunkMs = plan.chunk_ms;
    this.bytesPerMs = bytesPerMsOf(this.inputFormat);
    this.manual = plan.session.turn_detection === null;
    this.transcriptions = new PendingTranscriptions(Boolean(plan.session.input_audio_transcription));
    this.book = new TurnBook(turns.length);
    this.scheduler = new TurnScheduler(
      plan.turns.map((t) => t.start),
      turns.map((t) => t.speech[0]?.start_ms ?? 0),
    );
    this.mic = new Microphone(this.inputFormat);
    this.audible = new AudibleWatch(this.outputFormat);
  }

  async run(): Promise<SessionOutcome> {
    const { signal } = this.opts;
    const onAbort = () => this.fail('ABORTED', ABORTED_REASON);
    signal?.addEventListener('abort', onAbort, { once: true });
    const limit = this.opts.sessionTimeoutMs;
    if (limit && limit > 0) this.after(limit, () => this.fail('SESSION_TIMEOUT', `session timed out after ${limit} ms`));
    this.note('info', 'connecting');
    if (signal?.aborted) this.fail('ABORTED', ABORTED_REASON);
    else void this.open().catch((err: unknown) => this.fail('INTERNAL', `internal error while connecting: ${(err as Error)?.message ?? String(err)}`));
    await this.done;
    signal?.removeEventListener('abort', onAbort);
    if (!this.hasMeta) this.addMeta(null);
    return { trace: this.trace, error: this.error, errorCode: this.errorCode, turnErrors: this.book.errors };
  }

  /** Connects (with retries on handshake failures), then configures the session. */
  private async open(): Promise<void> {
    const startedT = this.clock.now();
    const outcome = await withRetries(() => this.opts.connect(this.plan, this.turns, this.connecting.signal), {
      clock: this.clock,
      policy: this.opts.retry ?? DEFAULT_RETRY_POLICY,
      seed: this.plan.seed,
      signal: this.connecting.signal,
      onRetry: ({ attempt, error, delayMs }) =>
        this.note('warn', `connect attempt ${attempt} failed: ${error.message}; retrying in ${Math.round(delayMs)} ms`, {
          attempt,
          delay_ms: Math.round(delayMs),
        }),
    });
    if (!outcome.ok) {
      if (this.state.phase !== 'closed') this.fail('CONNECT_FAILED', describeConnectFailure(outcome));
      return;
    }
    const conn = outcome.value;
    if (this.state.phase === 'closed') {
      // Gave up (timeout, interrupt) while the handshake was in flight.
      conn.transport.close(1000, 'rtbench: giving up');
      return;
    }
    const link: Link = { transport: conn.transport, codec: codecFor(conn.dialect) };
    this.addMeta(conn);
    this.trace.push({
      k: 'connect',
      s: this.plan.id,
      t: this.clock.now(),
      started_t: startedT,
      connect_ms: round3(conn.connectMs),
      attempts: outcome.attempts,
      url: conn.url,
    });
    this.state = { phase: 'configuring', link };
    conn.transport.onMessage((data, binary) => this.onFrame(data, binary));
    conn.transport.onClose((code, reason) => this.onClose(code, reason));
    const ready = this.opts.readyTimeoutMs ?? 10_000;
    this.after(ready, () => {
      if (!this.sessionReady) this.fail('NOT_READY', `session not ready after ${ready} ms (no session.created/updated)`);
    });
  }

  private addMeta(conn: Connection | null): void {
    this.hasMeta = true;
    this.trace.unshift(this.metaRecord(conn));
  }

  private get link(): Link | null {
    const s = this.state;
    return s.phase === 'configuring' || s.phase === 'streaming' || s.phase === 'closing' ? s.link : null;
  }

  // ---- server events -------------------------------------------------------------------------

  private onFrame(data: string, binary: boolean): void {
    const t = this.clock.now();
    const link = this.link;
    if (this.state.phase === 'closed' || !link) return;
    if (binary) {
      this.trace.push({ k: 'recv', s: this.plan.id, t, type: '$binary', event: { raw: data } });
      this.protocolError('unexpected binary frame from the server');
      return;
    }
    const ev = link.codec.decodeServer(data, { elideAudio: true });
    if (ev.type === '$unknown') {
      const { raw, reason } = ev as { raw: string; reason: string };
      this.trace.push({ k: 'recv', s: this.plan.id, t, type: '$unknown', event: { raw, reason } });
      this.protocolError(`malformed server frame (${reason}): ${JSON.stringify(raw.slice(0, 60))}${raw.length > 60 ? '…' : ''}`);
      return;
    }
    const event = ev as RealtimeEvent;
    const recorded = elideAudio(event);
    this.trace.push({ k: 'recv', s: this.plan.id, t, type: event.type, event: recorded });
    this.observePlayout(event.type, data, event as Record<string, unknown>, t);
    this.transcriptions.observe(event);
    if (this.transcriptWait && this.transcriptions.count === 0) this.closeStreaming();
    try {
      this.handle(readServerEvent(event, typeof recorded.audio_bytes === 'number' ? recorded.audio_bytes : undefined), t);
    } catch (err) {
      this.note('warn', `could not handle ${event.type}: ${(err as Error).message}`);
    }
  }

  private handle(e: ServerEvent, t: number): void {
    switch (e.kind) {
      case 'session':
        if (e.type === 'session.created') {
          if (this.state.phase === 'configuring') this.send({ type: 'session.update', session: sessionForUpdate(this.plan.session) });
          break;
        }
        this.interruptByServer = Boolean(e.session?.turn_detection && e.session.turn_detection.interrupt_response !== false);
        if (!this.sessionReady) {
          this.sessionReady = true;
          this.startAfterGate();
        }
        break;
      case 'speech_started':
        this.onSpeechStarted(t);
        break;
      case 'speech_stopped':
        this.book.endOfTurnSignalled();
        break;
      case 'response_created':
        this.activeResponse = e.responseId;
        this.book.responseCreated(e.responseId);
        break;
      case 'audio_delta':
        this.onAudioDelta(e.responseId, e.itemId, e.bytes, t);
        break;
      case 'function_call_done':
        this.tools.callDone(e.responseId, e.callId, e.name);
        break;
      case 'response_done':
        this.onResponseDone(e.responseId, e.status, e.statusDetails);
        break;
      case 'error':
        this.note('warn', `server error: ${e.code} ${e.message}`.trim());
        break;
      case 'rate_limits':
        this.onRateLimits(e.limits);
        break;
      default:
        break;
    }
  }

  /** An exhausted limit (`remaining: 0`) holds back the next session start for `reset_seconds`. */
  private onRateLimits(limits: Array<{ name: string; remaining: number | null; resetSeconds: number | null }>): void {
    for (const { name, remaining, resetSeconds } of limits) {
      if (remaining !== 0 || resetSeconds === null || !(resetSeconds > 0) || (name !== 'requests' && name !== 'tokens')) continue;
      this.note('warn', `rate limit "${name}" exhausted: next session waits ${resetSeconds} s`, { reset_seconds: resetSeconds });
      this.opts.onRateLimited?.(resetSeconds * 1000, name);
    }
  }

  /**
   * A frame that breaks the protocol (not JSON, no type, binary): recorded in the trace, and the
   * turn it arrived in is marked failed — its timings may be missing an event.
   */
  private protocolError(reason: string): void {
    this.note('warn', reason);
    this.book.failTurn(Math.max(0, this.book.current), reason);
  }

  private onSpeechStarted(t: number): void {
    // A good client stops playback the moment the user talks over the assistant, then tells the
    // server how much was actually heard.
    for (const stop of this.playback.stopAll(t)) {
      this.trace.push({ k: 'play', s: this.plan.id, t, ev: 'stop', item_id: stop.itemId, played_ms: round3(stop.playedMs) });
      if (this.activeResponse && !this.interruptByServer) this.send({ type: 'response.cancel' });
      this.send({ type: 'conversation.item.truncate', item_id: stop.itemId, content_index: 0, audio_end_ms: Math.floor(stop.playedMs) });
      // The user went on speaking over a response of their own turn: not the answer after all.
      const rid = this.playback.responseOf(stop.itemId);
      const turn = rid === undefined ? undefined : this.book.turnOf(rid);
      if (rid !== undefined && turn !== undefined && turn === this.book.current) {
        this.book.withdraw(turn, rid);
        this.scheduler.answerWithdrawn(turn, rid);
      }
    }
  }

  /**
   * What the player needs beyond the deltas: where an answer becomes audible, and over WebRTC
   * whether the server's output buffer is still playing into the track (audio still to come).
   */
  private observePlayout(type: string, frame: string, ev: Record<string, unknown>, t: number): void {
    if (type === 'response.output_audio.delta' || type === 'response.audio.delta') {
      const itemId = typeof ev.item_id === 'string' ? ev.item_id : null;
      if (!itemId) return;
      const priorMs = this.playback.playerOf(itemId)?.totalReceivedMs ?? 0;
      const atMs = this.audible.scan(itemId, frame, priorMs, {
        rtp: ev.rtp === true,
        audibleSample: typeof ev.audible_sample === 'number' ? ev.audible_sample : null,
      });
      if (atMs !== null)
        this.trace.push({
          k: 'play',
          s: this.plan.id,
          t,
          ev: 'audible',
          item_id: itemId,
          played_ms: round3(this.playback.playerOf(itemId)?.playedAt(t) ?? 0),
          at_ms: round3(atMs),
        });
      return;
    }
    if (this.plan.transport !== 'webrtc') return;
    if (type === 'output_audio_buffer.started') this.rtcOutputPlaying = true;
    else if (type === PLAYED_OUT_EVENT) {
      this.rtcOutputPlaying = false;
      this.checkHeard();
    }
  }

  private onAudioDelta(responseId: string, itemId: string, bytes: number, t: number): void {
    const { started, player } = this.playback.receive(responseId, itemId, t, bytes / bytesPerMsOf(this.outputFormat));
    if (started) this.trace.push({ k: 'play', s: this.plan.id, t, ev: 'start', item_id: itemId, played_ms: 0 });
    const turn = this.book.turnOf(responseId);
    if (turn === undefined) return;
    this.book.audioArrived(turn);
    this.scheduler.answerAudio(turn, responseId, t);
    this.scheduler.answerPlayback(turn, responseId, t, player.playedAt(t), player.totalReceivedMs);
    this.armResume();
  }

  private onResponseDone(id: string, status: string | null, details: unknown): void {
    if (this.activeResponse === id) this.activeResponse = null;
    const turn = this.book.turnOf(id);
    if (turn === undefined) return;
    if (status === 'cancelled' || status === 'incomplete') {
      // Not the answer (the user went on speaking, or it was cut): a barge-in armed by it waits for the real one.
      this.scheduler.answerWithdrawn(turn, id);
      return;
    }
    if (status === 'failed') this.book.failTurn(turn, `response failed: ${failureOf(details)}`);
    if (status === 'completed' && this.tools.hasCalls(id) && this.book.phaseOf(turn) !== 'done') {
      for (const ev of this.tools.replies(id, this.plan.turns[turn].tool)) this.send(ev);
      return;
    }
    if (this.book.answer(turn, id)) this.completeTurn(turn);
  }

  private onClose(code: number, reason: string): void {
    const by = this.state.phase === 'closing' ? 'client' : 'server';
    this.trace.push({ k: 'close', s: this.plan.id, t: this.clock.now(), code, reason, by });
    if (by === 'server') this.fail('CLOSED_BY_SERVER', `connection closed by server (code ${code}${reason ? `: ${reason}` : ''})`);
    else this.finish();
  }

  // ---- input stream --------------------------------------------------------------------------

  /** Starts the microphone, after the rest of the session's wave is ready if it has one. */
  private startAfterGate(): void {
    const gate = this.opts.startGate;
    if (!gate) return this.startStreaming();
    const readyT = this.clock.now();
    void gate.ready().then(() => {
      const heldMs = this.clock.now() - readyT;
      if (heldMs >= 1 && this.state.phase === 'configuring') {
        this.note('info', `microphone held ${Math.round(heldMs)} ms until every session of the first wave was ready`, { held_ms: round3(heldMs) });
      }
      this.startStreaming();
    });
  }

  private startStreaming(): void {
    if (this.state.phase !== 'configuring') return;
    const pacer = new Pacer(this.clock, this.chunkMs, (_k, due) => this.tick(due));
    this.state = { phase: 'streaming', link: this.state.link, pacer };
    this.scheduler.streamingStarted(this.clock.now());
    // Push-to-talk sends nothing until a turn starts; server VAD hears the microphone all along.
    if (this.manual) this.armResume();
    else pacer.start(this.opts.phaseMs);
  }

  /** One microphone period: send the audio captured in [due − chunk, due). */
  private tick(due: number): void {
    const s = this.state;
    if (s.phase !== 'streaming') return;
    const captureFrom = due - this.chunkMs;
    const planned = this.scheduler.take(due);
    if (planned) this.beginTurn(planned, captureFrom);
    const posMs = this.mic.positionBytes / this.bytesPerMs;
    const cap = this.mic.capture(Math.round(this.chunkMs * this.bytesPerMs));
    s.link.transport.send(s.link.codec.appendFrame(Buffer.from(cap.bytes.buffer, cap.bytes.byteOffset, cap.bytes.byteLength).toString('base64')));
    const t = this.clock.now();
    const endMs = this.mic.positionBytes / this.bytesPerMs;
    this.trace.push({
      k: 'chunk',
      s: this.plan.id,
      t,
      seq: this.seq++,
      pos_ms: posMs,
      end_ms: endMs,
      due,
      bytes: cap.bytes.byteLength,
      turn: cap.turn,
      buffered: s.link.transport.bufferedAmount,
    });
    this.checkOnset(t);
    for (const ev of cap.events) this.onMicEvent(ev);
  }

  /** Turn `p.turn` starts now: the microphone switches to it so that its onset lands on time. */
  private beginTurn(p: PlannedStart, captureFrom: number): void {
    // A turn that starts supersedes the previous ones (a barge-in cuts them short).
    for (let j = 0; j < p.turn; j++) if (this.book.phaseOf(j) !== 'done') this.completeTurn(j, false);
    const placed = placeTurn(p, captureFrom, {
      plan: this.plan,
      prepared: this.turns[p.turn],
      mic: this.mic,
      bytesPerMs: this.bytesPerMs,
      manual: this.manual,
    });
    this.mic.play(placed.clip, placed.atByte);
    this.book.started(p.turn);
    this.trace.push({ ...placed.record, t: this.clock.now() });
    if (placed.onsetCheck) this.onsetCheck = placed.onsetCheck;
  }

  /** Once the chunk holding a barge-in's onset was sent: how far from the asked offset it landed. */
  private checkOnset(sentT: number): void {
    const c = this.onsetCheck;
    if (!c || this.mic.positionBytes < c.onsetByte) return;
    this.onsetCheck = null;
    const onsetT = sentT - (this.mic.positionBytes - c.onsetByte) / this.bytesPerMs;
    const offset = onsetT - c.referenceT;
    if (Math.abs(offset - c.offsetMs) > BARGE_IN_TOLERANCE_MS) {
      this.note(
        'warn',
        `turn ${c.turn}: barge-in onset landed ${round3(offset)} ms after its trigger, asked ${c.offsetMs} ms (off by more than ${BARGE_IN_TOLERANCE_MS} ms)`,
        {
          turn: c.turn,
          realised_offset_ms: round3(offset),
          asked_offset_ms: c.offsetMs,
        },
      );
    }
  }

  private onMicEvent(ev: MicEvent): void {
    if (ev.kind === 'audio_end') this.book.audioEnded(ev.turn);
    else if (ev.kind === 'tail_end') this.endOfAudio(ev.turn);
  }

  /** The turn's audio and trailing silence were sent: commit (manual), then wait for the answer. */
  private endOfAudio(turn: number): void {
    if (this.book.phaseOf(turn) === 'done') return;
    this.book.awaiting(turn);
    if (this.manual && this.state.phase === 'streaming') {
      this.state.pacer.pause();
      this.book.endOfTurnSignalled();
      this.send({ type: 'input_audio_buffer.commit' });
      this.send({ type: 'response.create' });
    }
    if (this.book.isAnswered(turn)) {
      this.completeTurn(turn);
      return;
    }
    const limit = this.opts.turnTimeoutMs ?? 20_000;
    this.book.setTimeout(
      turn,
      this.after(limit, () => {
        if (this.book.phaseOf(turn) === 'done') return;
        if (!this.expectsNoResponse(turn)) {
          // Audio that started but never finished is a stalled stream, not a silent server.
          const why = this.book.hadAudio(turn)
            ? `response not finished within ${limit} ms after the turn's audio (stream stalled)`
            : `no response within ${limit} ms after the turn's audio`;
          if (this.book.failTurn(turn, why)) this.note('error', `turn ${turn}: ${why}`);
        }
        this.completeTurn(turn);
      }),
    );
  }

  private completeTurn(turn: number, triggerNext = true): void {
    const timeout = this.book.complete(turn);
    if (timeout === false) return;
    if (timeout) this.clock.clearTimer(timeout);
    if (!triggerNext) return;
    if (turn < this.turns.length - 1) this.scheduler.turnCompleted(turn, this.clock.now());
    this.awaitHeard(turn);
    this.armResume();
  }

  /**
   * The turn is complete: its answer is heard once the player has played every received sample
   * (over WebRTC: once the server's output buffer stopped and the track's audio played out). Waits
   * at most the turn timeout for a buffer that never reports stopping.
   */
  private awaitHeard(turn: number): void {
    if (this.heardWait) this.clock.clearTimer(this.heardWait.timer);
    const limit = this.opts.turnTimeoutMs ?? 20_000;
    const timer = this.after(limit, () => {
      if (this.heardWait?.turn !== turn) return;
      this.note('warn', `turn ${turn}: output audio buffer still playing ${limit} ms after the answer (no output_audio_buffer.stopped); going on`, { turn });
      this.rtcOutputPlaying = false;
      this.checkHeard();
    });
    this.heardWait = { turn, timer };
    this.checkHeard();
  }

  /** If the waiting turn's answer has been (or will surely be) heard to the end, tells the scheduler when. */
  private checkHeard(): void {
    const wait = this.heardWait;
    if (!wait || this.rtcOutputPlaying) return;
    this.heardWait = null;
    this.clock.clearTimer(wait.timer);
    const now = this.clock.now();
    const heardT = Math.max(now, this.playback.playoutEndT());
    if (wait.turn === this.turns.length - 1) {
      // The session ends when the last answer has been heard, not when it was generated.
      if (heardT > now) this.after(heardT - now, () => this.finishStreaming());
      else this.finishStreaming();
      return;
    }
    this.scheduler.answerHeard(wait.turn, heardT);
    this.armResume();
  }

  /** Push-to-talk: the paused microphone resumes when the next turn's audio is due. */
  private armResume(): void {
    const s = this.state;
    const p = this.scheduler.pending;
    if (!this.manual || s.phase !== 'streaming' || s.pacer.running || !p || this.resumeTimer) return;
    this.resumeTimer = this.after(Math.max(0, p.audioT - this.clock.now()), () => {
      this.resumeTimer = null;
      const now = this.state;
      if (now.phase !== 'streaming' || now.pacer.running) return;
      // The first tick comes one period later and carries audio captured from now.
      now.pacer.resume();
      if (!now.pacer.running) now.pacer.start();
    });
  }

  private expectsNoResponse(turn: number): boolean {
    return this.plan.expectations.some((x) => x.turn === turn && x.metric === 'response' && x.equals === 'none');
  }

  // ---- ending --------------------------------------------------------------------------------

  private finishStreaming(): void {
    const s = this.state;
    if (s.phase !== 'streaming') return;
    s.pacer.stop();
    if (this.transcriptions.count > 0 && !this.transcriptWait) {
      // The last turn's input transcription usually arrives after its answer: wait for it (bounded).
      this.transcriptWait = this.after(TRANSCRIPT_WAIT_MS, () => this.closeStreaming());
      return;
    }
    this.closeStreaming();
  }

  private closeStreaming(): void {
    if (this.transcriptWait) this.clock.clearTimer(this.transcriptWait);
    this.transcriptWait = null;
    const s = this.state;
    if (s.phase !== 'streaming') return;
    this.state = { phase: 'closing', link: s.link };
    s.link.transport.close(1000, 'done');
    this.after(2000, () => this.finish());
  }

  private fail(code: SessionFailureCode, reason: string): void {
    const s = this.state;
    if (s.phase === 'closed') return;
    this.connecting.abort();
    if (this.error === null) {
      this.error = reason;
      this.errorCode = code;
    }
    this.note('error', reason);
    this.book.failOpenTurns(reason);
    if (s.phase === 'streaming') s.pacer.stop();
    const link = this.link;
    this.state = { phase: 'closing', link };
    link?.transport.close(1000, 'rtbench: giving up');
    this.finish();
  }

  private finish(): void {
    const s = this.state;
    if (s.phase === 'closed') return;
    this.opts.startGate?.gone();
    if (s.phase === 'streaming') s.pacer.stop();
    this.state = { phase: 'closed' };
    for (const h of this.timers) this.clock.clearTimer(h);
    this.resolveDone();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private send(event: RealtimeEvent): void {
    const link = this.link;
    if (!link || this.state.phase === 'closed') return;
    link.transport.send(link.codec.encodeClient(event));
    this.trace.push({ k: 'send', s: this.plan.id, t: this.clock.now(), type: event.type, event });
  }

  private after(ms: number, fn: () => void): TimerHandle {
    const h = this.clock.setTimer(this.clock.now() + ms, fn);
    this.timers.push(h);
    return h;
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
