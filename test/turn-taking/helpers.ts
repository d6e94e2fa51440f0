/**
 * Runs scenario text against the in-process mock on the virtual clock through the real session
 * driver, with an optional filter on the client's frames (to play a target that ignores
 * `response.cancel`), and returns the trace and per-turn metrics.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectInProcess } from '../../src/app/connect.js';
import { encodeWavPcm16, loadAudio } from '../../src/audio/index.js';
import { VirtualClock } from '../../src/clock/virtual.js';
import { computeTurnMetrics, type TurnResult } from '../../src/metrics/turns.js';
import type { TraceRecord, TraceChunk, TraceRecv, TraceTurn } from '../../src/metrics/trace.js';
import { InputTimeline } from '../../src/metrics/timeline.js';
import { MockRealtime } from '../../src/mock/session/engine.js';
import { prepareAll } from '../../src/runner/run.js';
import { runSession, type SessionOutcome } from '../../src/runner/session.js';
import { resolveEndpoint } from '../../src/runner/targets.js';
import { loadPlan } from '../../src/scenario/load.js';
import type { Transport } from '../../src/transport/transport.js';
import type { MetricName } from '../../src/results/registry.js';

export interface VirtualRun {
  outcome: SessionOutcome;
  trace: TraceRecord[];
  turns: TurnResult[];
  m: (turn: number, name: string) => number;
}

/** Writes `files` and `scenario.yaml` into a fresh folder; returns its path. */
export function scenarioDir(yaml: string, files: Record<string, Uint8Array | string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'rtbench-tt-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  writeFileSync(join(dir, 'scenario.yaml'), yaml);
  return dir;
}

/** Runs the first session of `dir/scenario.yaml` on the virtual clock. */
export async function runVirtual(dir: string, opts: { dropClient?: (frame: string) => boolean } = {}): Promise<VirtualRun> {
  const plan = await loadPlan([join(dir, 'scenario.yaml')]);
  const sp = plan.sessions[0];
  const prepared = await prepareAll([sp]);
  const clock = new VirtualClock(0);
  const mock = new MockRealtime({ clock, seed: 1 });
  const outcome = await clock.runUntil(
    runSession(sp, prepared.get(sp.id)!, {
      clock,
      connect: async (p, turns) => {
        const conn = connectInProcess(mock, clock, resolveEndpoint(p, {}, 'ws://in-process/v1/realtime', {}, turns));
        return opts.dropClient ? { ...conn, transport: filtered(conn.transport, opts.dropClient) } : conn;
      },
      turnTimeoutMs: 20_000,
    }),
  );
  mock.close();
  const turns = computeTurnMetrics(outcome.trace);
  const m = (turn: number, name: string) => turns[turn].metrics[name as MetricName] as number;
  return { outcome, trace: outcome.trace, turns, m };
}

function filtered(t: Transport, drop: (frame: string) => boolean): Transport {
  return {
    get state() {
      return t.state;
    },
    get bufferedAmount() {
      return t.bufferedAmount;
    },
    send: (frame) => {
      if (!drop(frame)) t.send(frame);
    },
    close: (code, reason) => t.close(code, reason),
    onMessage: (h) => t.onMessage(h),
    onClose: (h) => t.onClose(h),
  };
}

/**
 * A split turn from two real clips with a pause between them: `what-time.wav`, `pauseMs` of
 * silence, `weather.wav`, with a manual annotation joining both clips' true speech.
 */
export async function splitTurnFiles(pauseMs: number): Promise<Record<string, Uint8Array | string>> {
  const a = await loadAudio('fixtures/what-time.wav');
  const b = await loadAudio('fixtures/weather.wav');
  const rate = a.sampleRate;
  const gap = new Int16Array(Math.round((pauseMs * rate) / 1000));
  const pcm = new Int16Array(a.pcm.length + gap.length + b.pcm.length);
  pcm.set(a.pcm, 0);
  pcm.set(b.pcm, a.pcm.length + gap.length);
  const shift = ((a.pcm.length + gap.length) / rate) * 1000;
  const sa = (JSON.parse(readFileSync('fixtures/what-time.speech.json', 'utf8')) as { speech: Array<{ start_ms: number; end_ms: number }> }).speech;
  const sb = (JSON.parse(readFileSync('fixtures/weather.speech.json', 'utf8')) as { speech: Array<{ start_ms: number; end_ms: number }> }).speech;
  const speech = [...sa, ...sb.map((s) => ({ start_ms: s.start_ms + shift, end_ms: s.end_ms + shift }))];
  const annotation = { file: 'split.wav', sample_rate: rate, duration_ms: (pcm.length / rate) * 1000, speech, source: 'manual' };
  return { 'split.wav': encodeWavPcm16(pcm, rate), 'split.speech.json': JSON.stringify(annotation) };
}

/** Wall time of turn `i`'s true end of speech, from the trace's chunks (independent of the metrics code). */
export function trueEndWall(trace: TraceRecord[], i: number): number {
  const turn = trace.find((r): r is TraceTurn => r.k === 'turn' && r.turn === i)!;
  const tl = new InputTimeline(trace.filter((r): r is TraceChunk => r.k === 'chunk'));
  return tl.wallTimeOf(turn.speech[turn.speech.length - 1].end_ms)!;
}

/** Wall time of turn `i`'s true speech onset. */
export function trueOnsetWall(trace: TraceRecord[], i: number): number {
  const turn = trace.find((r): r is TraceTurn => r.k === 'turn' && r.turn === i)!;
  const tl = new InputTimeline(trace.filter((r): r is TraceChunk => r.k === 'chunk'));
  return tl.wallTimeOf(turn.speech[0].start_ms)!;
}

export function received(trace: TraceRecord[], type: string): TraceRecv[] {
  return trace.filter((r): r is TraceRecv => r.k === 'recv' && r.type === type);
}

/** The barge-in timing table of issue 12. */
export const BARGE_CASES = [
  { trigger: 'after_first_audio_ms: 100', after: 'first_audio', ms: 100 },
  { trigger: 'after_first_audio_ms: 600', after: 'first_audio', ms: 600 },
  { trigger: 'after_first_audio_ms: 1500', after: 'first_audio', ms: 1500 },
  { trigger: 'after_played_ms: 500', after: 'played', ms: 500 },
] as const;

/** Two turns: a question, then `stop.wav` barging in by `trigger`. */
export const bargeScenario = (trigger: string, repeat = 1): string => `name: barge
session:
  turn_detection: { type: server_vad, silence_duration_ms: 500 }
turns:
  - audio: ${process.cwd()}/fixtures/what-time.wav
  - audio: ${process.cwd()}/fixtures/stop.wav
    barge_in: { ${trigger} }
repeat: ${repeat}
mock: { profile: slow, first_audio_ms: 300, jitter_ms: 0, response_audio_ms: 8000 }
`;
