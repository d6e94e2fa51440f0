import type { Clock } from '../../clock/clock.js';
import type { Codec } from '../../protocol/codec.js';
import type { RealtimeEvent } from '../../protocol/events.js';
import type { Transport } from '../../transport/transport.js';
import type { IdGenerator } from '../ids.js';
import type { MockSessionStats } from '../types.js';
import type { TimerGroup } from '../timer-group.js';

const EMPTY_DELTA = '"delta":""';

/**
 * The only way server events leave a session: gives each a unique `event_id` (agents-realtime drops
 * events without one), encodes it in the connection's dialect (skipping events the dialect lacks),
 * counts it, and holds frames back while a `stall` fault is active.
 */
export class Outbox {
  private stalledUntilMs = -Infinity;
  private readonly held: Array<string | Buffer> = [];

  constructor(
    private readonly transport: Transport,
    private readonly codec: Codec,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly timers: TimerGroup,
    private readonly stats: MockSessionStats,
  ) {}

  /** Sends a normalized server event; returns its event_id, or null when the dialect has no such event. */
  send(event: RealtimeEvent): string | null {
    const eventId = this.ids.next('event');
    const frame = this.codec.encodeServer({ ...event, event_id: eventId });
    if (frame === null) return null;
    if (event.type === 'error') this.stats.errorsSent++;
    this.write(frame);
    return eventId;
  }

  /**
   * Sends an audio delta whose `delta` is base64 as `Buffer.toString('base64')` writes it (the
   * answer clips' deltas): the event is encoded without its payload and the payload is copied into
   * the frame's bytes — the same frame as {@link send}, without passing kilobytes of base64 through
   * `JSON.stringify` and two UTF-8 length counts. Falls back to {@link send} on a transport that
   * takes only strings.
   */
  sendAudioDelta(event: RealtimeEvent & { delta: string }): string | null {
    if (!this.transport.sendBytes) return this.send(event);
    const eventId = this.ids.next('event');
    const text = this.codec.encodeServer({ ...event, delta: '', event_id: eventId });
    if (text === null) return null;
    const at = text.indexOf(EMPTY_DELTA);
    if (at < 0) {
      this.write(this.codec.encodeServer({ ...event, event_id: eventId }) as string);
      return eventId;
    }
    // Between the two quotes of `"delta":""`.
    const cut = at + EMPTY_DELTA.length - 1;
    const head = Buffer.from(text.slice(0, cut));
    const tail = Buffer.from(text.slice(cut));
    const frame = Buffer.allocUnsafe(head.length + event.delta.length + tail.length);
    head.copy(frame, 0);
    frame.write(event.delta, head.length, 'latin1');
    tail.copy(frame, head.length + event.delta.length);
    this.write(frame);
    return eventId;
  }

  /** Sends text as is (the `malformed` fault). */
  sendRaw(text: string): void {
    this.write(text);
  }

  /** Holds every frame until `untilMs`, then sends them in order (the `stall` fault). */
  stall(untilMs: number): void {
    if (untilMs <= this.stalledUntilMs) return;
    this.stalledUntilMs = untilMs;
    this.timers.at(untilMs, () => this.flush());
  }

  private write(frame: string | Buffer): void {
    if (this.clock.now() < this.stalledUntilMs || this.held.length > 0) {
      this.held.push(frame);
      return;
    }
    this.emit(frame);
  }

  private flush(): void {
    if (this.clock.now() < this.stalledUntilMs) return;
    const frames = this.held.splice(0);
    for (const f of frames) this.emit(f);
  }

  private emit(frame: string | Buffer): void {
    if (this.transport.state !== 'open') return;
    this.stats.framesSent++;
    if (typeof frame === 'string') {
      this.stats.bytesSent += Buffer.byteLength(frame);
      this.transport.send(frame);
    } else {
      this.stats.bytesSent += frame.length;
      this.transport.sendBytes!(frame);
    }
  }
}
