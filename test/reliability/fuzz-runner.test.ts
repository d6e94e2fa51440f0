/**
 * The runner against servers that send garbage: random bytes, invalid JSON, unknown event types,
 * known events with wrong field types, binary frames, valid events out of order, abrupt closes.
 * Seeded, on the VirtualClock. Every session must end with a recorded reason and nothing may
 * throw — not the session driver, not the metrics computed from its trace. Truth: docs/development.md ("Conventions")
 * practice 10, "parsing what arrives from the network never throws".
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { SeededRandom } from '../../src/util/prng.js';
import type { Clock } from '../../src/clock/clock.js';
import { VirtualClock } from '../../src/clock/virtual.js';
import { executePlan } from '../../src/runner/run.js';
import type { Connection } from '../../src/runner/session.js';
import { quickPlan } from '../../src/scenario/index.js';
import type { Transport, TransportState } from '../../src/transport/transport.js';
import { cli, FIXTURES, readJson, tmp, toneWav } from './helpers.js';

/** The client's end of a connection to a scripted garbage server. */
class GarbageLink implements Transport {
  state: TransportState = 'open';
  readonly bufferedAmount = 0;
  framesFromServer = 0;
  private handler: (data: string, binary: boolean) => void = () => undefined;
  private closeHandler: (code: number, reason: string) => void = () => undefined;

  constructor(
    private readonly clock: Clock,
    private readonly rng: SeededRandom,
    private readonly frame: () => { data: string; binary: boolean },
  ) {
    // Garbage first (so every session has something to record), then a burst within the ready timeout.
    const count = 250 + Math.floor(rng.next() * 200);
    this.at(0, () => this.push(this.frame()));
    for (let i = 0; i < count; i++) this.at(rng.next() * 1200, () => this.push(this.frame()));
    if (rng.next() < 0.6) {
      this.at(rng.next() * 300, () => this.push({ data: JSON.stringify({ type: 'session.created', event_id: 'c', session: {} }), binary: false }));
    }
    if (rng.next() < 0.3) this.at(rng.next() * 8000, () => this.serverClose(pick(rng, [1000, 1006, 1011, 4000, 3000]), pick(rng, ['', 'bye', '\u0000'])));
  }

  send(frame: string): void {
    if (this.state !== 'open') return;
    // Answer session.update sometimes properly, sometimes with nonsense.
    if (frame.startsWith('{"type":"session.update"') && this.rng.next() < 0.7) {
      const session = this.rng.next() < 0.7 ? { turn_detection: { type: 'server_vad', interrupt_response: true } } : pick(this.rng, [null, 'x', [], 7]);
      this.at(5, () => this.push({ data: JSON.stringify({ type: 'session.updated', event_id: 'u', session }), binary: false }));
    }
  }
  close(code = 1000, reason = ''): void {
    if (this.state === 'closed' || this.state === 'closing') return;
    this.state = 'closing';
    this.at(1, () => this.finish(code, reason));
  }
  onMessage(h: (data: string, binary: boolean) => void): void {
    this.handler = h;
  }
  onClose(h: (code: number, reason: string) => void): void {
    this.closeHandler = h;
  }

  private push(f: { data: string; binary: boolean }): void {
    if (this.state !== 'open') return;
    this.framesFromServer++;
    this.handler(f.data, f.binary);
  }
  private serverClose(code: number, reason: string): void {
    if (this.state === 'open') this.finish(code, reason);
  }
  private finish(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closeHandler(code, reason);
  }
  private at(inMs: number, fn: () => void): void {
    this.clock.setTimer(this.clock.now() + inMs, fn);
  }
}

function pick<T>(rng: SeededRandom, xs: readonly T[]): T {
  return xs[Math.floor(rng.next() * xs.length)];
}

/** One garbage frame: the kinds a broken or hostile server sends. */
function garbageMaker(rng: SeededRandom) {
  const int = (n: number) => Math.floor(rng.next() * n);
  // eslint-disable-next-line no-loss-of-precision -- 1e309 is deliberately Infinity once parsed
  const odd = (): unknown => pick(rng, [null, -1, 'x', '', [], [null], {}, { id: {} }, 1e309, true, 'resp_1', 'item_1']);
  const bytes = (n: number) => String.fromCharCode(...Array.from({ length: n }, () => int(0xffff)));
  const knownTypes = [
    'session.created',
    'session.updated',
    'input_audio_buffer.speech_started',
    'input_audio_buffer.speech_stopped',
    'input_audio_buffer.committed',
    'response.created',
    'response.output_audio.delta',
    'response.audio.delta',
    'response.output_audio.done',
    'response.function_call_arguments.done',
    'response.done',
    'rate_limits.updated',
    'error',
    'conversation.item.added',
    'conversation.item.truncated',
    'response.output_item.added',
  ];
  const plausible = (): Record<string, unknown> => {
    const rid = pick(rng, ['resp_1', 'resp_2']);
    const iid = pick(rng, ['item_1', 'item_2']);
    return pick(rng, [
      { type: 'input_audio_buffer.speech_started', audio_start_ms: int(3000), item_id: iid },
      { type: 'input_audio_buffer.speech_stopped', audio_end_ms: int(3000), item_id: iid },
      { type: 'response.created', response: { id: rid, status: 'in_progress' } },
      { type: 'response.output_audio.delta', response_id: rid, item_id: iid, output_index: 0, content_index: 0, delta: 'AAAAAAAA' },
      { type: 'response.function_call_arguments.done', response_id: rid, call_id: 'c', name: 'f', arguments: '{' },
      {
        type: 'response.done',
        response: {
          id: rid,
          status: pick(rng, ['completed', 'failed', 'cancelled', 'weird']),
          status_details: pick(rng, [null, { error: odd() }, 'x']),
          usage: pick(rng, [null, { input_tokens: 'x' }, { output_token_details: 5 }]),
        },
      },
      { type: 'rate_limits.updated', rate_limits: pick(rng, [[{ name: 'tokens', remaining: 0, reset_seconds: 0.01 }], [odd()], odd()]) },
      { type: 'error', error: pick(rng, [odd(), { code: odd(), message: odd() }]) },
    ]);
  };
  return (): { data: string; binary: boolean } => {
    const r = rng.next();
    if (r < 0.15) return { data: bytes(int(120)), binary: false };
    if (r < 0.3) return { data: `{"type":"${pick(rng, knownTypes)}",${bytes(int(20))}`, binary: false };
    if (r < 0.4) return { data: JSON.stringify({ type: `x.${int(1e6)}`, payload: odd() }), binary: false };
    if (r < 0.45) return { data: `<binary frame, ${int(5000)} bytes>`, binary: true };
    if (r < 0.7) {
      // A known type with every field replaced by something of the wrong type.
      const e = plausible();
      for (const k of Object.keys(e)) if (k !== 'type' && rng.next() < 0.6) e[k] = odd();
      return { data: JSON.stringify(e), binary: false };
    }
    if (r < 0.75) return { data: JSON.stringify(pick(rng, [null, 1, 'str', [], [{ type: 'response.done' }], { type: 7 }])), binary: false };
    return { data: JSON.stringify(plausible()), binary: false };
  };
}

describe('the runner against garbage', () => {
  it('400 sessions, ~100 000 garbage frames: no throw, every session ends with a recorded reason', async () => {
    const SESSIONS = 400;
    const clock = new VirtualClock();
    const plan = { sessions: quickPlan([join(FIXTURES, 'what-time.wav')], { targets: ['garbage'], repeat: SESSIONS, seed: 5 }) };
    const rng = new SeededRandom(99);
    const makeFrame = garbageMaker(rng);
    const links: GarbageLink[] = [];
    const t0 = performance.now();
    const exec = executePlan(plan, {
      clock,
      concurrency: 16,
      readyTimeoutMs: 1500,
      turnTimeoutMs: 2000,
      sessionTimeoutMs: 12_000,
      connect: async (): Promise<Connection> => {
        const link = new GarbageLink(clock, new SeededRandom(rng.next() * 2 ** 31), makeFrame);
        links.push(link);
        return { transport: link, connectMs: 0, url: 'ws://garbage', dialect: pick(rng, ['ga', 'beta'] as const) };
      },
    });
    const r = await clock.runUntil(exec);
    const frames = links.reduce((n, l) => n + l.framesFromServer, 0);
    const ms = performance.now() - t0;
    console.log(`runner fuzz: ${SESSIONS} sessions, ${frames} garbage frames in ${Math.round(ms)} ms (${Math.round(frames / (ms / 1000))} frames/s)`);
    expect(r.sessions).toBe(SESSIONS);
    expect(r.samples).toHaveLength(SESSIONS);
    expect(frames).toBeGreaterThanOrEqual(100_000);
    for (const s of r.samples) {
      expect(s.ok).toBe(false);
      expect(typeof s.error).toBe('string');
      expect(s.error!.length).toBeGreaterThan(5);
    }
    const reasons = new Set(r.samples.map((s) => s.error!.replace(/[:(].*$/, '').trim()));
    expect(reasons.has('malformed server frame')).toBe(true);
    expect(ms).toBeLessThan(20_000);
  });

  it('over a real socket: random bytes, binary frames and a cut connection end the session with a reason', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    wss.on('connection', (ws) => {
      ws.send(Buffer.from([0xff, 0x00, 0xfe]), { binary: true });
      ws.send(Buffer.from([0xc3, 0x28, 0x7b]).toString('latin1'));
      ws.send('{"type":"session.created","session":');
      setTimeout(() => ws.terminate(), 100);
    });
    try {
      const dir = tmp();
      const r = await cli([
        'run',
        '--audio',
        toneWav(dir),
        '--target',
        `ws://127.0.0.1:${(wss.address() as { port: number }).port}/v1/realtime`,
        '--out',
        join(dir, 'out'),
        '--reporter',
        'json,md',
        '--quiet',
      ]);
      expect(r.code).toBe(3);
      const [sample] = readJson(join(dir, 'out', 'results.json')).samples;
      expect(sample.error).toBe('unexpected binary frame from the server');
    } finally {
      wss.close();
    }
  });
});
