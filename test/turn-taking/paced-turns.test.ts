/**
 * When a turn starts (virtual clock, the in-process mock): the user waits for the previous answer
 * to be heard. Truth: the mock answers 3000 ms of audio, its first delta 400 ms after speech_stopped,
 * streamed faster than real time; the client's player plays it in real time from its first delta,
 * so answer 1 ends 3000 ms after its first delta — recomputed here from the deltas in the trace,
 * independently of the scheduler. Contrast: `start: after_response_done` starts turn 2 while the
 * answer still plays, and the overlap must then be measured and flagged.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import { playTimeline } from '../../src/metrics/play-timeline.js';
import { InputTimeline } from '../../src/metrics/timeline.js';
import type { TraceChunk, TraceRecord, TraceRecv, TraceSend, TraceTurn } from '../../src/metrics/trace.js';
import { readTraces } from '../../src/runner/run-folder.js';
import { scenarioDir } from './helpers.js';

const GAP_MS = 500;
const ANSWER_MS = 3000;

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
  const r = await runBenchmark({ paths: [join(dir, 'scenario.yaml')], clock: opts.clock, transports: opts.transports, out, reporters: ['md', 'junit'], stdout: { write: () => true } as never, env: {}, summaryEnv: {} });
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

describe('turn pacing: a turn without barge_in starts gap_ms after the previous answer was heard (virtual clock)', () => {
  it('two say: turns, 3000 ms answers: no truncate, turn 2 after playback end + gap, every answer heard whole', async () => {
    const { results, traces } = await runTwoTurns(twoTurns(), { clock: 'virtual' });
    const [a, b] = results.samples;
    expect(a.ok && b.ok).toBe(true);
    const t = timeline(traces, a.id.replace(/#t0$/, ''));
    expect(t.truncates).toHaveLength(0);
    expect(t.onset2).toBeGreaterThanOrEqual(t.end1 + GAP_MS);
    // …and not much later: the turn's audio starts on the next chunk after heard + gap (20 ms grid).
    const turn2 = traces.find((r): r is TraceTurn => r.k === 'turn' && r.turn === 1)!;
    expect(turn2.trigger).toBe('played_out');
    expect(turn2.reference_t).toBeCloseTo(t.end1, 6);
    // The session ends when the last answer has been heard, not at its response.done.
    expect(t.closeT).toBeGreaterThanOrEqual(t.end2);
    for (const s of [a, b]) {
      expect(s.metrics.response_audio_ms).toBe(ANSWER_MS);
      expect(s.metrics.heard_audio_ms).toBe(ANSWER_MS);
      expect(s.metrics.user_overlap_ms).toBe(0);
      expect(s.metrics.unplanned_overlap).toBe(false);
      expect(s.metrics.first_audible_ms).toBeGreaterThan(s.metrics.first_audio_ms as number);
    }
  });

  it('contrast, start: after_response_done: turn 2 talks over answer 1; overlap measured and flagged in report.md and junit.xml', async () => {
    const { results, traces, out } = await runTwoTurns(twoTurns('start: after_response_done\n'), { clock: 'virtual' });
    const [a, b] = results.samples;
    const t = timeline(traces, a.id.replace(/#t0$/, ''));
    expect(t.onset2).toBeLessThan(t.end1);
    expect(t.truncates).toHaveLength(1);
    expect(b.metrics.user_overlap_ms).toBeGreaterThan(0);
    expect(b.metrics.unplanned_overlap).toBe(true);
    // What the user heard of answer 1 is what the client told the server it played.
    expect(a.metrics.heard_audio_ms).toBe(t.truncates[0].event.audio_end_ms);
    expect(a.metrics.heard_audio_ms).toBeLessThan(a.metrics.response_audio_ms as number);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/> \*\*Unplanned overlap\*\* — 1 turn without barge\\_in talked over an answer still playing \(two-turn#mock\/gpt-realtime#r1#t1: \d/);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<system-err>warning: unplanned overlap: 1 turn without barge_in/);
  });

  it('a planned barge-in still truncates at the played position, and is not flagged', async () => {
    const { results, traces, out } = await runTwoTurns(twoTurns('', '    barge_in: { after_played_ms: 1000 }\n'), { clock: 'virtual' });
    const [a, b] = results.samples;
    const t = timeline(traces, a.id.replace(/#t0$/, ''));
    const stop = traces.find((r) => r.k === 'play' && r.ev === 'stop');
    expect(t.truncates).toHaveLength(1);
    expect(stop?.k === 'play' && Math.floor(stop.played_ms)).toBe(t.truncates[0].event.audio_end_ms);
    expect(b.metrics.truncate_ok).toBe(true);
    expect(a.metrics.heard_audio_ms).toBe(t.truncates[0].event.audio_end_ms);
    expect(b.metrics.user_overlap_ms).toBeGreaterThan(0);
    expect(b.metrics.unplanned_overlap).toBe(false);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).not.toMatch(/> \*\*Unplanned overlap\*\*/);
  });
});
