/**
 * Replay (`rtbench mock --replay <run folder>`): each connection is served the server events one
 * recorded session received, timed from the client's events as the recording timed them (see
 * calibration/replay-script.ts for the anchors). Connections take the recorded sessions in order.
 *
 * Mismatches — the client sends an event the recording never saw at that point, skips one it saw,
 * connects more often than the recording did, or asks for another model — are reported: an `error`
 * event (`code: replay_mismatch`) on the connection, a log line, and {@link ReplayPlayer.mismatches}.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { replaySessions, type ReplayAnchor, type ReplaySession } from '../../calibration/replay-script.js';
import type { Clock } from '../../clock/clock.js';
import type { TraceRecord } from '../../metrics/trace.js';
import type { Codec } from '../../protocol/codec.js';
import { isUnknown, type RealtimeEvent } from '../../protocol/events.js';
import { bytesPerMsOf, type AudioFormat } from '../../protocol/session.js';
import { TimerGroup } from '../timer-group.js';
import type { MockConnection, ReplayMismatch } from '../types.js';
import { RtbenchError } from '../../errors.js';
import { TRACES_FILE } from '../../run-folder/names.js';

/** A run folder that cannot be replayed (exit 2). */
export class ReplayError extends RtbenchError<'REPLAY_INVALID'> {
  static readonly codes = ['REPLAY_INVALID'] as const;
  constructor(message: string) {
    super('REPLAY_INVALID', message);
    this.name = 'ReplayError';
  }
}

/**
 * Reads a run folder's traces (synchronously: the mock is built before anything connects).
 * @throws {ReplayError} when there is no traces.jsonl or no session in it
 */
export function loadReplay(path: string): ReplaySession[] {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, TRACES_FILE) : path;
  if (!existsSync(file)) throw new ReplayError(`${path}: no ${TRACES_FILE} to replay`);
  const records: TraceRecord[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as TraceRecord);
    } catch {
      // a torn last line of a killed run
    }
  }
  const sessions = replaySessions(records);
  if (!sessions.length) throw new ReplayError(`${path}: no recorded session in ${file}`);
  return sessions;
}

export class ReplayPlayer {
  private next = 0;
  private readonly found: ReplayMismatch[] = [];

  constructor(
    readonly sessions: readonly ReplaySession[],
    private readonly clock: Clock,
    private readonly report: (m: ReplayMismatch) => void = () => undefined,
  ) {}

  /** Every mismatch so far. */
  mismatches(): ReplayMismatch[] {
    return [...this.found];
  }

  /** Serves the next recorded session on this connection. */
  attach(conn: MockConnection, codec: Codec, model: string | undefined): void {
    const index = this.next++;
    const script = this.sessions[index];
    const note = (m: Omit<ReplayMismatch, 'connection' | 'session'>): ReplayMismatch => {
      const full = { connection: index, session: script?.id ?? null, ...m };
      this.found.push(full);
      this.report(full);
      return full;
    };
    if (!script) {
      const m = note({ kind: 'extra_session', message: `connection #${index + 1}, but the recording has only ${this.sessions.length} session(s)` });
      conn.send(codec.encodeServer(errorEvent(m.message, null, index)) ?? '');
      conn.close(1008, 'replay: no recorded session left');
      return;
    }
    if (model !== undefined && model !== script.model) note({ kind: 'model', message: `client asked for model ${model}; the recording used ${script.model}` });
    new ReplayConnection(script, conn, codec, this.clock, note).start();
  }
}

class ReplayConnection {
  private readonly timers: TimerGroup;
  private readonly openT: number;
  private readonly sendT: number[] = [];
  private readonly sentT: number[] = [];
  private readonly arrivals: Array<{ endMs: number; t: number }> = [];
  private audioMs = 0;
  private expected = 0;
  private cursor = 0;
  private timerFor = -1;
  private lastSentT = -Infinity;
  private errors = 0;
  private closed = false;
  private readonly bytesPerMs: number;
  private readonly silence = new SilenceCache();

  constructor(
    private readonly script: ReplaySession,
    private readonly conn: MockConnection,
    private readonly codec: Codec,
    private readonly clock: Clock,
    private readonly note: (m: Omit<ReplayMismatch, 'connection' | 'session'>) => ReplayMismatch,
  ) {
    this.timers = new TimerGroup(clock);
    this.openT = clock.now();
    this.bytesPerMs = bytesPerMsOf((script.inputFormat as AudioFormat) ?? 'pcm16');
  }

  start(): void {
    this.conn.onMessage((data, binary) => this.onFrame(data, binary));
    this.conn.onClose(() => this.finish());
    this.pump();
  }

  private onFrame(data: string, binary: boolean): void {
    if (this.closed || binary) return;
    const event = this.codec.decodeClient(data);
    if (isUnknown(event)) return;
    if (event.type === 'input_audio_buffer.append') {
      const audio = typeof event.audio === 'string' ? event.audio : '';
      this.audioMs += Buffer.byteLength(audio, 'base64') / this.bytesPerMs;
      this.arrivals.push({ endMs: this.audioMs, t: this.clock.now() });
    } else this.onClientEvent(event);
    this.pump();
  }

  /** Matches a client event against the recorded ones still to come. */
  private onClientEvent(event: RealtimeEvent): void {
    const sends = this.script.clientSends;
    let j = this.expected;
    while (j < sends.length && sends[j].type !== event.type) j++;
    const clientEventId = typeof event.event_id === 'string' ? event.event_id : null;
    if (j === sends.length) {
      const next = sends[this.expected]?.type;
      const m = this.note({
        kind: 'unexpected',
        message: `client sent ${event.type}, which the recording never saw here (${next ? `next recorded client event: ${next}` : 'the recorded client sent nothing more'})`,
      });
      this.sendError(m.message, clientEventId);
      return;
    }
    for (let k = this.expected; k < j; k++) {
      this.note({ kind: 'skipped', message: `the recorded client sent ${sends[k].type} (#${k + 1}) before ${event.type}; this client did not` });
    }
    const now = this.clock.now();
    for (let k = this.expected; k <= j; k++) this.sendT[k] = now;
    this.expected = j + 1;
  }

  /** When an anchor happened on this connection, or undefined while it has not. */
  private anchorT(a: ReplayAnchor): number | undefined {
    switch (a.kind) {
      case 'open':
        return this.openT;
      case 'send':
        return this.sendT[a.index];
      case 'event':
        return this.sentT[a.index];
      case 'audio':
        return this.audioArrivalT(a.posMs - 0.5);
    }
  }

  /** Arrival of the first append reaching `posMs` (appends ascend: binary search; sessions may be long). */
  private audioArrivalT(posMs: number): number | undefined {
    const xs = this.arrivals;
    if (!xs.length || xs[xs.length - 1].endMs < posMs) return undefined;
    let lo = 0;
    let hi = xs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid].endMs >= posMs) hi = mid;
      else lo = mid + 1;
    }
    return xs[lo].t;
  }

  /** Sends every step whose anchor has happened and whose delay has passed, in recorded order. */
  private pump(): void {
    const steps = this.script.steps;
    while (!this.closed && this.cursor < steps.length) {
      const step = steps[this.cursor];
      const from = this.anchorT(step.anchor);
      if (from === undefined) return;
      const due = Math.max(from + step.offsetMs, this.lastSentT);
      if (due > this.clock.now() + 1e-9) {
        if (this.timerFor !== this.cursor) {
          this.timerFor = this.cursor;
          this.timers.at(due, () => {
            // A real timer may fire a hair early: forget it, so pump() re-arms it if needed.
            this.timerFor = -1;
            this.pump();
          });
        }
        return;
      }
      this.emit(step.event);
      // Chained events count from when the previous one was due, not when a late timer sent it,
      // so timer lateness does not pile up over a response's deltas.
      this.sentT[this.cursor] = due;
      this.lastSentT = due;
      this.cursor++;
    }
  }

  private emit(recorded: Record<string, unknown> & { type: string }): void {
    let event = recorded as RealtimeEvent;
    if (typeof recorded.audio_bytes === 'number') {
      const { audio_bytes: bytes, ...rest } = recorded;
      event = { ...rest, delta: this.silence.get(bytes as number) } as RealtimeEvent;
    }
    const frame = this.codec.encodeServer(event);
    if (frame !== null && this.conn.state === 'open') this.conn.send(frame);
  }

  private sendError(message: string, clientEventId: string | null): void {
    const frame = this.codec.encodeServer(errorEvent(message, clientEventId, this.errors++));
    if (frame !== null && this.conn.state === 'open') this.conn.send(frame);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.timers.dispose();
    const sends = this.script.clientSends;
    if (this.expected < sends.length) {
      this.note({
        kind: 'never_sent',
        message: `the client closed without sending ${sends.length - this.expected} recorded client event(s), first ${sends[this.expected].type}`,
      });
    }
    const left = this.script.steps.length - this.cursor;
    if (left > 0)
      this.note({ kind: 'not_replayed', message: `${left} recorded server event(s) not replayed, first ${this.script.steps[this.cursor].event.type}` });
  }
}

function errorEvent(message: string, clientEventId: string | null, n: number): RealtimeEvent {
  return {
    type: 'error',
    event_id: `event_replay_error_${n}`,
    error: { type: 'invalid_request_error', code: 'replay_mismatch', message: `replay: ${message}`, param: null, event_id: clientEventId },
  };
}

/** Base64 of zero bytes by size (the recording kept only the size of each audio delta). */
class SilenceCache {
  private readonly bySize = new Map<number, string>();

  get(bytes: number): string {
    let s = this.bySize.get(bytes);
    if (s === undefined) {
      s = Buffer.alloc(Math.max(0, Math.floor(bytes))).toString('base64');
      if (this.bySize.size < 64) this.bySize.set(bytes, s);
    }
    return s;
  }
}
