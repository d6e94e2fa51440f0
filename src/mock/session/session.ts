/**
 * One mock realtime session: the state machine behind a connection. It reads normalized client
 * events (the codec translated the dialect), keeps the session configuration, the input buffer,
 * turn detection and the conversation, and starts responses. Every send goes through the Outbox,
 * every delay through the clock.
 */
import type { VadEvent } from '../../audio/index.js';
import type { Clock } from '../../clock/clock.js';
import { asClientEvent, dispatchClientEvent, type ClientEventHandlers, type ClientEventOf } from '../../protocol/client-events.js';
import { isRecord, type Codec } from '../../protocol/codec.js';
import { isUnknown, type ConversationItem, type RealtimeEvent } from '../../protocol/events.js';
import type { AudioFormat, SessionConfig } from '../../protocol/session.js';
import type { AssistantAudio } from '../responses/assistant-audio.js';
import { Conversation, type StoredItem } from './conversation.js';
import type { ParsedDirectives } from '../behaviour/directives.js';
import { errors, type ErrorTemplate } from '../errors.js';
import { describeFault, rateLimitRemaining, slowReaderMs, timedFaults } from '../behaviour/faults.js';
import type { IdGenerator } from '../ids.js';
import { decodeAppend, InputBuffer } from './input-audio.js';
import { ItemEvents, type SessionIO } from './items.js';
import type { FaultSpec, MockConnection, MockSessionStats } from '../types.js';
import { Outbox } from './outbox.js';
import type { Prng } from '../../util/prng.js';
import type { MockProfile } from '../behaviour/profiles.js';
import { chooseContent, firstAudioDelayMs } from '../responses/response-choice.js';
import { ResponseRun, type ResponseHost } from '../responses/response.js';
import { TimerGroup } from '../timer-group.js';
import { applySessionUpdate, defaultSessionConfig, defaultTranscriptionConfig, type SessionKind } from './session-config.js';
import { fireFault } from '../behaviour/timed-faults.js';
import { fittedGapFactor, fittedStreamRate, withFittedAnswerLength } from '../behaviour/fitted-draws.js';
import { FittedSpeechTiming } from '../behaviour/fitted-speech.js';
import { scheduleTranscription } from '../responses/transcription.js';
import { TurnDetector } from './turn-detector.js';
import { speechStartedDelayMs, speechStoppedJitter } from '../behaviour/vad-timing.js';
import { validateClientEvent } from '../validate/index.js';
import { McpServers } from '../responses/mcp.js';
import { resolveInput, trimToMaxOutputTokens } from '../responses/response-input.js';
import type { DropStep, ScriptHooks } from '../scripting-hooks.js';
import { computeUsage, type FullUsage } from '../responses/usage.js';

export interface SessionSettings {
  firstAudioMs?: number;
  jitterMs?: number;
  strict: boolean;
  idleTimeoutMs?: number;
  maxSessionMs?: number;
}

export interface SessionDeps {
  index: number;
  clock: Clock;
  connection: MockConnection;
  codec: Codec;
  profile: MockProfile;
  model: string;
  /** `transcription` when the client connected with `?intent=transcription` (GA): no responses, ever. */
  kind: SessionKind;
  /** A wire `session` (GA) applied before `session.created`, e.g. from `POST /calls`; validated by the caller. */
  initialSession?: Record<string, unknown>;
  directives: ParsedDirectives;
  faults: FaultSpec[];
  /** Independent seeded streams, so one kind of draw never shifts another. */
  rng: { latency: Prng; transcription: Prng; vad: Prng };
  ids: IdGenerator;
  assistant: AssistantAudio;
  settings: SessionSettings;
  stats: MockSessionStats;
  /** Per-test script shared by the engine's sessions (client-testing API). */
  script?: ScriptHooks;
  /** Set when the credential failed in `openai` strictness: error + close 3000 after the upgrade. */
  authError?: ErrorTemplate;
  log: (line: string) => void;
  onClosed: () => void;
}

const SESSION_TTL_S = 60 * 60;
const REPARSED = new Set(['session.update', 'response.create', 'conversation.item.create']);

/** The handler table's extra arguments: the client's event_id (null without one), the raw frame. */
type HandlerArgs = [clientEventId: string | null, raw: string];

export class MockSession {
  private readonly clock: Clock;
  private readonly timers: TimerGroup;
  private readonly outbox: Outbox;
  private readonly conversation = new Conversation();
  private readonly input = new InputBuffer();
  private readonly detector: TurnDetector;
  private readonly sessionId: string;
  private readonly conversationId: string;
  private config: SessionConfig;
  /** The default-conversation response in progress (one at a time). */
  private active: ResponseRun | null = null;
  /** Out-of-band responses (`conversation: "none"`): any number, beside `active`, never cancelled by VAD. */
  private readonly outOfBand = new Set<ResponseRun>();
  private readonly mcp: McpServers;
  private responsesStarted = 0;
  private previousInputTokens = 0;
  private assistantAudioSent = false;
  private pendingSpeech: { itemId: string; audioStartMs: number } | null = null;
  /** No VAD event goes out before this time (keeps started/stopped in order when one is delayed). */
  private vadReadyAtMs = 0;
  private readonly toolTurnsCalled = new Set<number>();
  private readonly slowReaderMs: number;
  private readerFreeAtMs = 0;
  private idleDeadlineMs = Infinity;
  /** server_vad `idle_timeout_ms`: the pending timeout (cleared by speech, commits, responses). */
  private readonly vadIdle: TimerGroup;
  private closed = false;
  /** `openai` strictness (profile or option). */
  private readonly strict: boolean;
  private readonly handlers: ClientEventHandlers<HandlerArgs>;
  private readonly items: ItemEvents;
  private readonly io: SessionIO;
  /** Fitted speech_started/stopped delays (profile files), or null. */
  private readonly speechTiming: FittedSpeechTiming | null;
  /** Until when a real-time player could still be playing the assistant's audio (barge-in detection). */
  private audibleUntilT = -Infinity;

  constructor(private readonly d: SessionDeps) {
    this.clock = d.clock;
    this.timers = new TimerGroup(d.clock);
    this.vadIdle = new TimerGroup(d.clock);
    this.outbox = new Outbox(d.connection, d.codec, d.ids, d.clock, this.timers, d.stats);
    this.detector = new TurnDetector(d.profile);
    this.speechTiming = FittedSpeechTiming.for(d.profile, d.clock, this.timers, d.rng.latency);
    this.sessionId = d.ids.next('sess');
    this.conversationId = d.ids.next('conv');
    this.slowReaderMs = slowReaderMs(d.faults);
    this.config = d.kind === 'transcription' ? defaultTranscriptionConfig(d.profile) : defaultSessionConfig(d.model, d.profile);
    this.strict = d.settings.strict || d.profile.strictness === 'openai';
    if (d.initialSession) this.applyInitialSession(d.initialSession);
    this.detector.configure(this.config.turn_detection ?? null, this.config.input_audio_format ?? 'pcm16', 0);
    this.io = { send: (e) => this.send(e), sendError: (err, id) => this.sendError(err, id) };
    this.items = new ItemEvents(this.io, this.conversation, d.ids, () => this.config.input_audio_format ?? 'pcm16');
    this.mcp = new McpServers(
      this.io,
      this.conversation,
      d.ids,
      this.timers,
      () => this.clock.now(),
      (label) => d.script?.mcpScript(label),
    );
    this.handlers = {
      'session.update': (e, id, raw) => this.onSessionUpdate(e, id, raw),
      'session.close': () => this.close(1000, 'session closed by client'),
      'input_audio_buffer.append': (e, id) => this.onAppend(e, id),
      'input_audio_buffer.commit': (_e, id) => this.onCommit(id),
      'input_audio_buffer.clear': () => this.onClear(),
      'conversation.item.create': (e, id) => this.items.create(e, id),
      'conversation.item.retrieve': (e, id) => this.items.retrieve(e, id),
      'conversation.item.truncate': (e, id) => this.items.truncate(e, id),
      'conversation.item.delete': (e, id) => this.items.delete(e, id),
      'response.create': (e, id) => this.onResponseCreate(e, id),
      'response.cancel': (e, id) => this.onResponseCancel(e, id),
      'output_audio_buffer.clear': (_e, id) => this.onOutputAudioBufferClear(id),
    };
  }

  /** Sends the opening events (or the refusal) and starts listening. */
  start(): void {
    const { connection, codec, settings, profile } = this.d;
    connection.onMessage((data, binary) => this.onFrame(data, binary));
    connection.onClose(() => this.cleanup());
    if (this.strict && codec.dialect === 'beta') {
      this.sendError(errors.betaDisabled(), null);
      this.close(4000, 'invalid_request_error.beta_api_shape_disabled');
      return;
    }
    if (this.d.authError) {
      this.sendError(this.d.authError, null);
      this.close(3000, `invalid_request_error${this.d.authError.code ? `.${this.d.authError.code}` : ''}`);
      return;
    }
    this.send({
      type: 'session.created',
      session: { ...this.config, object: this.sessionObject, id: this.sessionId, expires_at: Math.floor(this.clock.wallNow() / 1000) + SESSION_TTL_S },
    });
    if (codec.dialect === 'beta') {
      this.send({ type: 'conversation.created', conversation: { id: this.conversationId, object: 'realtime.conversation' } });
    }
    if (settings.idleTimeoutMs) this.touch();
    const drop = this.d.script?.takeDrop();
    if (drop) this.scheduleDrop(drop);
    if (settings.maxSessionMs) {
      this.timers.after(settings.maxSessionMs, () => {
        this.sendError(errors.sessionExpired(Math.round(settings.maxSessionMs! / 60000)), null);
        this.close(1001, 'session_expired');
      });
    }
    this.d.log(
      `[s${this.d.index}] open ${codec.dialect} ${this.d.kind === 'transcription' ? 'intent=transcription' : `model=${this.d.model}`} profile=${profile.name}${this.d.faults.length ? ` faults=${this.d.faults.map(describeFault).join(',')}` : ''}`,
    );
  }

  /** Closes the connection from the server side. */
  close(code = 1000, reason = ''): void {
    if (this.closed) return;
    this.d.connection.close(code, reason);
    this.cleanup();
  }

  /** 0-based position among the engine's connections. */
  get index(): number {
    return this.d.index;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Drops the connection `afterMs` from now (scripted): a TCP cut (1006) unless a close code is given. */
  scheduleDrop(step: DropStep): void {
    this.timers.after(step.afterMs, () => {
      this.d.log(`[s${this.d.index}] scripted drop`);
      if (step.closeCode !== undefined || !this.d.connection.terminate) this.d.connection.close(step.closeCode ?? 1006, 'mock script: drop');
      else this.d.connection.terminate();
      this.cleanup();
    });
  }

  /** A call's `session` part: merged like a `session.update`, before anything is sent. */
  private applyInitialSession(wire: Record<string, unknown>): void {
    const result = applySessionUpdate(this.config, this.d.codec.sessionFromWire(wire), {
      dialect: this.d.codec.dialect,
      strict: this.strict,
      profile: this.d.profile,
      assistantAudioSent: false,
      raw: JSON.stringify({ session: wire }),
    });
    if (result.ok) this.config = result.config;
    else this.d.log(`[s${this.d.index}] initial session refused: ${result.error.message}`);
  }

  /** The session object's `object`, as the service names the two kinds. */
  private get sessionObject(): string {
    return this.d.kind === 'transcription' ? 'realtime.transcription_session' : 'realtime.session';
  }

  // ── plumbing ─────────────────────────────────────────────────────────────────────────────────

  private send(event: RealtimeEvent): void {
    if (!this.closed) this.outbox.send(event);
  }

  private sendError(error: ErrorTemplate, clientEventId: string | null): void {
    this.send({ type: 'error', error: { ...error, event_id: clientEventId } });
  }

  private cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    this.active?.abandon();
    this.active = null;
    for (const run of this.outOfBand) run.abandon();
    this.outOfBand.clear();
    this.timers.dispose();
    this.vadIdle.dispose();
    this.d.stats.state = 'closed';
    this.d.log(`[s${this.d.index}] closed`);
    this.d.onClosed();
  }

  /** Restarts the idle countdown (option `idleTimeoutMs`). */
  private touch(): void {
    const ms = this.d.settings.idleTimeoutMs;
    if (!ms) return;
    const first = this.idleDeadlineMs === Infinity;
    this.idleDeadlineMs = this.clock.now() + ms;
    if (first) this.armIdle();
  }

  private armIdle(): void {
    this.timers.at(this.idleDeadlineMs, () => {
      if (this.clock.now() + 1e-6 < this.idleDeadlineMs) this.armIdle();
      else this.close(1001, 'idle timeout');
    });
  }

  private onFrame(data: string, binary: boolean): void {
    if (this.closed) return;
    this.d.stats.framesReceived++;
    this.d.stats.bytesReceived += binary ? 0 : data.length;
    this.touch();
    if (this.slowReaderMs > 0) {
      // A server that reads slowly: each frame is handled slowReaderMs after the previous one.
      this.readerFreeAtMs = Math.max(this.clock.now(), this.readerFreeAtMs) + this.slowReaderMs;
      this.timers.at(this.readerFreeAtMs, () => this.process(data, binary));
      return;
    }
    this.process(data, binary);
  }

  private process(data: string, binary: boolean): void {
    if (this.closed) return;
    if (binary) {
      this.sendError(errors.binaryFrame(), null);
      return;
    }
    const event = this.d.codec.decodeClient(data);
    if (isUnknown(event)) {
      this.sendError(event.reason === 'missing string "type"' ? errors.missingParam('type') : errors.invalidJson(), null);
      return;
    }
    const clientEventId = typeof event.event_id === 'string' ? event.event_id : null;
    const known = asClientEvent(event, this.handlers);
    if (!known) {
      this.sendError(errors.unknownEventType(event.type), clientEventId);
      return;
    }
    // Validated in wire form: the codec reshapes these three, the rest pass through unchanged.
    const wire = REPARSED.has(event.type) ? (JSON.parse(data) as { type: string }) : event;
    const invalid = validateClientEvent(this.d.codec.dialect, wire);
    if (invalid) {
      this.sendError(invalid, clientEventId);
      return;
    }
    dispatchClientEvent(this.handlers, known, clientEventId, data);
  }

  // ── session ──────────────────────────────────────────────────────────────────────────────────

  private onSessionUpdate(e: ClientEventOf<'session.update'>, clientEventId: string | null, raw: string): void {
    const result = applySessionUpdate(this.config, e.session, {
      dialect: this.d.codec.dialect,
      strict: this.strict,
      profile: this.d.profile,
      assistantAudioSent: this.assistantAudioSent,
      raw,
    });
    if (!result.ok) return this.sendError(result.error, clientEventId);
    this.config = result.config;
    if (result.turnDetectionChanged) this.vadIdle.clear();
    if (result.inputFormatChanged || result.turnDetectionChanged) {
      if (!this.config.turn_detection) this.pendingSpeech = null;
      this.detector.configure(this.config.turn_detection ?? null, this.config.input_audio_format ?? 'pcm16', this.input.totalMs);
    }
    this.send({ type: 'session.updated', session: { ...this.config, object: this.sessionObject, id: this.sessionId } });
    this.mcp.onToolsDeclared(this.config.tools ?? []);
  }

  // ── input audio and turns ────────────────────────────────────────────────────────────────────

  private onAppend(e: ClientEventOf<'input_audio_buffer.append'>, clientEventId: string | null): void {
    if (typeof e.audio !== 'string') {
      this.sendError(e.audio === undefined ? errors.missingParam('audio') : errors.invalidType('audio', 'a base64 string'), clientEventId);
      return;
    }
    const decoded = decodeAppend(e.audio, this.config.input_audio_format ?? 'pcm16');
    if (!decoded.ok) {
      this.sendError(decoded.error, clientEventId);
      return;
    }
    this.d.stats.audioReceivedMs += decoded.ms;
    this.input.append(decoded.ms);
    this.speechTiming?.noteAudio(this.input.totalMs);
    for (const ev of this.detector.push(decoded.pcm)) this.onVadEvent(ev);
  }

  /**
   * VAD decisions go out in order, each no earlier than the profile says: `speech_started` once the
   * speech-onset detection delay has passed since the onset (the detector's own lag included), and
   * the end of this utterance decided after the silence plus the profile's jitter. A fitted profile
   * (`--profile-file`) times them itself first; its loader zeroes the built-in delay and jitter.
   */
  private onVadEvent(ev: VadEvent, timed = false): void {
    const td = this.config.turn_detection;
    if (!td) return;
    if (this.speechTiming && !timed)
      return this.speechTiming.schedule(ev, td, () => this.onVadEvent(ev, true), this.active !== null || this.clock.now() < this.audibleUntilT);
    if (ev.type === 'speech_started') {
      const lagMs = Math.max(0, this.input.totalMs - ev.onsetMs);
      this.detector.jitterSilence(speechStoppedJitter(this.d.profile, this.d.directives, this.d.settings, this.d.rng.vad));
      // A test's scripted detection delay (ScriptHooks.bargeInDelayMs) replaces the profile's draw.
      const delayMs = this.d.script?.bargeInDelayMs ?? speechStartedDelayMs(this.d.profile, this.d.directives, this.d.settings, this.d.rng.vad);
      this.emitVad(Math.max(0, delayMs - lagMs), () => this.speechStarted(ev.audioStartMs));
      return;
    }
    this.emitVad(0, () => this.speechStopped(ev.audioEndMs));
  }

  private emitVad(waitMs: number, fn: () => void): void {
    const at = Math.max(this.clock.now() + waitMs, this.vadReadyAtMs);
    this.vadReadyAtMs = at;
    if (at <= this.clock.now()) fn();
    else this.timers.at(at, () => fn());
  }

  private speechStarted(audioStartMs: number): void {
    const td = this.config.turn_detection;
    if (!td || this.closed) return;
    this.vadIdle.clear();
    const itemId = this.d.ids.next('item');
    this.pendingSpeech = { itemId, audioStartMs };
    this.send({ type: 'input_audio_buffer.speech_started', audio_start_ms: Math.round(audioStartMs), item_id: itemId });
    if (this.active && td.interrupt_response !== false) this.active.cancel('turn_detected');
  }

  private speechStopped(audioEndMs: number): void {
    const td = this.config.turn_detection;
    if (!td || this.closed) return;
    const itemId = this.pendingSpeech?.itemId ?? this.d.ids.next('item');
    this.pendingSpeech = null;
    this.send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: Math.round(audioEndMs), item_id: itemId });
    this.commitBuffer(itemId);
    // A transcription session transcribes the turn and never answers.
    if (td.create_response !== false && this.d.kind === 'realtime') {
      if (this.active) this.d.log(`[s${this.d.index}] turn ended while ${this.active.id} is active: no new response`);
      else this.startResponse(undefined);
    }
  }

  private onCommit(clientEventId: string | null): void {
    const buffered = this.input.bufferedMs;
    if (buffered < 100) {
      this.sendError(errors.commitEmpty(buffered), clientEventId);
      return;
    }
    const itemId = this.pendingSpeech?.itemId ?? this.d.ids.next('item');
    this.pendingSpeech = null;
    // A manual commit ends any speech the VAD was following.
    this.detector.reset(this.input.totalMs);
    this.commitBuffer(itemId);
  }

  private onClear(): void {
    this.input.take();
    this.pendingSpeech = null;
    this.detector.reset(this.input.totalMs);
    this.send({ type: 'input_audio_buffer.cleared' });
  }

  private commitBuffer(itemId: string): void {
    this.vadIdle.clear();
    const span = this.input.take();
    const item: ConversationItem = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      status: 'completed',
      role: 'user',
      content: [{ type: 'input_audio', transcript: null }],
    };
    const stored: StoredItem = { item, audio: 'input', audioMs: span.endMs - span.startMs };
    const previous = this.conversation.insert(stored);
    this.send({ type: 'input_audio_buffer.committed', previous_item_id: previous, item_id: itemId });
    this.send({ type: 'conversation.item.added', previous_item_id: previous, item });
    this.send({ type: 'conversation.item.done', previous_item_id: previous, item });
    const transcription = this.config.input_audio_transcription;
    if (transcription) {
      scheduleTranscription(stored, {
        io: this.io,
        clock: this.clock,
        timers: this.timers,
        rng: this.d.rng.transcription,
        profile: this.d.profile,
        config: transcription,
        transcripts: this.d.directives.transcripts,
        step: this.d.script?.takeTranscription(),
      });
    }
  }

  // ── responses ────────────────────────────────────────────────────────────────────────────────

  private onResponseCreate(e: ClientEventOf<'response.create'>, clientEventId: string | null): void {
    if (e.response !== undefined && !isRecord(e.response)) return this.sendError(errors.invalidType('response', 'an object'), clientEventId);
    if (this.d.kind === 'transcription') return this.sendError(errors.noResponsesInTranscription(), clientEventId);
    const conf = (e.response ?? {}) as Record<string, unknown>;
    // Out-of-band responses run beside the default-conversation one.
    if (this.active && conf.conversation !== 'none') return this.sendError(errors.activeResponse(this.active.id), clientEventId);
    const input = resolveInput(conf.input, this.conversation);
    if (!input.ok) return this.sendError(input.error, clientEventId);
    this.startResponse(conf, input.context);
  }

  private onResponseCancel(e: ClientEventOf<'response.cancel'>, clientEventId: string | null): void {
    const wanted = typeof e.response_id === 'string' ? e.response_id : undefined;
    const oob = wanted === undefined ? undefined : [...this.outOfBand].find((r) => r.id === wanted);
    if (oob) return oob.cancel('client_cancelled');
    if (!this.active || (wanted !== undefined && wanted !== this.active.id)) return this.sendError(errors.cancelNotActive(), clientEventId);
    this.active.cancel('client_cancelled');
  }

  private onOutputAudioBufferClear(clientEventId: string | null): void {
    if (this.strict) return this.sendError(errors.outputAudioBufferWs(), clientEventId);
    this.send({ type: 'output_audio_buffer.cleared', ...(this.active ? { response_id: this.active.id } : {}) });
  }

  private startResponse(conf: Record<string, unknown> = {}, context?: readonly StoredItem[]): void {
    this.vadIdle.clear();
    const index = this.responsesStarted++;
    const step = this.d.script?.takeResponse();
    const rng = this.d.rng.latency;
    const modalities = (Array.isArray(conf.output_modalities) ? conf.output_modalities : (this.config.output_modalities ?? ['audio'])) as Array<
      'audio' | 'text'
    >;
    const format = (conf.output_audio_format ?? this.config.output_audio_format ?? 'pcm16') as AudioFormat;
    const content = chooseContent({
      conf,
      session: this.config,
      conversation: this.conversation,
      directives: withFittedAnswerLength(this.d.directives, this.d.profile, rng),
      assistant: this.d.assistant,
      modalities,
      format,
      toolTurnsCalled: this.toolTurnsCalled,
      step: step?.kind === 'fail' ? undefined : step,
      mcp: this.mcp,
      context,
    });
    const maxOutputTokens = (conf.max_output_tokens ?? this.config.max_output_tokens ?? 'inf') as number | 'inf';
    const trimmed = trimToMaxOutputTokens(content, maxOutputTokens, format);
    const afterToolOutput = (context ?? this.conversation.all()).at(-1)?.item.type === 'function_call_output';
    const kind = trimmed.content.kind === 'function_call' ? 'tool_call' : afterToolOutput ? 'tool_answer' : 'answer';
    const firstContentDelayMs = firstAudioDelayMs(this.d.profile, this.d.directives, this.d.settings, rng, kind);
    const sr = this.d.profile.streamRate;
    const run = new ResponseRun(
      {
        id: this.d.ids.next('resp'),
        index,
        conversationId: this.conversationId,
        triggerAtMs: this.clock.now(),
        firstContentDelayMs,
        createdDelayMs: this.d.profile.responseCreatedMs,
        streamRate: this.d.directives.stream_rate ?? fittedStreamRate(this.d.profile, rng) ?? Math.max(0.5, rng.lognormal(sr.median, sr.sigma)),
        deltaMs: this.d.profile.deltaMs,
        gapFactor: fittedGapFactor(this.d.profile, rng),
        outOfBand: conf.conversation === 'none',
        content: trimmed.content,
        stopReason: trimmed.cut ? 'max_output_tokens' : undefined,
        voice: typeof conf.voice === 'string' ? conf.voice : (this.config.voice ?? 'alloy'),
        outputFormat: format,
        modalities,
        maxOutputTokens,
        metadata: conf.metadata ?? null,
        rateLimitsAt: this.d.profile.rateLimitsAt,
        rateLimitRemaining: rateLimitRemaining(this.d.faults),
      },
      this.responseHost(conf, context),
    );
    if (run.spec.outOfBand) this.outOfBand.add(run);
    else this.active = run;
    this.d.stats.responses++;
    if (content.kind === 'audio') this.assistantAudioSent = true;
    run.start();
    if (step?.kind === 'fail') {
      // Scripted failure: the service's server_error, then response.done failed, at the first content.
      const error = { ...errors.serverError(), ...step.error };
      this.timers.at(run.firstContentAtMs, () => {
        if (!run.active) return;
        this.sendError(error, null);
        run.fail(error);
      });
    }
  }

  private responseHost(conf: Record<string, unknown>, context: readonly StoredItem[] | undefined): ResponseHost {
    return {
      clock: this.clock,
      outbox: this.outbox,
      ids: this.d.ids,
      conversation: this.conversation,
      usage: (run, outputAudioMs, outputText) => this.usageFor(run, conf, outputAudioMs, outputText, context),
      onFirstContent: (run) => {
        // A client playing the answer in real time from its first delta hears it until then.
        if (run.spec.content.kind === 'audio') this.audibleUntilT = Math.max(this.audibleUntilT, this.clock.now() + run.spec.content.clip.ms);
        this.scheduleTimedFaults(run);
      },
      onFinished: (run) => {
        if (this.active === run) this.active = null;
        this.outOfBand.delete(run);
        if (run.status === 'completed') this.armVadIdleTimeout(run);
      },
    };
  }

  private usageFor(run: ResponseRun, conf: Record<string, unknown>, outputAudioMs: number, outputText: string, context?: readonly StoredItem[]): FullUsage {
    const instructions = typeof conf.instructions === 'string' ? conf.instructions : (this.config.instructions ?? '');
    const usage = computeUsage({
      instructions,
      toolsJson: JSON.stringify(conf.tools ?? this.config.tools ?? []),
      context: (context ?? this.conversation.all()).filter((s) => s.item.id !== run.itemId),
      outputAudioMs,
      outputText,
      previousInputTokens: this.previousInputTokens,
    });
    this.previousInputTokens = usage.input_tokens;
    return usage;
  }

  /**
   * server_vad `idle_timeout_ms` (GA): counted from when the answer would have finished playing
   * (first audio + its duration, or response.done if later). On expiry: timeout_triggered, the buffer
   * is committed (even if empty) and a response starts, as the service documents.
   */
  private armVadIdleTimeout(run: ResponseRun): void {
    const td = this.config.turn_detection;
    if (!td || td.type !== 'server_vad' || !td.idle_timeout_ms) return;
    const playedAt = Math.max(this.clock.now(), run.firstContentAtMs + run.audioMs);
    this.vadIdle.at(playedAt + td.idle_timeout_ms, () => {
      if (this.active || this.detector.speaking) return;
      const itemId = this.d.ids.next('item');
      this.send({
        type: 'input_audio_buffer.timeout_triggered',
        audio_start_ms: Math.round(this.input.startMs),
        audio_end_ms: Math.round(this.input.totalMs),
        item_id: itemId,
      });
      this.detector.reset(this.input.totalMs);
      this.commitBuffer(itemId);
      this.startResponse(undefined);
    });
  }

  /** drop / stall / error / malformed, relative to this response's first content. */
  private scheduleTimedFaults(run: ResponseRun): void {
    for (const f of timedFaults(this.d.faults, run.spec.index)) {
      this.timers.at(run.firstContentAtMs + (f.afterMs ?? 0), () => {
        this.d.log(`[s${this.d.index}] fault ${describeFault(f)}`);
        fireFault(f, run, {
          clock: this.clock,
          connection: this.d.connection,
          outbox: this.outbox,
          sendError: (err) => this.sendError(err, null),
          activeRun: () => this.active,
          cleanup: () => this.cleanup(),
        });
      });
    }
  }
}
