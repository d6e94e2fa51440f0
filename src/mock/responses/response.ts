/**
 * One response, from `response.created` to `response.done`, scheduled on the clock.
 *
 * Timeline (t0 = end of the user turn: speech_stopped sent, or response.create received):
 *   t0 + min(created, D)  response.created (+ rate_limits.updated when the profile sends it at start)
 *   t0 + D                output_item.added, conversation.item.added, content_part.added, first delta
 *   every deltaMs/rate    next audio delta (+ the transcript words that go with it)
 *   after the last delta  output_audio.done, transcript done, content_part.done, conversation.item.done,
 *                         output_item.done, response.done (+ rate_limits.updated at the end)
 * D is exact (jitter 0) so latency tests can check the mock to the millisecond. The completion order
 * (conversation.item.done before output_item.done) follows a 2026 capture of the GA service.
 */
import type { Clock } from '../../clock/clock.js';
import type { ConversationItem, RealtimeEvent } from '../../protocol/events.js';
import { bytesPerMsOf, type AudioFormat } from '../../protocol/session.js';
import { cutDeltas, type AssistantClip } from './assistant-audio.js';
import type { Conversation, StoredItem } from '../session/conversation.js';
import type { ErrorTemplate } from '../errors.js';
import type { IdGenerator } from '../ids.js';
import type { Outbox } from '../session/outbox.js';
import { TimerGroup } from '../timer-group.js';
import type { FullUsage } from './usage.js';
import { mcpCallEvents, MCP_CALL_MS } from './mcp.js';
import type { ResponseContent } from './types.js';

export interface ResponseSpec {
  id: string;
  /** 0-based position among the session's responses (timed faults name it). */
  index: number;
  conversationId: string;
  /** End of the user turn, clock ms. */
  triggerAtMs: number;
  /** t0 → first content delta (the first-audio delay D). */
  firstContentDelayMs: number;
  createdDelayMs: number;
  /** × real time. */
  streamRate: number;
  deltaMs: number;
  /** Burstiness (fitted profiles): each gap between audio deltas is the even gap × this draw [1]. */
  gapFactor?: () => number;
  /** `conversation: 'none'`: items stay out of the conversation. */
  outOfBand: boolean;
  content: ResponseContent;
  voice: string;
  outputFormat: AudioFormat;
  modalities: Array<'audio' | 'text'>;
  maxOutputTokens: number | 'inf';
  metadata: unknown;
  rateLimitsAt: 'response_start' | 'response_done';
  /** Tokens remaining to report (a `rate_limits` fault); 0 fails the response with rate_limit_exceeded. */
  rateLimitRemaining?: number;
  /** The content was cut to fit `max_output_tokens`: the response ends `incomplete`. */
  stopReason?: 'max_output_tokens';
}

export interface ResponseHost {
  clock: Clock;
  outbox: Outbox;
  ids: IdGenerator;
  conversation: Conversation;
  usage(run: ResponseRun, outputAudioMs: number, outputText: string): FullUsage;
  onFirstContent(run: ResponseRun): void;
  onFinished(run: ResponseRun): void;
}

type RunState = 'scheduled' | 'created' | 'streaming' | 'done';

const TEXT_DELTA_MS = 15;
const ARGS_DELTA_MS = 10;
const TOKENS_LIMIT = 15_000_000;
const REQUESTS_LIMIT = 20_000;

export class ResponseRun {
  private state: RunState = 'scheduled';
  private readonly timers: TimerGroup;
  readonly itemId: string;
  private readonly callId: string;
  private stored: StoredItem | undefined;
  private audioSentMs = 0;
  private finalStatus: string | undefined;
  private textSent = '';
  private argsSent = '';
  readonly firstContentAtMs: number;

  constructor(
    readonly spec: ResponseSpec,
    private readonly host: ResponseHost,
  ) {
    this.timers = new TimerGroup(host.clock);
    this.itemId = host.ids.next('item');
    this.callId = host.ids.next('call');
    this.firstContentAtMs = spec.triggerAtMs + spec.firstContentDelayMs;
  }

  get id(): string {
    return this.spec.id;
  }

  /** True until response.done is sent. */
  get active(): boolean {
    return this.state !== 'done';
  }

  get kind(): ResponseContent['kind'] {
    return this.spec.content.kind;
  }

  /** `response.done` status once done (completed, cancelled, failed). */
  get status(): string | undefined {
    return this.finalStatus;
  }

  /** Output audio sent so far, ms. */
  get audioMs(): number {
    return this.audioSentMs;
  }

  start(): void {
    const { triggerAtMs, createdDelayMs, firstContentDelayMs } = this.spec;
    this.timers.at(triggerAtMs + Math.min(createdDelayMs, firstContentDelayMs), () => this.sendCreated());
    this.timers.at(this.firstContentAtMs, () => this.beginContent());
  }

  /** Stops generation: closes what was started (status incomplete) and ends with `cancelled`. */
  cancel(reason: 'turn_detected' | 'client_cancelled'): void {
    if (!this.active) return;
    this.finishEarly('cancelled', { type: 'cancelled', reason });
  }

  /** Ends the response with `failed` (a server fault). */
  fail(error: ErrorTemplate): void {
    if (!this.active) return;
    this.finishEarly('failed', { type: 'failed', error: { type: error.type, code: error.code, message: error.message } });
  }

  /** Stops every pending send without any closing event (the connection is gone). */
  abandon(): void {
    this.timers.dispose();
    this.state = 'done';
  }

  // ── sending ──────────────────────────────────────────────────────────────────────────────────

  private send(event: RealtimeEvent): void {
    this.host.outbox.send(event);
  }

  private responseObject(status: string, statusDetails: unknown, output: ConversationItem[], usage: FullUsage | null): Record<string, unknown> {
    const s = this.spec;
    return {
      object: 'realtime.response',
      id: s.id,
      status,
      status_details: statusDetails,
      output,
      conversation_id: s.outOfBand ? null : s.conversationId,
      output_modalities: s.modalities,
      max_output_tokens: s.maxOutputTokens,
      output_audio_format: s.outputFormat,
      voice: s.voice,
      usage,
      metadata: s.metadata ?? null,
    };
  }

  private sendCreated(): void {
    if (this.state !== 'scheduled') return;
    this.state = 'created';
    this.send({ type: 'response.created', response: this.responseObject('in_progress', null, [], null) });
    if (this.spec.rateLimitsAt === 'response_start') this.sendRateLimits();
    if (this.spec.rateLimitRemaining === 0) {
      this.fail({
        type: 'requests',
        code: 'rate_limit_exceeded',
        message: 'Rate limit reached for tokens. Please try again later.',
        param: null,
      });
    }
  }

  private sendRateLimits(): void {
    const reserved = this.spec.maxOutputTokens === 'inf' ? 4096 : this.spec.maxOutputTokens;
    const remaining = this.spec.rateLimitRemaining ?? TOKENS_LIMIT - reserved;
    const limits = [{ name: 'tokens', limit: TOKENS_LIMIT, remaining, reset_seconds: remaining > 0 ? 0.001 : 6 }];
    if (this.spec.rateLimitsAt === 'response_start') {
      limits.unshift({ name: 'requests', limit: REQUESTS_LIMIT, remaining: REQUESTS_LIMIT - 1, reset_seconds: 0.003 });
    }
    this.send({ type: 'rate_limits.updated', rate_limits: limits });
  }

  private baseItem(): ConversationItem {
    const c = this.spec.content;
    if (c.kind === 'mcp_call') {
      return {
        id: this.itemId,
        type: 'mcp_call',
        server_label: c.serverLabel,
        name: c.name,
        arguments: '',
        approval_request_id: c.approvalRequestId,
        output: null,
        error: null,
      } as unknown as ConversationItem;
    }
    if (c.kind === 'mcp_approval_request') {
      return { id: this.itemId, type: 'mcp_approval_request', server_label: c.serverLabel, name: c.name, arguments: c.arguments } as ConversationItem;
    }
    if (c.kind === 'function_call') {
      return { id: this.itemId, object: 'realtime.item', type: 'function_call', status: 'in_progress', name: c.name, call_id: this.callId, arguments: '' };
    }
    return { id: this.itemId, object: 'realtime.item', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
  }

  private finalItem(status: 'completed' | 'incomplete'): ConversationItem {
    const c = this.spec.content;
    if (c.kind === 'function_call') return { ...this.baseItem(), status, arguments: status === 'completed' ? c.arguments : this.argsSent };
    if (c.kind === 'mcp_call') {
      const done = status === 'completed';
      return {
        ...this.baseItem(),
        arguments: done ? c.arguments : this.argsSent,
        output: done ? c.output : null,
        error: done ? (c.error ?? null) : null,
      } as unknown as ConversationItem;
    }
    if (c.kind === 'mcp_approval_request') return this.baseItem();
    const part =
      c.kind === 'audio'
        ? { type: 'output_audio', transcript: status === 'completed' ? c.clip.transcript : this.textSent }
        : { type: 'output_text', text: this.textSent };
    return { ...this.baseItem(), status, content: [part] };
  }

  private ids(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { response_id: this.spec.id, item_id: this.itemId, output_index: 0, ...extra };
  }

  private beginContent(): void {
    if (this.state === 'done') return;
    this.sendCreated();
    if (!this.active) return; // failed at creation (rate limit)
    this.state = 'streaming';
    const item = this.baseItem();
    this.send({ type: 'response.output_item.added', ...this.ids(), item, item_id: undefined });
    if (!this.spec.outOfBand) {
      const audio = this.spec.content.kind === 'audio' ? 'output' : null;
      this.stored = { item: { ...item }, audio, audioMs: 0 };
      const previous = this.host.conversation.insert(this.stored);
      this.send({ type: 'conversation.item.added', previous_item_id: previous, item });
    }
    const c = this.spec.content;
    if (c.kind === 'function_call') this.streamArguments(c.arguments);
    else if (c.kind === 'mcp_call') this.streamMcpCall(c.arguments);
    else if (c.kind === 'mcp_approval_request') this.timers.at(this.firstContentAtMs + ARGS_DELTA_MS, () => this.complete());
    else if (c.kind === 'audio') this.streamAudio(c.clip);
    else this.streamText(c.text);
    this.host.onFirstContent(this);
  }

  private streamAudio(clip: AssistantClip): void {
    this.send({ type: 'response.content_part.added', ...this.ids({ content_index: 0 }), part: { type: 'audio', transcript: '' } });
    const fmt = this.spec.outputFormat;
    const deltas = cutDeltas(clip.bytes, fmt, this.spec.deltaMs);
    const words = clip.transcript.split(/\s+/).filter(Boolean);
    const interval = this.spec.deltaMs / this.spec.streamRate;
    const perMs = bytesPerMsOf(fmt);
    const n = deltas.length;
    const sendChunk = (i: number) => {
      const delta = deltas[i];
      this.host.outbox.sendAudioDelta({ type: 'response.output_audio.delta', ...this.ids({ content_index: 0 }), delta });
      this.audioSentMs += (Buffer.byteLength(delta, 'base64') || (delta.length * 3) / 4) / perMs;
      if (this.stored) this.stored.audioMs = this.audioSentMs;
      const from = Math.floor((i * words.length) / n);
      const to = Math.floor(((i + 1) * words.length) / n);
      if (to > from) {
        const text = (from > 0 ? ' ' : '') + words.slice(from, to).join(' ');
        this.textSent += text;
        this.send({ type: 'response.output_audio_transcript.delta', ...this.ids({ content_index: 0 }), delta: text });
      }
    };
    if (n > 0) sendChunk(0);
    let at = this.firstContentAtMs;
    for (let i = 1; i < n; i++) {
      at += interval * (this.spec.gapFactor?.() ?? 1);
      this.timers.at(at, () => sendChunk(i));
    }
    this.timers.at(at + interval, () => this.complete());
  }

  private streamText(text: string): void {
    this.send({ type: 'response.content_part.added', ...this.ids({ content_index: 0 }), part: { type: 'text', text: '' } });
    const words = text.split(/\s+/).filter(Boolean);
    const sendWord = (i: number) => {
      const delta = (i > 0 ? ' ' : '') + words[i];
      this.textSent += delta;
      this.send({ type: 'response.output_text.delta', ...this.ids({ content_index: 0 }), delta });
    };
    if (words.length > 0) sendWord(0);
    const t = this.firstContentAtMs;
    const interval = TEXT_DELTA_MS / this.spec.streamRate;
    for (let i = 1; i < words.length; i++) this.timers.at(t + i * interval, () => sendWord(i));
    this.timers.at(t + Math.max(1, words.length) * interval, () => this.complete());
  }

  private streamArguments(args: string): void {
    const parts = splitArguments(args);
    const sendPart = (i: number) => {
      this.argsSent += parts[i];
      this.send({ type: 'response.function_call_arguments.delta', ...this.ids({ call_id: this.callId }), delta: parts[i] });
    };
    if (parts.length > 0) sendPart(0);
    const t = this.firstContentAtMs;
    for (let i = 1; i < parts.length; i++) this.timers.at(t + i * ARGS_DELTA_MS, () => sendPart(i));
    this.timers.at(t + Math.max(1, parts.length) * ARGS_DELTA_MS, () => this.complete());
  }

  /** Arguments in one delta, then the canned server's answer MCP_CALL_MS later. */
  private streamMcpCall(args: string): void {
    this.argsSent = args;
    for (const e of mcpCallEvents({ response_id: this.spec.id, item_id: this.itemId, output_index: 0 }, args)) this.send(e);
    this.timers.at(this.firstContentAtMs + MCP_CALL_MS, () => this.complete());
  }

  /** Closes the content part and the item, in the service's order. */
  private closeContent(status: 'completed' | 'incomplete'): ConversationItem {
    const c = this.spec.content;
    const item = this.finalItem(status);
    if (c.kind === 'mcp_call') {
      if (status === 'completed')
        this.send({ type: c.error ? 'response.mcp_call.failed' : 'response.mcp_call.completed', item_id: this.itemId, output_index: 0 });
    } else if (c.kind === 'mcp_approval_request') {
      // The request item carries everything; no streaming events of its own.
    } else if (c.kind === 'function_call') {
      if (status === 'completed') {
        this.send({ type: 'response.function_call_arguments.done', ...this.ids({ call_id: this.callId }), name: c.name, arguments: c.arguments });
      }
    } else if (c.kind === 'audio') {
      const transcript = status === 'completed' ? c.clip.transcript : this.textSent;
      this.send({ type: 'response.output_audio.done', ...this.ids({ content_index: 0 }) });
      this.send({ type: 'response.output_audio_transcript.done', ...this.ids({ content_index: 0 }), transcript });
      this.send({ type: 'response.content_part.done', ...this.ids({ content_index: 0 }), part: { type: 'audio', transcript } });
    } else {
      this.send({ type: 'response.output_text.done', ...this.ids({ content_index: 0 }), text: this.textSent });
      this.send({ type: 'response.content_part.done', ...this.ids({ content_index: 0 }), part: { type: 'text', text: this.textSent } });
    }
    if (this.stored) {
      this.stored.item = item;
      this.send({ type: 'conversation.item.done', previous_item_id: this.previousItemId(), item });
    }
    this.send({ type: 'response.output_item.done', ...this.ids(), item_id: undefined, item });
    return item;
  }

  private previousItemId(): string | null {
    const all = this.host.conversation.all();
    const i = all.findIndex((s) => s.item.id === this.itemId);
    return i > 0 ? (all[i - 1].item.id ?? null) : null;
  }

  private complete(): void {
    if (this.state !== 'streaming') return;
    if (this.spec.stopReason) {
      const cut = this.closeContent('incomplete');
      this.sendDone('incomplete', { type: 'incomplete', reason: this.spec.stopReason }, [cut]);
      return;
    }
    const item = this.closeContent('completed');
    this.sendDone('completed', null, [item]);
  }

  private finishEarly(status: 'cancelled' | 'failed', details: unknown): void {
    this.timers.clear();
    if (this.state === 'scheduled') {
      this.state = 'created';
      this.send({ type: 'response.created', response: this.responseObject('in_progress', null, [], null) });
    }
    const output = this.state === 'streaming' ? [this.closeContent('incomplete')] : [];
    this.sendDone(status, details, output);
  }

  private sendDone(status: string, details: unknown, output: ConversationItem[]): void {
    this.state = 'done';
    this.finalStatus = status;
    this.timers.dispose();
    const kind = this.spec.content.kind;
    const outputText = kind === 'function_call' || kind === 'mcp_call' || kind === 'mcp_approval_request' ? this.argsSent : this.textSent;
    const usage = this.host.usage(this, this.audioSentMs, outputText);
    this.send({ type: 'response.done', response: this.responseObject(status, details, output, usage) });
    if (this.spec.rateLimitsAt === 'response_done') this.sendRateLimits();
    this.host.onFinished(this);
  }
}

/** Arguments streamed in up to 4 pieces, like the service's small argument deltas. */
function splitArguments(args: string): string[] {
  if (args.length <= 8) return [args];
  const size = Math.ceil(args.length / 4);
  const out: string[] = [];
  for (let i = 0; i < args.length; i += size) out.push(args.slice(i, i + size));
  return out;
}
