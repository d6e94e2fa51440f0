/**
 * Shared by the turn-pacing tests (virtual and real clock): the two-turn scenario of docs/accuracy.md
 * and what its trace says about answer 1's playback and turn 2's speech.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenchmark } from '../../src/app/benchmark.js';
import { playTimeline } from '../../src/metrics/play-timeline.js';
import { InputTimeline } from '../../src/metrics/timeline.js';
import type { TraceChunk, TraceRecord, TraceRecv, TraceSend, TraceTurn } from '../../src/metrics/trace.js';
import { readTraces } from '../../src/run-folder/index.js';
import { scenarioDir } from './helpers.js';

export const GAP_MS = 500;
export const ANSWER_MS = 3000;

export const twoTurns = (start = '', second = '') => `name: two-turn
${start}session:
  turn_detection: { type: server_vad, silence_duration_ms: 500 }
mock: { response_audio_ms: ${ANSWER_MS}, first_audio_ms: 400, jitter_ms: 0 }
turns:
  - say: What time is it?
  - say: And the weather?
${second}`;

/** Runs the scenario through the CLI's library entry (md + junit reports), returns results and trace. */
export async function runTwoTurns(yaml: string, opts: { clock: 'virtual' | 'real'; transports?: Array<'ws' | 'webrtc'> }) {
  const out = mkdtempSync(join(tmpdir(), 'rtbench-paced-'));
  const dir = scenarioDir(yaml);
  const r = await runBenchmark({
    paths: [join(dir, 'scenario.yaml')],
    clock: opts.clock,
    transports: opts.transports,
    out,
    reporters: ['md', 'junit'],
    stdout: { write: () => true } as never,
    env: {},
    summaryEnv: {},
  });
  return { ...r, out, traces: await readTraces(out) };
}

/** Per session: answer 1's playback end (from its deltas), turn 2's speech onset (wall), truncates sent, close. */
export function timeline(trace: TraceRecord[], session: string) {
  const own = trace.filter((r) => r.s === session);
  const recv = own.filter((r): r is TraceRecv => r.k === 'recv');
  const turns = own.filter((r): r is TraceTurn => r.k === 'turn');
  const input = new InputTimeline(own.filter((r): r is TraceChunk => r.k === 'chunk'));
  const played = (responseId: unknown) => {
    const deltas = recv.filter((r) => r.type === 'response.output_audio.delta' && r.event.response_id === responseId);
    return playTimeline(deltas.map((d) => ({ t: d.t, ms: Number(d.event.audio_bytes) / 48 })));
  };
  const answers = [...new Set(recv.filter((r) => r.type === 'response.output_audio.delta').map((r) => r.event.response_id))];
  const end1 = played(answers[0]).playing.at(-1)![1];
  const end2 = played(answers[1]).playing.at(-1)![1];
  const onset2 = input.wallTimeOf(turns[1].speech[0].start_ms)!;
  const truncates = own.filter((r): r is TraceSend => r.k === 'send' && r.type === 'conversation.item.truncate');
  const closeT = own.find((r) => r.k === 'close')!.t;
  return { end1, end2, onset2, truncates, closeT };
}
