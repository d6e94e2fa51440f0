import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, rtbench, tmp } from './helpers.js';

/**
 * The mistakes of issue 13, tried as a new user would, against the mock: each must fail loudly with
 * its exit code and one line saying which and why — never "✅ no data". Truth: the exact messages.
 */
const dir = tmp('rtbench-gates-');
const A = join(dir, 'A');
const B = join(dir, 'B');
const URL_RUN = join(dir, 'url');
const scenario = 'scenarios/simple-question.yaml';

beforeAll(() => {
  requireBuild();
  for (const out of [A, B]) expect(rtbench(['run', scenario, '--clock', 'virtual', '--repeat', '3', '--out', out, '--quiet']).code).toBe(0);
  // The same run as if it had targeted a ws:// URL: no cell in common with A.
  const results = JSON.parse(readFileSync(join(A, 'results.json'), 'utf8')) as { samples: Array<{ target: string }> };
  for (const s of results.samples) s.target = 'ws://127.0.0.1:9/v1/realtime';
  mkdirSync(URL_RUN);
  writeFileSync(join(URL_RUN, 'results.json'), JSON.stringify(results));
}, 240_000);

describe('gates fail closed', () => {
  it('a misspelt threshold metric: exit 2 with "did you mean", in run --baseline and in compare', () => {
    const run = rtbench(['run', scenario, '--clock', 'virtual', '--baseline', A, '--threshold', 'first_audo_ms.p95=+10%', '--out', join(dir, 'D'), '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invalid threshold "first_audo_ms.p95=+10%": unknown metric "first_audo_ms" in the threshold (did you mean first_audio_ms?)');
    const cmp = rtbench(['compare', A, B, '--threshold', 'first_audo_ms.p95=+10%']);
    expect(cmp.code).toBe(2);
    expect(cmp.stderr.trim()).toBe(
      'invalid threshold "first_audo_ms.p95=+10%": unknown metric "first_audo_ms" in the threshold (did you mean first_audio_ms?)',
    );
  });

  it('compare with no common cell, and a misspelt or one-valued axis: exit 2', () => {
    const none = rtbench(['compare', A, URL_RUN]);
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toBe(
      'run A and run B share no cell (same scenario, target and settings): A has e.g. simple-question [mock gpt-realtime-2.1], B has e.g. simple-question [ws://127.0.0.1:9/v1/realtime gpt-realtime-2.1]; nothing to compare',
    );
    const axis = rtbench(['compare', A, '--axis', 'modle']);
    expect(axis.code).toBe(2);
    expect(axis.stderr.trim()).toBe('unknown axis "modle" (did you mean model?): this run\'s axes are model, target');
    expect(rtbench(['compare', A, '--axis', 'model']).stderr.trim()).toBe('axis model has only one value in this run (gpt-realtime-2.1): nothing to compare');
  });

  it('a baseline from another plan: exit 2 before running', () => {
    const r = rtbench(['run', scenario, '--clock', 'virtual', '--model', 'gpt-realtime-mini', '--baseline', A, '--out', join(dir, 'E'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'the baseline shares no cell with this run (baseline e.g. simple-question [mock gpt-realtime-2.1]; this run e.g. simple-question [mock gpt-realtime-mini]): it comes from another plan, nothing can be compared',
    );
  });

  it('a valid threshold nothing measured: exit 1, cannot be judged; a valid gate names its cell and the small-n rule', () => {
    const r = rtbench(['compare', A, B, '--threshold', 'tool_call_ms.p50=+10%']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('✗ threshold tool_call_ms.p50=+10% cannot be judged: tool_call_ms was measured in no cell of either run');
    expect(r.stdout).not.toContain('passed');
    const ok = rtbench(['compare', A, B, '--threshold', 'first_audio_ms.p50=+10%', '--markdown']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('n<8 (n=3/3)');
    const run = rtbench([
      'run',
      scenario,
      '--clock',
      'virtual',
      '--repeat',
      '3',
      '--baseline',
      A,
      '--threshold',
      'first_audio_ms.p50=+10%',
      '--out',
      join(dir, 'F'),
      '--quiet',
    ]);
    expect(run.code).toBe(0);
    const md = readFileSync(join(dir, 'F', 'report.md'), 'utf8');
    expect(md).toContain('### Baseline — ✅ no regression');
    expect(md).toContain('What the metrics mean');
    expect(md).toContain('**First audio** (`first_audio_ms`; ms, lower is better)');
  });
});

describe('one validation pass', () => {
  it('validate and run treat a fixture without annotation alike: the same warning, exit 0', () => {
    const d = tmp('rtbench-unannotated-');
    writeFileSync(join(d, 'q.wav'), readFileSync('fixtures/what-time.wav'));
    writeFileSync(join(d, 's.yaml'), 'name: s\nturns:\n  - audio: q.wav\n');
    const warning =
      /s\.yaml:3:12 warning: turns\[0\]\.audio: q\.wav has no speech annotation \(q\.speech\.json\): annotated on the fly; commit one with: rtbench fixtures annotate .*q\.wav/;
    const v = rtbench(['validate', join(d, 's.yaml')]);
    expect(v.code).toBe(0);
    expect(v.stderr).toMatch(warning);
    const r = rtbench(['run', join(d, 's.yaml'), '--clock', 'virtual', '--out', join(d, 'out')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(warning);
  });

  it('annotate reports every bad file, processes the rest, and exits 2', () => {
    const d = tmp('rtbench-annotate-');
    writeFileSync(join(d, 'good.wav'), readFileSync('fixtures/what-time.wav'));
    writeFileSync(join(d, 'bad.wav'), 'not a wav');
    const r = rtbench(['fixtures', 'annotate', join(d, 'bad.wav'), join(d, 'good.wav'), join(d, 'missing.wav')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${join(d, 'good.wav')}: wrote`);
    expect(r.stderr).toContain(join(d, 'bad.wav'));
    expect(r.stderr).toContain(join(d, 'missing.wav'));
    expect(r.stderr).toContain('rtbench: 2 of 3 file(s) could not be annotated');
  });
});
