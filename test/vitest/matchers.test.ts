import { describe, expect, it } from 'vitest';
import { rtbenchMatchers } from '../../src/vitest/index.js';
import type { RunResults, Sample } from '../../src/report/types.js';

const sample = (id: string, metrics: Sample['metrics'], facts: Sample['facts'] = {}, ok = true): Sample => ({
  id,
  scenario: 's',
  turn: 0,
  target: 'mock',
  model: 'm',
  dialect: 'ga',
  settings: {},
  repeat: 1,
  ok,
  metrics,
  facts,
  ...(ok ? {} : { error: 'connection closed by server (code 1006)' }),
});

describe('rtbench matchers (truth: the values in the constructed samples)', () => {
  const fast = sample('a#t0', { first_audio_ms: 700 }, { response: 'audio' });
  const slow = sample('b#t0', { first_audio_ms: 1200 }, { response: 'audio' });

  it('toHaveFirstAudioBelow passes and fails on the right side of the bound, with a readable message', () => {
    expect(rtbenchMatchers.toHaveFirstAudioBelow([fast, slow], 1300).pass).toBe(true);
    const r = rtbenchMatchers.toHaveFirstAudioBelow([fast, slow], 1000);
    expect(r.pass).toBe(false);
    expect(r.message()).toBe('expected every first_audio_ms < 1000 ms, got 1200 ms (n=2; over: b#t0 1200 ms)');
    expect(rtbenchMatchers.toHaveFirstAudioBelow([fast, slow], 1000, 'p50').message()).toBe(
      'expected first_audio_ms p50 not to be below 1000 ms, got 950 ms (n=2)',
    );
    expect(rtbenchMatchers.toHaveFirstAudioBelow([fast, slow], 1000, 'p50').pass).toBe(true);
  });

  it('reports why nothing was measured', () => {
    const r = rtbenchMatchers.toHaveFirstAudioBelow([sample('c#t0', { first_audio_ms: null }, {}, false)], 1000);
    expect(r.pass).toBe(false);
    expect(r.message()).toContain('no sample measured it (failed: c#t0: connection closed by server (code 1006))');
  });

  // One registry: a misspelt metric is an unknown metric, not "no sample measured it".
  it('toHaveMetricBelow refuses an unknown metric with the closest name', () => {
    const r = rtbenchMatchers.toHaveMetricBelow([fast], 'first_audio_msec', 1000);
    expect(r.pass).toBe(false);
    expect(r.message()).toBe('unknown metric "first_audio_msec" in toHaveMetricBelow (did you mean first_audio_ms?)');
    expect(rtbenchMatchers.toHaveMetricBelow([sample('f#t0', { false_turns: 2 })], 'false_turns', 1).message()).toBe(
      'expected every false_turns < 1, got 2 (n=1; over: f#t0 2)',
    );
  });

  // The gate rule is the same as compare --threshold and run --baseline (src/results/gate.ts).
  it('toNotRegressFrom applies the one gate rule', () => {
    const runOf = (values: number[]): RunResults => ({
      schema: 'rtbench.results/v1',
      run: { version: '0', started_at: '', ended_at: '', argv: [], node: '', cpus: 1, clock: 'virtual', seed: 1 },
      pacing: { chunks: 0, lag_p50_ms: null, lag_p99_ms: null, lag_max_ms: null },
      samples: values.map((v, i) => sample(`r${i}#t0`, { first_audio_ms: v })),
      summary: [],
      expectations: [],
    });
    const base = runOf([500]);
    expect(rtbenchMatchers.toNotRegressFrom(runOf([530]), base, 'first_audio_ms.p50=+10%').pass).toBe(true);
    const r = rtbenchMatchers.toNotRegressFrom(runOf([600]), base, ['first_audio_ms.p50=+10%']);
    expect(r.pass).toBe(false);
    expect(r.message()).toBe(
      'expected no regression:\n  s [mock m]: first_audio_ms p50 500 → 600 (+20.0%), limit 550, n=1/1, n<8: judged on the limit alone: REGRESSION [first_audio_ms.p50=+10%]',
    );
    expect(() => rtbenchMatchers.toNotRegressFrom(runOf([600]), base, 'first_audo_ms.p50=+10%')).toThrow(/did you mean first_audio_ms/);
  });

  it('toBeInterrupted checks barge-in turns only', () => {
    const barge = sample('x#t1', { barge_in_detect_ms: 200 }, { barge_in: true, interrupted: true, response: 'audio' });
    const normal = sample('x#t0', {}, { barge_in: false, interrupted: false, response: 'audio' });
    expect(rtbenchMatchers.toBeInterrupted([normal, barge]).pass).toBe(true);
    const missed = { ...barge, facts: { ...barge.facts, interrupted: false } };
    const r = rtbenchMatchers.toBeInterrupted([normal, missed]);
    expect(r.pass).toBe(false);
    expect(r.message()).toContain('x#t1 (response audio) was not');
  });

  it('toRespondWith and toMeetExpectations', () => {
    expect(rtbenchMatchers.toRespondWith([fast], 'audio').pass).toBe(true);
    expect(rtbenchMatchers.toRespondWith([fast], 'function_call').message()).toBe('expected response function_call, got a#t0: audio');
    const results = {
      schema: 'rtbench.results/v1',
      samples: [fast],
      summary: [],
      pacing: { chunks: 0, lag_p50_ms: null, lag_p99_ms: null, lag_max_ms: null },
      expectations: [
        {
          scenario: 's',
          cell: 'mock m',
          turn: 0,
          metric: 'first_audio_ms',
          expected: 'first_audio_ms < 500',
          actual: '700 (1/1 samples fail)',
          ok: false,
          where: 's.yaml:9:7',
        },
      ],
    } as unknown as RunResults;
    const r = rtbenchMatchers.toMeetExpectations(results);
    expect(r.pass).toBe(false);
    expect(r.message()).toContain('s turn 0 [mock m]: expected first_audio_ms < 500, got 700 (1/1 samples fail) (s.yaml:9:7)');
  });
});
