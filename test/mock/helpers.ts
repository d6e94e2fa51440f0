/**
 * Test rigs for the mock: an in-process client on a VirtualClock (deterministic, fast), a plain `ws`
 * client for real sockets, and test audio.
 */
import { join } from 'node:path';
import WebSocket from 'ws';
import { concatPcm, encodeAlaw, encodeMulaw, loadAudio, silence } from '../../src/audio/index.js';
import type { Clock } from '../../src/clock/clock.js';
import { VirtualClock } from '../../src/clock/virtual.js';
import { codecFor, type Codec, type Dialect, type RealtimeEvent } from '../../src/protocol/index.js';
import { createInProcessPair } from '../../src/transport/in-process.js';
import type { Transport } from '../../src/transport/transport.js';
import { encodeDirectives, MockRealtime, type MockOptions } from '../../src/mock/index.js';
import type { MockDirectives } from '../../src/scenario/types.js';
import { MockScript } from '../../src/testing/script.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

export interface Received {
  t: number;
  event: RealtimeEvent;
  raw: string;
}

/**
 * Speech-like test signal: `leadMs` of silence, `speechMs` of a 220 Hz tone (amplitude 8000 ≈ −15 dBFS
 * RMS; 2000 ≈ −27 dBFS), then `silenceMs` of silence.
 */
export function toneSpeech(speechMs: number, silenceMs: number, sampleRate = 24000, leadMs = 0, amplitude = 8000): Int16Array {
  const n = Math.round((sampleRate * speechMs) / 1000);
  const speech = new Int16Array(n);
  for (let i = 0; i < n; i++) speech[i] = Math.round(amplitude * Math.sin((2 * Math.PI * 220 * i) / sampleRate));
  return concatPcm(silence(leadMs, sampleRate), speech, silence(silenceMs, sampleRate));
}

/** A fixture as 24 kHz PCM16 (or 8 kHz for G.711), with silence appended. */
export async function fixturePcm(name: string, trailingSilenceMs = 1000, sampleRate = 24000): Promise<Int16Array> {
  const a = await loadAudio(join(FIXTURES, name), { sampleRate, cacheDir: false });
  return concatPcm(a.pcm, silence(trailingSilenceMs, sampleRate));
}

export type InputFormat = 'pcm16' | 'g711_ulaw' | 'g711_alaw';

/** Wire bytes of PCM in a session input format (PCM must already be at that format's rate). */
export function wireBytes(pcm: Int16Array, format: InputFormat): Uint8Array {
  if (format === 'g711_ulaw') return encodeMulaw(pcm);
  if (format === 'g711_alaw') return encodeAlaw(pcm);
  return new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
}

export function chunksOf(bytes: Uint8Array, bytesPerChunk: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < bytes.byteLength; i += bytesPerChunk) {
    const part = bytes.subarray(i, Math.min(bytes.byteLength, i + bytesPerChunk));
    out.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('base64'));
  }
  return out;
}

export interface RigOptions {
  mock?: MockOptions;
  dialect?: Dialect;
  model?: string;
  directives?: MockDirectives & { seed?: number };
  headers?: Record<string, string>;
  /** Request target instead of `/v1/realtime?model=…` (e.g. `?intent=transcription`). */
  url?: string;
  /** Reuse a mock (several sessions on one engine). */
  engine?: MockRealtime;
  clock?: VirtualClock;
}

/** A client wired in-process to a MockRealtime on a VirtualClock. */
export class VirtualRig {
  readonly clock: VirtualClock;
  readonly mock: MockRealtime;
  /** The script of the engine this rig made (not of an `engine` passed in). */
  readonly script = new MockScript();
  readonly client: Transport;
  readonly codec: Codec;
  readonly received: Received[] = [];
  closed: { code: number; reason: string } | undefined;
  private waiters: Array<{ pred: (r: Received) => boolean; resolve: (r: Received) => void }> = [];

  constructor(opts: RigOptions = {}) {
    this.clock = opts.clock ?? new VirtualClock();
    this.mock = opts.engine ?? new MockRealtime({ clock: this.clock, script: this.script, ...opts.mock });
    const dialect = opts.dialect ?? 'ga';
    this.codec = codecFor(dialect);
    const pair = createInProcessPair(this.clock);
    this.client = pair.client;
    this.client.onMessage((raw) => {
      const event = this.codec.decodeServer(raw) as RealtimeEvent;
      const r = { t: this.clock.now(), event, raw };
      this.received.push(r);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(r)) return true;
        w.resolve(r);
        return false;
      });
    });
    this.client.onClose((code, reason) => {
      this.closed = { code, reason };
    });
    const headers: Record<string, string> = { ...opts.headers };
    if (dialect === 'beta') headers['openai-beta'] = 'realtime=v1';
    if (opts.directives) headers['x-rtbench-mock'] = encodeDirectives(opts.directives);
    this.mock.attach(pair.server, { url: opts.url ?? `/v1/realtime?model=${opts.model ?? 'gpt-realtime'}`, headers });
  }

  send(event: RealtimeEvent): void {
    this.client.send(this.codec.encodeClient(event));
  }

  sendRaw(text: string): void {
    this.client.send(text);
  }

  sendAt(atMs: number, event: RealtimeEvent): void {
    this.clock.setTimer(atMs, () => this.send(event));
  }

  /**
   * Streams audio like a microphone: chunk k (audio [k·d, (k+1)·d)) is sent at startMs + (k+1)·d.
   * Returns the time the last chunk is sent.
   */
  streamAudio(pcm: Int16Array, opts: { startMs?: number; chunkMs?: number; format?: InputFormat } = {}): number {
    const format = opts.format ?? 'pcm16';
    const chunkMs = opts.chunkMs ?? 20;
    const bytesPerMs = format === 'pcm16' ? 48 : 8;
    const chunks = chunksOf(wireBytes(pcm, format), chunkMs * bytesPerMs);
    const start = opts.startMs ?? this.clock.now();
    chunks.forEach((b64, k) => this.clock.setTimer(start + (k + 1) * chunkMs, () => this.client.send(this.codec.appendFrame(b64))));
    return start + chunks.length * chunkMs;
  }

  /** Resolves with the first received event (past or future) matching. */
  waitFor(pred: (r: Received) => boolean): Promise<Received> {
    const found = this.received.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }

  waitForType(type: string, nth = 1): Promise<Received> {
    let seen = 0;
    return this.waitFor((r) => r.event.type === type && ++seen === nth);
  }

  /** Drives the virtual clock until `p` settles. */
  run<T>(p: Promise<T>, maxMs = 600_000): Promise<T> {
    return this.clock.runUntil(p, { maxMs });
  }

  /** Runs the clock until `ms` from now with nothing awaited. */
  advance(ms: number): Promise<void> {
    const until = this.clock.now() + ms;
    return this.run(new Promise<void>((r) => this.clock.setTimer(until, r)));
  }

  types(): string[] {
    return this.received.map((r) => r.event.type);
  }

  of(type: string): Received[] {
    return this.received.filter((r) => r.event.type === type);
  }

  last(type: string): Received | undefined {
    return this.of(type).at(-1);
  }
}

/** A plain `ws` client on a real socket, recording every frame with its arrival time. */
export class WsRig {
  readonly received: Received[] = [];
  readonly codec: Codec;
  closed: { code: number; reason: string } | undefined;
  private waiters: Array<{ pred: (r: Received) => boolean; resolve: (r: Received) => void }> = [];
  private constructor(
    readonly ws: WebSocket,
    dialect: Dialect,
    private readonly clock: Clock,
  ) {
    this.codec = codecFor(dialect);
    ws.on('message', (data) => {
      const raw = data.toString();
      const r = { t: clock.now(), event: this.codec.decodeServer(raw) as RealtimeEvent, raw };
      this.received.push(r);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(r)) return true;
        w.resolve(r);
        return false;
      });
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  static connect(url: string, clock: Clock, opts: { dialect?: Dialect; headers?: Record<string, string>; ca?: string } = {}): Promise<WsRig> {
    const dialect = opts.dialect ?? 'ga';
    const headers = { ...opts.headers, ...(dialect === 'beta' ? { 'OpenAI-Beta': 'realtime=v1' } : {}) };
    const ws = new WebSocket(url, { headers, perMessageDeflate: false, ca: opts.ca });
    const rig = new WsRig(ws, dialect, clock);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(rig));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) =>
        reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, headers: res.headers })),
      );
    });
  }

  send(event: RealtimeEvent): void {
    this.ws.send(this.codec.encodeClient(event));
  }

  waitFor(pred: (r: Received) => boolean, timeoutMs = 20_000): Promise<Received> {
    const found = this.received.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting; got ${this.received.map((r) => r.event.type).join(', ')}`)), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  waitForType(type: string, timeoutMs?: number): Promise<Received> {
    return this.waitFor((r) => r.event.type === type, timeoutMs);
  }

  /** Sends chunks on absolute deadlines (chunk k at start + (k+1)·chunkMs), like the runner's pacer. */
  async streamAudio(pcm: Int16Array, chunkMs = 20): Promise<void> {
    const chunks = chunksOf(wireBytes(pcm, 'pcm16'), chunkMs * 48);
    const start = this.clock.now();
    for (let k = 0; k < chunks.length; k++) {
      await this.clock.sleepUntil(start + (k + 1) * chunkMs);
      this.ws.send(this.codec.appendFrame(chunks[k]));
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** Server event types without the asynchronous and informational ones. */
export function turnTypes(types: string[]): string[] {
  return types.filter((t) => !t.startsWith('conversation.item.input_audio_transcription') && t !== 'rate_limits.updated');
}

/** Collapses repeats of the same delta type into one entry (`x.delta` ×n → `x.delta`). */
export function collapseDeltas(types: string[]): string[] {
  const out: string[] = [];
  for (const t of types) {
    const isDelta = t.endsWith('.delta');
    if (isDelta && out[out.length - 1] === 'deltas') continue;
    out.push(isDelta ? 'deltas' : t);
  }
  return out;
}
