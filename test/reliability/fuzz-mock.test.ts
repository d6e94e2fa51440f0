/**
 * Seeded fuzzing of the mock: ≥ 100 000 random and mutated client frames (garbage text, JSON that
 * is not an event, unknown types, wrong field types, invalid base64, binary frames, huge payloads,
 * valid events in random order) thrown at `MockRealtime.attach` on a VirtualClock. The mock must
 * never throw, must answer every frame that cannot be an event with an `error` event, and its
 * memory must stay bounded. Truth: docs/protocol-notes.md ("Events", "Validation") — an invalid client event gets an `error` and the
 * session stays open.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/util/prng.js';
import { sleep } from '../../src/clock/clock.js';
import { VirtualClock } from '../../src/clock/virtual.js';
import { MockRealtime, type MockConnection } from '../../src/mock/index.js';
import type { TransportState } from '../../src/transport/transport.js';

const FRAMES = 100_000;

/** A full GC, so "retained" means retained (the well-known runtime `--expose-gc` switch). */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
const SESSION_FRAMES = 2_500;

/** The server side of one connection, with every frame the mock sends counted (not kept). */
class CountingConnection implements MockConnection {
  state: TransportState = 'open';
  readonly bufferedAmount = 0;
  sent = 0;
  errors = 0;
  sentBytes = 0;
  private handler: (data: string, binary: boolean) => void = () => undefined;
  private closeHandler: (code: number, reason: string) => void = () => undefined;

  send(frame: string): void {
    this.sent++;
    this.sentBytes += frame.length;
    if (frame.startsWith('{"type":"error"')) this.errors++;
  }
  close(code = 1000, reason = ''): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closeHandler(code, reason);
  }
  onMessage(h: (data: string, binary: boolean) => void): void {
    this.handler = h;
  }
  onClose(h: (code: number, reason: string) => void): void {
    this.closeHandler = h;
  }
  /** A frame from the client. */
  deliver(data: string, binary = false): void {
    if (this.state === 'open') this.handler(data, binary);
  }
}

type Kind = 'garbage' | 'not-object' | 'no-type' | 'unknown-type' | 'binary' | 'bad-base64' | 'mutated' | 'wrong-types' | 'valid' | 'append' | 'huge';
/** Kinds that can never be a valid event: each must be answered by an error event, right away. */
const MUST_ERROR = new Set<Kind>(['garbage', 'not-object', 'no-type', 'unknown-type', 'binary', 'bad-base64']);

function frameMaker(seed: number) {
  const rng = new SeededRandom(seed);
  const int = (n: number) => Math.floor(rng.next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chars = 'abcdefghijklmnopqrstuvwxyz{}[]":,.0123456789\\ \n\t\u00e9\u4e2d\u{1F600}';
  const text = (n: number) => Array.from({ length: n }, () => pick([...chars])).join('');
  const silence20 = Buffer.alloc(960).toString('base64');
  const tone20 = (() => {
    const b = Buffer.alloc(960);
    for (let i = 0; i < 480; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / 24000)), i * 2);
    return b.toString('base64');
  })();
  const oddValues = (): unknown => pick([null, true, -1, 1e308, 'x', '', [], [1, 'a'], {}, { a: { b: [] } }, Number.MAX_SAFE_INTEGER, text(8)]);
  const validEvents = (): Record<string, unknown> => {
    const id = pick(['item_1', 'item_nope', '', 'resp_x']);
    return pick<() => Record<string, unknown>>([
      () => ({
        type: 'session.update',
        session: pick([
          { instructions: text(20) },
          { turn_detection: null },
          { turn_detection: { type: 'server_vad', silence_duration_ms: 200 } },
          { voice: 'alloy' },
          { type: 'realtime', output_modalities: ['text'] },
        ]),
      }),
      () => ({ type: 'input_audio_buffer.commit' }),
      () => ({ type: 'input_audio_buffer.clear' }),
      () => ({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: text(30) }] } }),
      () => ({ type: 'conversation.item.truncate', item_id: id, content_index: 0, audio_end_ms: int(5000) }),
      () => ({ type: 'conversation.item.delete', item_id: id }),
      () => ({ type: 'conversation.item.retrieve', item_id: id }),
      () => ({ type: 'response.create', ...(rng.next() < 0.5 ? { response: { output_modalities: ['audio'] } } : {}) }),
      () => ({ type: 'response.cancel' }),
      () => ({ type: 'output_audio_buffer.clear' }),
      () => ({ type: 'input_audio_buffer.append', audio: pick([silence20, tone20]) }),
    ])();
  };
  const withWrongTypes = (e: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...e };
    const keys = Object.keys(out).filter((k) => k !== 'type');
    if (keys.length === 0 || rng.next() < 0.3)
      out[pick(['session', 'item', 'audio', 'response', 'item_id', 'content_index', 'audio_end_ms', 'event_id'])] = oddValues();
    else out[pick(keys)] = oddValues();
    return out;
  };
  const mutate = (s: string): string => {
    const i = int(s.length + 1);
    switch (int(4)) {
      case 0:
        return s.slice(0, i);
      case 1:
        return s.slice(0, i) + pick([...chars]) + s.slice(i);
      case 2:
        return s.slice(0, i) + s.slice(i + 1 + int(5));
      default:
        return s.slice(0, i) + s.slice(i, i + int(40)) + s.slice(i);
    }
  };

  return (): { kind: Kind; data: string; binary?: boolean } => {
    const r = rng.next();
    if (r < 0.0005) {
      // Huge: 1–3 MB, unterminated (invalid JSON) or a valid event with an enormous string.
      const n = (1 + int(3)) * 1024 * 1024;
      return rng.next() < 0.5
        ? { kind: 'huge', data: '{"type":"input_audio_buffer.append","audio":"' + 'A'.repeat(n) }
        : { kind: 'huge', data: JSON.stringify({ type: 'session.update', session: { instructions: 'x'.repeat(n) } }) };
    }
    if (r < 0.12) return { kind: 'garbage', data: '\u0001' + text(int(200)) };
    if (r < 0.18) return { kind: 'not-object', data: JSON.stringify(pick([1, 'str', null, true, [], [{ type: 'session.update' }], -0.5])) };
    if (r < 0.24)
      return {
        kind: 'no-type',
        data: JSON.stringify(pick([{}, { type: 1 }, { type: null }, { type: ['response.create'] }, { event_id: 'x' }, { Type: 'response.create' }])),
      };
    if (r < 0.32) return { kind: 'unknown-type', data: JSON.stringify({ type: `x.${text(int(20))}` }) };
    if (r < 0.36) return { kind: 'binary', data: '', binary: true };
    if (r < 0.42)
      return {
        kind: 'bad-base64',
        data: JSON.stringify({ type: 'input_audio_buffer.append', audio: pick(['@@@@', 'AAA', '====', 'A===A', 'AAAA AAAA', '\u00e9\u00e9\u00e9\u00e9']) }),
      };
    if (r < 0.58) return { kind: 'mutated', data: mutate(JSON.stringify(validEvents())) };
    if (r < 0.72) return { kind: 'wrong-types', data: JSON.stringify(withWrongTypes(validEvents())) };
    if (r < 0.84) return { kind: 'valid', data: JSON.stringify(validEvents()) };
    return { kind: 'append', data: `{"type":"input_audio_buffer.append","audio":"${rng.next() < 0.5 ? tone20 : silence20}"}` };
  };
}

describe('fuzzing the mock', () => {
  it(`${FRAMES.toLocaleString('en')} random and mutated frames: no crash, errors for non-events, bounded memory`, async () => {
    const clock = new VirtualClock();
    const mock = new MockRealtime({ clock, seed: 3, firstAudioMs: 200, jitterMs: 0 });
    const next = frameMaker(20260427);
    const byKind = new Map<Kind, number>();
    let conn = new CountingConnection();
    let sessions = 0;
    let errors = 0;
    let sent = 0;
    let unanswered = 0;
    const open = () => {
      if (sessions > 0) {
        errors += conn.errors;
        sent += conn.sent;
        conn.close(1000, 'fuzz: next session');
      }
      conn = new CountingConnection();
      sessions++;
      mock.attach(conn, {
        url: `/v1/realtime?model=${sessions % 3 === 0 ? 'gpt-4o-realtime-preview' : 'gpt-realtime'}`,
        headers: sessions % 4 === 0 ? { 'openai-beta': 'realtime=v1' } : {},
      });
    };
    collect();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const t0 = performance.now();
    const fuzz = async () => {
      open();
      for (let i = 0; i < FRAMES; i++) {
        if (i % SESSION_FRAMES === 0 || conn.state !== 'open') open();
        const f = next();
        byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
        const before = conn.errors;
        conn.deliver(f.data, f.binary ?? false);
        if (MUST_ERROR.has(f.kind) && conn.errors === before) unanswered++;
        // Time moves like a client sending 20 ms chunks: responses, VAD and timers run.
        if (i % 50 === 49) await sleep(clock, 20);
        if (i % 10_000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }
      await sleep(clock, 10_000);
      errors += conn.errors;
      sent += conn.sent;
    };
    await clock.runUntil(fuzz());
    const ms = performance.now() - t0;
    mock.close();
    collect();
    const heapAfter = process.memoryUsage().heapUsed;
    heapPeak = Math.max(heapPeak, heapAfter);
    const mustError = [...MUST_ERROR].reduce((n, k) => n + (byKind.get(k) ?? 0), 0);

    console.log(
      `mock fuzz: ${FRAMES} frames in ${Math.round(ms)} ms (${Math.round(FRAMES / (ms / 1000))} frames/s), ${sessions} sessions, ` +
        `${errors} error events of ${sent} sent; heap ${mb(heapBefore)} → peak ${mb(heapPeak)} → ${mb(heapAfter)} MB after GC; kinds ${JSON.stringify(Object.fromEntries(byKind))}`,
    );
    expect(unanswered).toBe(0);
    expect(errors).toBeGreaterThanOrEqual(mustError);
    expect(byKind.get('huge')).toBeGreaterThan(10);
    expect(mock.stats().sessions).toBe(sessions);
    // The huge payloads alone total > 100 MB: none of it may be retained, nor the closed sessions.
    expect(heapAfter - heapBefore).toBeLessThan(16 * 1024 * 1024);
    expect(heapPeak).toBeLessThan(heapBefore + 256 * 1024 * 1024);
    expect(ms).toBeLessThan(20_000);
  });
});

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
