/**
 * Replay: a recorded run served back by the mock reproduces its metrics (truth: the recording's own
 * per-turn metrics), and a client that behaves differently gets its mismatches reported.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import { replaySession } from '../../src/calibration/replay-script.js';
import type { ReplayMismatch } from '../../src/mock/types.js';
import { readTraces } from '../../src/run-folder/read.js';
import type { TraceRecord } from '../../src/metrics/trace.js';
import { quiet } from './helpers.js';

const LATENCY = [
  'first_audio_ms',
  'vad_stop_delay_ms',
  'vad_to_first_audio_ms',
  'response_done_ms',
  'barge_in_detect_ms',
  'talk_over_ms',
  'tool_call_ms',
  'tool_result_to_first_audio_ms',
  'response_audio_ms',
];
const SCENARIOS = [
  'scenarios/multi-turn.yaml',
  'scenarios/barge-in.yaml',
  'scenarios/manual-commit.yaml',
  'scenarios/function-call.yaml',
  'scenarios/compare-models.yaml',
];

function out(): string {
  return mkdtempSync(join(tmpdir(), 'rtbench-replay-'));
}

describe('replay script (truth: a hand-made trace)', () => {
  it('anchors VAD events to the audio position, others to the latest client event or server event', () => {
    const s = 'x';
    const trace: TraceRecord[] = [
      {
        k: 'meta',
        s,
        t: 0,
        scenario: 'sc',
        target: 'openai',
        model: 'm',
        dialect: 'ga',
        url: 'wss://h/v1/realtime',
        input_format: 'pcm16',
        output_format: 'pcm16',
        chunk_ms: 20,
        session: {},
      },
      { k: 'note', s, t: 100, level: 'info', msg: 'connected' },
      { k: 'recv', s, t: 130, type: 'session.created', event: {} },
      { k: 'send', s, t: 131, type: 'session.update', event: { type: 'session.update' } },
      { k: 'recv', s, t: 170, type: 'session.updated', event: {} },
      { k: 'chunk', s, t: 200, seq: 0, pos_ms: 0, end_ms: 20, due: 200, bytes: 960, turn: 0 },
      { k: 'chunk', s, t: 220, seq: 1, pos_ms: 20, end_ms: 40, due: 220, bytes: 960, turn: 0 },
      { k: 'recv', s, t: 250, type: 'input_audio_buffer.speech_stopped', event: { audio_end_ms: 40 } },
      { k: 'recv', s, t: 900, type: 'response.output_audio.delta', event: { delta: '', audio_bytes: 4800 } },
    ];
    const script = replaySession(trace)!;
    expect(script.steps.map((x) => [x.anchor, x.offsetMs])).toEqual([
      [{ kind: 'open' }, 30],
      [{ kind: 'send', index: 0 }, 39],
      [{ kind: 'audio', posMs: 40 }, 30],
      [{ kind: 'event', index: 2 }, 650],
    ]);
    expect(script.clientSends.map((c) => c.type)).toEqual(['session.update']);
  });
});

describe('rtbench mock --replay (truth: the recorded run)', () => {
  it("reproduces every turn's latency metrics within 5 ms", async () => {
    const source = await runBenchmark({ paths: SCENARIOS, clock: 'virtual', seed: 5, out: out(), reporters: [], stdout: quiet });
    const mismatches: ReplayMismatch[] = [];
    const replay = await runBenchmark({
      paths: SCENARIOS,
      clock: 'virtual',
      seed: 99,
      out: out(),
      reporters: [],
      stdout: quiet,
      mock: { replay: source.outDir!, onReplayMismatch: (m) => mismatches.push(m) },
    });
    expect(mismatches).toEqual([]);
    const byId = new Map(replay.results.samples.map((s) => [s.id, s]));
    let compared = 0;
    let worst = 0;
    for (const a of source.results.samples) {
      const b = byId.get(a.id)!;
      expect(b.ok, a.id).toBe(a.ok);
      for (const metric of LATENCY) {
        const va = a.metrics[metric];
        const vb = b.metrics[metric];
        if (typeof va !== 'number') {
          expect(vb, `${a.id} ${metric}`).toBe(va);
          continue;
        }
        expect(typeof vb, `${a.id} ${metric}`).toBe('number');
        worst = Math.max(worst, Math.abs((vb as number) - va));
        expect(Math.abs((vb as number) - va), `${a.id} ${metric}: ${va} vs ${vb}`).toBeLessThanOrEqual(5);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    // Control: the same seed without replay draws other latencies, so agreement above is the replay's doing.
    const simulated = await runBenchmark({ paths: SCENARIOS, clock: 'virtual', seed: 99, out: out(), reporters: [], stdout: quiet });
    const differs = simulated.results.samples.some((s) => {
      const a = source.results.samples.find((x) => x.id === s.id)!;
      return typeof a.metrics.first_audio_ms === 'number' && Math.abs((s.metrics.first_audio_ms as number) - a.metrics.first_audio_ms) > 5;
    });
    expect(differs).toBe(true);
    if (process.env.RTBENCH_REPLAY_OUT)
      (await import('node:fs')).writeFileSync(process.env.RTBENCH_REPLAY_OUT, `compared ${compared} values, worst |Δ| ${worst} ms\n`);
  }, 60_000);

  it('reports a client that sends what the recording never saw', async () => {
    const source = await runBenchmark({ paths: ['scenarios/simple-question.yaml'], clock: 'virtual', seed: 5, out: out(), reporters: [], stdout: quiet });
    const mismatches: ReplayMismatch[] = [];
    const replay = await runBenchmark({
      paths: ['scenarios/manual-commit.yaml'],
      clock: 'virtual',
      seed: 5,
      out: out(),
      reporters: [],
      stdout: quiet,
      turnTimeoutMs: 5000,
      mock: { replay: source.outDir!, onReplayMismatch: (m) => mismatches.push(m) },
    });
    const unexpected = mismatches.find((m) => m.kind === 'unexpected');
    expect(unexpected?.message).toMatch(/client sent input_audio_buffer\.commit, which the recording never saw/);
    const traces = await readTraces(replay.outDir!);
    const err = traces.find((r) => r.k === 'recv' && r.type === 'error');
    expect(err && err.k === 'recv' && (err.event.error as { code?: string }).code).toBe('replay_mismatch');
  }, 60_000);
});
