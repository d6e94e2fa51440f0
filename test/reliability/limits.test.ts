/**
 * Stop rules and the cost guard: `--fail-fast` stops at the first failed session (reports still
 * written); `--max-cost` refuses to start when the estimate exceeds it (exit 2, nothing run) and
 * starts no new session once the measured cost exceeds it. Truth for the estimate: docs/protocol-notes.md's
 * ≈10 input / ≈20 output audio tokens per second and the price table in src/metrics/cost.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import { DEFAULT_PRICES, PRICES_TAKEN } from '../../src/metrics/cost.js';
import { describeEstimate, estimateCost } from '../../src/runner/cost-estimate.js';
import type { PreparedTurn } from '../../src/runner/prepare.js';
import type { SessionPlan } from '../../src/scenario/types.js';
import { cli, FIXTURES, oneTurn, readJson, STACK_LINE, tmp } from './helpers.js';

const WAV = join(FIXTURES, 'what-time.wav');
const quiet = () => new Writable({ write: (_c, _e, cb) => cb() });

describe('--fail-fast', () => {
  it('stops at the first failed session; the sessions after it are not run; reports are written', async () => {
    const dir = tmp();
    const file = oneTurn(dir, 'ff', WAV, '{ first_audio_ms: 200, jitter_ms: 0, faults: [{ kind: drop, after_ms: 50, sessions: [1] }] }');
    const out = join(dir, 'out');
    const r = await cli(['run', file, '--repeat', '5', '--clock', 'virtual', '--fail-fast', '--out', out, '--reporter', 'json,md,junit', '--quiet']);
    expect(r.code).toBe(1);
    const results = readJson(join(out, 'results.json'));
    expect(results.samples).toHaveLength(2);
    expect(results.samples.map((s: { ok: boolean }) => s.ok)).toEqual([true, false]);
    expect(results.run.stopped).toBe('--fail-fast: ff#mock/gpt-realtime-2.1#r2 failed (connection closed by server (code 1006: mock fault: drop))');
    expect(r.stderr).toContain('stopped: --fail-fast');
    for (const f of ['report.md', 'junit.xml']) expect(existsSync(join(out, f))).toBe(true);

    const all = await cli(['run', file, '--repeat', '5', '--clock', 'virtual', '--out', join(dir, 'all'), '--reporter', 'json', '--quiet']);
    expect(all.code).toBe(1);
    expect(readJson(join(dir, 'all', 'results.json')).samples).toHaveLength(5);
  });
});

describe('cost estimate', () => {
  it('bills every turn for the conversation so far (input) and its answer (output)', () => {
    const sp = { id: 's', target: 'openai', model: 'gpt-realtime' } as SessionPlan;
    const turn = { durationMs: 2000 } as PreparedTurn;
    const e = estimateCost([sp, { ...sp, id: 'm', target: 'mock' }], new Map([['s', [turn, turn]]]), { responseAudioMs: 4000 });
    const p = DEFAULT_PRICES['gpt-realtime'];
    // Turn 1: 2 s × 10 = 20 input tokens, 4 s × 20 = 80 output. Turn 2: 20 + 80 + 20 = 120 input, 80 output.
    const expected = (20 * p.audio_input + 80 * p.audio_output + 120 * p.audio_input + 80 * p.audio_output) / 1e6;
    expect(e.usd).toBeCloseTo(expected, 12);
    expect(e).toMatchObject({ sessions: 1, inputAudioS: 4, outputAudioS: 8, unpriced: [] });
    expect(describeEstimate(e)).toBe(
      `cost estimate: ≈ $0.015 for 1 session (4 s of user audio; 8 s of expected answers (4 s each); prices of ${PRICES_TAKEN})`,
    );
    const unknown = estimateCost([{ ...sp, model: 'my-model' }], new Map([['s', [turn]]]));
    expect(unknown).toMatchObject({ usd: 0, unpriced: ['my-model'] });
  });
});

describe('--max-cost', () => {
  it('refuses to start a paid run whose estimate exceeds it: exit 2, one line, nothing run or written', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const r = await cli(['run', '--audio', WAV, '--target', 'openai', '--model', 'gpt-realtime-2', '--repeat', '40', '--max-cost', '0.05', '--out', out], {
      OPENAI_API_KEY: 'sk-test-not-a-real-key-0000000000',
    });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^cost estimate: ≈ \$0\.\d+ for 40 sessions \(.*\); --max-cost \$0\.05$/);
    expect(lines[1]).toMatch(/^--max-cost: the estimated cost \$0\.\d+ exceeds the limit \$0\.05; nothing was run/);
    expect(lines).toHaveLength(2);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });

  it('prints the estimate and runs when it is within the limit (here: a URL target that refuses at once)', async () => {
    const dir = tmp();
    const r = await cli([
      'run',
      '--audio',
      WAV,
      '--target',
      'ws://127.0.0.1:9/v1/realtime',
      '--model',
      'gpt-realtime',
      '--retries',
      '0',
      '--max-cost',
      '5',
      '--out',
      join(dir, 'out'),
      '--reporter',
      'json',
      '--quiet',
    ]);
    expect(r.stderr).toMatch(/^cost estimate: ≈ \$0\.0\d+ for 1 session/m);
    expect(r.code).toBe(3);
  });

  it('stops starting sessions once the measured cost exceeds it', async () => {
    const dir = tmp();
    const file = oneTurn(dir, 'cost', WAV, '{ first_audio_ms: 200, jitter_ms: 0 }');
    const log: string[] = [];
    // gpt-realtime-2 has a published price (the default model has none yet).
    const probe = await runBenchmark({
      paths: [file],
      models: ['gpt-realtime-2'],
      clock: 'virtual',
      out: join(dir, 'probe'),
      reporters: ['json'],
      stdout: quiet(),
      env: {},
    });
    const perSession = Number(probe.results.samples[0].metrics.cost_usd);
    expect(perSession).toBeGreaterThan(0);
    const r = await runBenchmark({
      paths: [file],
      models: ['gpt-realtime-2'],
      repeat: 6,
      clock: 'virtual',
      out: join(dir, 'out'),
      reporters: ['json', 'md'],
      stdout: quiet(),
      env: {},
      maxCostUsd: perSession * 2.5,
      log: (l) => log.push(l),
    });
    // Sessions 1–3 cost 3 × perSession > 2.5 × perSession: no fourth.
    expect(r.results.samples).toHaveLength(3);
    expect(r.stopped).toMatch(/^--max-cost: measured cost \$\S+ exceeds the limit \$\S+$/);
    expect(r.results.run.stopped).toBe(r.stopped);
    expect(log.some((l) => l.startsWith('stopped: --max-cost'))).toBe(true);
  });
});
