/**
 * The assistant's answer: one WAV (the bundled `fixtures/assistant-reply.wav` by default), held in
 * each output format, cut or looped to a requested length and cut into deltas.
 *
 * Loaded synchronously when the mock is built, so no response ever waits on I/O: with a virtual
 * clock, a response must be schedulable the instant it is triggered.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWav, encodeAlaw, encodeMulaw, toMonoPcm16 } from '../../audio/index.js';
import { bytesPerMsOf, type AudioFormat } from '../../protocol/session.js';
import { MockError } from '../mock-error.js';

export const DEFAULT_ASSISTANT_TRANSCRIPT =
  'Sure! This is the rtbench mock answering. The audio you hear is streamed faster than real time, just like the real service does.';

export interface AssistantClip {
  /** Audio in the output format. */
  bytes: Uint8Array;
  ms: number;
  /** Transcript words covering the clip (the whole transcript, or a proportional share of it). */
  transcript: string;
}

export class AssistantAudio {
  private readonly pcm16: Uint8Array;
  /** The 8 kHz formats, made on first use (most runs stream PCM16 only). */
  private g711: { g711_ulaw: Uint8Array; g711_alaw: Uint8Array } | null = null;
  readonly durationMs: number;
  readonly source: string;

  /** `pcm8k`: the answer at 8 kHz for the G.711 formats, or a function that makes it when first needed. */
  constructor(
    pcm24k: Int16Array,
    private readonly pcm8k: Int16Array | (() => Int16Array),
    readonly transcript: string,
    source: string,
  ) {
    this.pcm16 = new Uint8Array(pcm24k.buffer, pcm24k.byteOffset, pcm24k.byteLength);
    this.durationMs = (pcm24k.length / 24000) * 1000;
    this.source = source;
  }

  private bytesOf(format: AudioFormat): Uint8Array {
    if (format === 'pcm16') return this.pcm16;
    if (!this.g711) {
      const pcm8k = typeof this.pcm8k === 'function' ? this.pcm8k() : this.pcm8k;
      this.g711 = { g711_ulaw: encodeMulaw(pcm8k), g711_alaw: encodeAlaw(pcm8k) };
    }
    return this.g711[format];
  }

  /**
   * The answer in `format`, exactly `lengthMs` long when given: cut when shorter than the clip,
   * the clip looped (and its transcript repeated) when longer, so any requested length is honoured.
   */
  clip(format: AudioFormat, lengthMs?: number): AssistantClip {
    const all = this.bytesOf(format);
    const perMs = bytesPerMsOf(format);
    let bytes = all;
    if (lengthMs !== undefined && all.byteLength > 0) {
      let n = Math.round(lengthMs * perMs);
      if (format === 'pcm16') n -= n % 2;
      n = Math.max(0, n);
      if (n <= all.byteLength) bytes = all.subarray(0, n);
      else {
        bytes = new Uint8Array(n);
        for (let at = 0; at < n; at += all.byteLength) bytes.set(all.subarray(0, Math.min(all.byteLength, n - at)), at);
      }
    }
    const ms = bytes.byteLength / perMs;
    const share = this.durationMs > 0 ? ms / this.durationMs : 1;
    const words = this.transcript.split(/\s+/).filter(Boolean);
    const whole = Math.floor(share);
    const keep = Math.round(words.length * (share - whole));
    const text = [...Array.from({ length: whole }, () => words.join(' ')), words.slice(0, keep).join(' ')].filter(Boolean).join(' ');
    return { bytes, ms, transcript: text };
  }
}

/** Deltas of `deltaMs` each (the last may be shorter), as base64. */
export function cutDeltas(bytes: Uint8Array, format: AudioFormat, deltaMs: number): readonly string[] {
  // Every session answering with the same clip sends the same deltas: encode them once.
  let byKey = DELTAS.get(bytes);
  if (!byKey) DELTAS.set(bytes, (byKey = new Map()));
  const key = `${format}:${deltaMs}`;
  let out = byKey.get(key);
  if (!out) byKey.set(key, (out = encodeDeltas(bytes, format, deltaMs)));
  return out;
}

const DELTAS = new WeakMap<Uint8Array, Map<string, readonly string[]>>();

function encodeDeltas(bytes: Uint8Array, format: AudioFormat, deltaMs: number): string[] {
  const size = Math.max(2, Math.round(deltaMs * bytesPerMsOf(format)) & ~1);
  const out: string[] = [];
  for (let i = 0; i < bytes.byteLength; i += size) {
    const part = bytes.subarray(i, Math.min(bytes.byteLength, i + size));
    out.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('base64'));
  }
  return out;
}

/** The rtbench package root (where `fixtures/` lives), from src/ or dist/src/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'rtbench') return dir;
      } catch {
        // keep walking up
      }
    }
    dir = dirname(dir);
  }
  return process.cwd();
}

export const DEFAULT_ASSISTANT_FILE = 'fixtures/assistant-reply.wav';

/**
 * Loads the answer. An explicit file that cannot be read is an error (code `MOCK_ASSISTANT_AUDIO`);
 * when the bundled default is missing, a synthetic 3 s tone pattern stands in. A `<name>.txt` next to
 * the WAV, if present, is its transcript.
 */
export function loadAssistantAudio(file: string | undefined, transcript: string | undefined, log?: (line: string) => void): AssistantAudio {
  const path = file ? resolve(file) : join(packageRoot(), DEFAULT_ASSISTANT_FILE);
  let bytes: Uint8Array | undefined;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    if (file) {
      throw new MockError('MOCK_ASSISTANT_AUDIO', `${file}: cannot read assistant audio (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    log?.(`assistant audio ${path} not found; using a synthetic tone`);
  }
  if (!bytes) {
    const pcm24k = syntheticSpeechLike(24000, 3000);
    return new AssistantAudio(pcm24k, () => decimate3(pcm24k), transcript ?? DEFAULT_ASSISTANT_TRANSCRIPT, 'synthetic');
  }
  let decoded;
  try {
    decoded = decodeWav(bytes, path);
  } catch (err) {
    throw new MockError('MOCK_ASSISTANT_AUDIO', `${path}: ${(err as Error).message}`);
  }
  const sidecar = path.replace(/\.wav$/i, '.txt');
  let text = transcript;
  if (text === undefined && existsSync(sidecar)) text = readFileSync(sidecar, 'utf8').trim();
  return new AssistantAudio(toMonoPcm16(decoded, 24000), () => toMonoPcm16(decoded, 8000), text || DEFAULT_ASSISTANT_TRANSCRIPT, path);
}

/** Syllable-like tone bursts: 180 ms of 220 Hz with a raised-cosine envelope, 70 ms gaps. */
export function syntheticSpeechLike(sampleRate: number, durationMs: number, amplitude = 8000): Int16Array {
  const n = Math.round((sampleRate * durationMs) / 1000);
  const out = new Int16Array(n);
  const burst = Math.round(sampleRate * 0.18);
  const period = Math.round(sampleRate * 0.25);
  for (let i = 0; i < n; i++) {
    const k = i % period;
    if (k >= burst) continue;
    const env = 0.5 - 0.5 * Math.cos((2 * Math.PI * k) / burst);
    out[i] = Math.round(amplitude * env * Math.sin((2 * Math.PI * 220 * i) / sampleRate));
  }
  return out;
}

/** 24 kHz → 8 kHz by averaging triples (a crude low-pass; only used for the synthetic tone). */
function decimate3(pcm: Int16Array): Int16Array {
  const out = new Int16Array(Math.floor(pcm.length / 3));
  for (let i = 0; i < out.length; i++) out[i] = Math.round((pcm[3 * i] + pcm[3 * i + 1] + pcm[3 * i + 2]) / 3);
  return out;
}
