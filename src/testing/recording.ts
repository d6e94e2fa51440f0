/**
 * What one session's client sent and what the mock answered, with the mock clock's timestamps:
 * the raw material of the client-testing API (`rtbench/testing`). Events are normalized (GA names,
 * neutral session shape) so assertions read the same for both dialects; audio payloads are kept
 * only as sizes (`audio_bytes`) and durations (`audio_ms`). The mock sees a recording as
 * `RecorderHooks` (it wraps the session's connection), made by `MockOptions.recorder`.
 */
import type { Clock } from '../clock/clock.js';
import { codecFor, type Dialect } from '../protocol/index.js';
import { isUnknown } from '../protocol/events.js';
import { bytesPerMsOf, type AudioFormat } from '../protocol/session.js';
import type { MockConnection, RecorderHooks } from '../mock/types.js';

export interface RecordedEvent {
  /** Mock clock time (ms) the frame was received (client) or sent (server). */
  t: number;
  from: 'client' | 'server';
  type: string;
  /** The normalized event; audio replaced by `audio_bytes` and `audio_ms`. */
  event: Record<string, unknown>;
}

/**
 * How long `SessionRecording.waitFor` waits by default: under vitest's default 5 s test timeout, so
 * the wait's own error (what it waited for) is what a failing test shows.
 */
export const DEFAULT_WAIT_FOR_TIMEOUT_MS = 4000;

/** A `waitFor` that saw no matching event in time; the message says what it waited for. */
export class WaitForTimeoutError extends Error {
  readonly code = 'E_WAIT_FOR_TIMEOUT';
  constructor(message: string) {
    super(message);
    this.name = 'WaitForTimeoutError';
  }
}

/** The predicate's source on one line, shortened: what a test author wrote, e.g. `(e) => e.type === 'x'`. */
function describePredicate(pred: (e: RecordedEvent) => boolean): string {
  const src = String(pred).replace(/\s+/g, ' ').trim();
  return `\`${src.length > 160 ? `${src.slice(0, 157)}...` : src}\``;
}

export type SessionEnd = { t: number; code: number; by: 'client' | 'server' };

/** One session's events both ways, as the mock received and sent them. */
export class SessionRecording implements RecorderHooks {
  readonly events: RecordedEvent[] = [];
  readonly openedAt: number;
  end: SessionEnd | undefined;
  private inputFormat: AudioFormat = 'pcm16';
  private outputFormat: AudioFormat = 'pcm16';
  private serverClosing: number | undefined;
  private readonly waiters: Array<{ pred: (e: RecordedEvent) => boolean; resolve: (e: RecordedEvent) => void }> = [];
  private readonly endWaiters: Array<() => void> = [];

  constructor(
    readonly index: number,
    readonly dialect: Dialect,
    private readonly clock: Clock,
  ) {
    this.openedAt = clock.now();
  }

  /** Events the client sent, in order. */
  get clientEvents(): RecordedEvent[] {
    return this.events.filter((e) => e.from === 'client');
  }

  /** Events the mock sent, in order. */
  get serverEvents(): RecordedEvent[] {
    return this.events.filter((e) => e.from === 'server');
  }

  /**
   * Resolves with the first event (past or future) matching; rejects after `timeoutMs` (default
   * {@link DEFAULT_WAIT_FOR_TIMEOUT_MS}, on the mock's clock) with an error naming what it waited for
   * (`what`, else the predicate's source) and what the session recorded instead.
   */
  waitFor(pred: (e: RecordedEvent) => boolean, opts: { timeoutMs?: number; what?: string } = {}): Promise<RecordedEvent> {
    const found = this.events.find(pred);
    if (found) return Promise.resolve(found);
    const timeoutMs = opts.timeoutMs ?? DEFAULT_WAIT_FOR_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const waiter = {
        pred,
        resolve: (e: RecordedEvent) => {
          this.clock.clearTimer(timer);
          resolve(e);
        },
      };
      const timer = this.clock.setTimer(this.clock.now() + timeoutMs, () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new WaitForTimeoutError(this.describeTimeout(opts.what ?? describePredicate(pred), timeoutMs)));
      });
      this.waiters.push(waiter);
    });
  }

  private describeTimeout(what: string, timeoutMs: number): string {
    const last = this.events[this.events.length - 1];
    const seen = last
      ? `${this.events.length} events recorded, the last ${last.from === 'client' ? 'from the client' : 'from the server'}: ${last.type} at ${((last.t - this.openedAt) / 1000).toFixed(2)} s`
      : 'no events recorded';
    const end = this.end ? `; the connection closed (${this.end.code}, by the ${this.end.by})` : '';
    return `waitFor: session ${this.index} saw no event matching ${what} within ${timeoutMs} ms (${seen}${end})`;
  }

  /** Resolves when the connection has closed. */
  waitForEnd(): Promise<SessionEnd> {
    if (this.end) return Promise.resolve(this.end);
    return new Promise((resolve) => this.endWaiters.push(() => resolve(this.end!)));
  }

  /** Wraps a server-side connection so every frame both ways is recorded. */
  wrap(conn: MockConnection): MockConnection {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below have their own `this`
    const rec = this;
    return {
      get state() {
        return conn.state;
      },
      get bufferedAmount() {
        return conn.bufferedAmount;
      },
      send(frame: string) {
        rec.record('server', frame);
        conn.send(frame);
      },
      close(code?: number, reason?: string) {
        rec.serverClosing ??= code ?? 1000;
        conn.close(code, reason);
      },
      onMessage(handler) {
        conn.onMessage((data, binary) => {
          if (!binary) rec.record('client', data);
          handler(data, binary);
        });
      },
      onClose(handler) {
        conn.onClose((code, reason) => {
          rec.closed(code);
          handler(code, reason);
        });
      },
      terminate: conn.terminate
        ? () => {
            rec.serverClosing ??= 1006;
            conn.terminate!();
          }
        : undefined,
    };
  }

  private closed(code: number): void {
    if (this.end) return;
    this.end = { t: this.clock.now(), code, by: this.serverClosing !== undefined ? 'server' : 'client' };
    for (const w of this.endWaiters.splice(0)) w();
  }

  private record(from: 'client' | 'server', raw: string): void {
    const codec = codecFor(this.dialect);
    const parsed = from === 'server' ? codec.decodeServer(raw, { elideAudio: true }) : codec.decodeClient(elideAppend(raw));
    if (isUnknown(parsed)) {
      this.push({ t: this.clock.now(), from, type: '$unknown', event: { raw: parsed.raw, reason: parsed.reason } });
      return;
    }
    const event = { ...parsed } as Record<string, unknown>;
    if (from === 'server' && (event.type === 'session.created' || event.type === 'session.updated')) {
      const s = event.session as { input_audio_format?: AudioFormat; output_audio_format?: AudioFormat } | undefined;
      if (s?.input_audio_format) this.inputFormat = s.input_audio_format;
      if (s?.output_audio_format) this.outputFormat = s.output_audio_format;
    }
    if (typeof event.audio_bytes === 'number') {
      const format = from === 'client' ? this.inputFormat : this.outputFormat;
      event.audio_ms = event.audio_bytes / bytesPerMsOf(format);
    }
    this.push({ t: this.clock.now(), from, type: String(event.type), event });
  }

  private push(e: RecordedEvent): void {
    this.events.push(e);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].pred(e)) this.waiters.splice(i, 1)[0].resolve(e);
    }
  }
}

/** An append frame with its base64 replaced by its decoded size (no multi-MiB strings kept). */
function elideAppend(raw: string): string {
  if (!raw.includes('input_audio_buffer.append')) return raw;
  try {
    const e = JSON.parse(raw) as Record<string, unknown>;
    if (e.type !== 'input_audio_buffer.append' || typeof e.audio !== 'string') return raw;
    const audio = e.audio;
    const pad = audio.endsWith('==') ? 2 : audio.endsWith('=') ? 1 : 0;
    const { audio: _audio, ...rest } = e;
    return JSON.stringify({ ...rest, audio_bytes: Math.floor((audio.length * 3) / 4) - pad });
  } catch {
    return raw;
  }
}
