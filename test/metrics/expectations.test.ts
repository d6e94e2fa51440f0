/**
 * Expectations judge samples; with none there is nothing to judge. Truth: constructed samples and
 * a plan cell whose expectations are known.
 */
import { describe, expect, it } from 'vitest';
import { evaluateExpectations } from '../../src/metrics/expectations.js';
import type { Sample } from '../../src/results/types.js';
import type { Expectation, SessionPlan } from '../../src/scenario/types.js';

const expectations: Expectation[] = [
  { where: 's.yaml:5:7', turn: 0, metric: 'response', aggregate: 'value', equals: 'audio' },
  { where: 's.yaml:6:7', turn: 0, metric: 'first_audio_ms', aggregate: 'value', compare: { op: '<', value: 3000 } },
  { where: 's.yaml:8:3', metric: 'transcript_contains', aggregate: 'value', contains: 'time' },
];
const plan = {
  id: 's#mock/m#r1',
  scenario: 's',
  target: 'mock',
  model: 'm',
  settings: {},
  repeat: 1,
  session: {},
  turns: [],
  expectations,
  seed: 1,
  chunk_ms: 20,
} as unknown as SessionPlan;
const sample = (firstAudioMs: number): Sample =>
  ({
    id: 's#mock/m#r1#t0',
    scenario: 's',
    turn: 0,
    target: 'mock',
    model: 'm',
    dialect: 'ga',
    transport: 'ws',
    settings: {},
    repeat: 1,
    ok: true,
    metrics: { first_audio_ms: firstAudioMs },
    facts: { response: 'audio', transcript: 'It is time.' },
  }) as unknown as Sample;

describe('evaluateExpectations', () => {
  it('judges the samples there are (must pass / must fail on the value)', () => {
    expect(evaluateExpectations([plan], [sample(900)]).map((e) => e.ok)).toEqual([true, true, true]);
    const slow = evaluateExpectations([plan], [sample(3400)]);
    expect(slow[1]).toMatchObject({ ok: false, expected: 'first_audio_ms < 3000', actual: '3400 (1/1 samples fail)' });
  });

  it('a cell with no samples fails closed and quotes no value ("audio (0/0 samples)" was a contradiction)', () => {
    const none = evaluateExpectations([plan], []);
    expect(none.map((e) => [e.ok, e.expected, e.actual])).toEqual([
      [false, 'response = audio', 'no samples'],
      [false, 'first_audio_ms < 3000', 'no samples'],
      [false, 'transcript contains "time"', 'no samples'],
    ]);
  });
});
