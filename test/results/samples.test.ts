import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';

const quiet = { write: () => true } as never;
const run = (paths: string[], reporters: Array<'csv' | 'junit' | 'html'> = []) => {
  const out = mkdtempSync(join(tmpdir(), 'rtbench-samples-'));
  return runBenchmark({ paths, clock: 'virtual', out, reporters, stdout: quiet, env: {}, summaryEnv: {} }).then((r) => ({ ...r, out }));
};

// Truth: the scenario files — manual-commit has turn_detection: null (no VAD metric applies), the
// multi-turn turns are named "time" and "weather", barge-in's second turn interrupts.
describe('samples say what applies and keep names and types', () => {
  it('manual mode: VAD metrics are null, not 0; facts are typed', async () => {
    const { results } = await run(['scenarios/manual-commit.yaml']);
    const s = results.samples[0];
    expect(s.ok).toBe(true);
    for (const m of ['missed_turns', 'false_turns', 'vad_stop_delay_ms', 'vad_start_error_ms', 'vad_end_error_ms']) expect(s.metrics[m], m).toBeNull();
    expect(typeof s.metrics.first_audio_ms).toBe('number');
    expect(s.facts).toMatchObject({ barge_in: false, interrupted: false, response: 'audio' });
    // Not in a barge-in turn: no barge-in metric can be measured.
    expect(s.metrics.talk_over_ms).toBeNull();
    expect(s.metrics.response_cancelled).toBeNull();
  });

  it('turn names reach samples, traces, CSV and JUnit; barge-in facts are booleans', async () => {
    const { results, out } = await run(['scenarios/multi-turn.yaml', 'scenarios/barge-in.yaml'], ['csv', 'junit']);
    const multi = results.samples.filter((s) => s.scenario === 'multi-turn');
    expect(multi.map((s) => s.turn_name)).toEqual(['time', 'weather']);
    const traces = readFileSync(join(out, 'traces.jsonl'), 'utf8');
    expect(traces).toMatch(/"k":"turn"[^\n]*"turn":0,"name":"time"/);
    const csv = readFileSync(join(out, 'results.csv'), 'utf8').split('\n');
    expect(csv[0].split(',').slice(0, 4)).toEqual(['id', 'scenario', 'turn', 'turn_name']);
    expect(csv.some((l) => l.includes(',multi-turn,1,weather,'))).toBe(true);
    const barge = results.samples.find((s) => s.scenario === 'barge-in' && s.turn === 1)!;
    expect(barge.facts).toMatchObject({ barge_in: true, interrupted: true });
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit).toContain('<testsuite name="multi-turn"');
    expect(junit).toMatch(/name="mock gpt-realtime-2.1 › turn 1 \(weather\)"/);
  });
});
