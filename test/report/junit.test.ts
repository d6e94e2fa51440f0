import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/junit.js';
import { checkRegressions } from '../../src/stats/regression.js';
import { parseThreshold } from '../../src/stats/threshold.js';
import { makeRun, TRICKY_SCENARIO } from './fixtures.js';
import { parseXml } from './xml.js';

describe('renderJunit', () => {
  const run = makeRun();
  // A control character and a lone surrogate from a misbehaving server must not break the XML.
  run.samples.find((s) => !s.ok && s.scenario === TRICKY_SCENARIO)!.error = 'bad frame \u0001\u001b[31m <oops> & "q" \ud800';
  const xml = renderJunit(run);
  const root = parseXml(xml);

  it('is well-formed with testsuites > testsuite (per scenario) > testcase (per cell)', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(root.name).toBe('testsuites');
    expect(root.children.map((s) => s.attrs.name)).toEqual([TRICKY_SCENARIO, 'barge-in']);
    expect(root.children.every((s) => s.name === 'testsuite')).toBe(true);
    const cases = root.children[0].children;
    expect(cases.map((c) => c.attrs.name)).toEqual(['mock gpt-realtime silence_duration_ms=500', 'mock gpt-realtime-mini silence_duration_ms=500']);
    expect(cases[0].attrs.classname).toBe(`rtbench.${TRICKY_SCENARIO}`);
    // barge-in's turn-1 expectation is its own testcase, named after the turn.
    expect(root.children[1].children.map((c) => c.attrs.name)).toEqual([
      'mock gpt-realtime silence_duration_ms=500',
      'mock gpt-realtime silence_duration_ms=500 › turn 1',
      'mock gpt-realtime-mini silence_duration_ms=500',
    ]);
    expect(root.attrs).toMatchObject({ tests: '5', failures: '2', errors: '2' });
  });

  it('puts each unmet expectation in a failure message', () => {
    const failure = root.children[0].children[0].children.find((c) => c.name === 'failure')!;
    expect(failure.attrs.message).toBe('expected first_audio_ms p95 < 1200, got 1340 (n=20)');
    expect(failure.attrs.type).toBe('expectation');
    expect(failure.text).toContain('scenarios/greeting.yaml:12:7');
    const turnFailure = root.children[1].children[1].children.find((c) => c.name === 'failure')!;
    expect(turnFailure.attrs.message).toMatch(/^turn 1: expected response_cancelled = true, got false/);
  });

  it('reports failed samples as an error, with unsafe characters removed or escaped', () => {
    const error = root.children[0].children[0].children.find((c) => c.name === 'error')!;
    expect(error.attrs.message).toMatch(/^1 of 21 samples failed: bad frame \[31m <oops> & "q" $/);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('adds a suite for baseline regressions', () => {
    const regressions = checkRegressions(makeRun({ seed: 7, mini_shift_ms: -250 }), run, [parseThreshold('first_audio_ms.p50=+5%')], { iterations: 300 });
    const tree = parseXml(renderJunit(run, regressions));
    const suite = tree.children.find((s) => s.attrs.name === 'baseline regressions')!;
    expect(suite.children).toHaveLength(4);
    const failed = suite.children.filter((c) => c.children.some((x) => x.name === 'failure'));
    expect(failed.length).toBe(regressions.filter((r) => r.regression).length);
    expect(failed[0].children[0].attrs.message).toContain('REGRESSION');
  });

  it('the checker itself rejects broken XML', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x="1 & 2"/>')).toThrow(/bare &/);
    expect(() => parseXml('<a>1 < 2</a>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow(/second root/);
  });
});
