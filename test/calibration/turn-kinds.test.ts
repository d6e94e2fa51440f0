/**
 * Closed loop per turn kind, no network: a scenario with a plain turn, a tool turn and a barge-in
 * turn runs against the built-in mock (the truth: its default profile, seed 11) → calibrate → the
 * same scenario against the fitted profile (seed 22). Every turn kind must be reproduced within
 * ±10 % at p50 and ±15 % at p90. The must-fail side: the fit that pooled every turn's end of turn →
 * first audio (tool round trips included) into one distribution misses the plain turn's answer.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import { calibrate } from '../../src/calibration/index.js';
import { fitDistribution } from '../../src/calibration/fit.js';
import type { ProfileFile } from '../../src/calibration/profile-format.js';
import type { RunResults } from '../../src/results/types.js';
import { readTraces } from '../../src/run-folder/index.js';
import { quiet, writeProfile } from './helpers.js';

const REPEAT = 200;
const F = resolve('fixtures');
const dir = mkdtempSync(join(tmpdir(), 'rtbench-kinds-'));
const SCENARIO = join(dir, 'mixed.yaml');
writeFileSync(
  SCENARIO,
  `name: mixed
session:
  turn_detection: { type: server_vad, silence_duration_ms: 500 }
  tools:
    - name: get_weather
      description: Current weather for a city.
      parameters: { type: object, properties: { city: { type: string } }, required: [city] }
mock: { response_audio_ms: 3000 }
turns:
  - name: plain
    audio: ${F}/what-time.wav
  - name: tool
    audio: ${F}/weather.wav
    tool: { name: get_weather, arguments: { city: Paris }, output: { temp_c: 18 } }
  - name: barge
    audio: ${F}/stop.wav
    barge_in: { after_first_audio_ms: 600 }
`,
);

/** What each turn kind is judged on. */
const CHECKS: Array<[turn: string, metric: string]> = [
  ['plain', 'first_audio_ms'],
  ['plain', 'vad_to_first_audio_ms'],
  ['tool', 'tool_call_ms'],
  ['tool', 'tool_result_to_first_audio_ms'],
  ['tool', 'first_audio_ms'],
  ['barge', 'barge_in_detect_ms'],
  ['barge', 'first_audio_ms'],
];
const BANDS = [
  [0.5, 0.1],
  [0.9, 0.15],
] as const;

async function run(seed: number, profileFile?: string): Promise<{ results: RunResults; out: string }> {
  const out = mkdtempSync(join(tmpdir(), 'rtbench-kinds-run-'));
  const r = await runBenchmark({
    paths: [SCENARIO],
    clock: 'virtual',
    repeat: REPEAT,
    seed,
    out,
    reporters: [],
    stdout: quiet,
    mock: profileFile ? { profileFile } : {},
  });
  return { results: r.results, out };
}

function quantile(results: RunResults, turn: string, metric: string, p: number): number {
  const xs = results.samples
    .filter((s) => s.turn_name === turn)
    .map((s) => s.metrics[metric])
    .filter((v): v is number => typeof v === 'number')
    .sort((a, b) => a - b);
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  return xs[lo] + (h - lo) * (xs[Math.min(lo + 1, xs.length - 1)] - xs[lo]);
}

/** Every check outside its band, as `turn metric pNN: source → fitted (±x %)`. */
function misses(source: RunResults, fitted: RunResults): string[] {
  const out: string[] = [];
  for (const [turn, metric] of CHECKS) {
    for (const [p, band] of BANDS) {
      const a = quantile(source, turn, metric, p);
      const b = quantile(fitted, turn, metric, p);
      if (!(Math.abs(b - a) / a <= band)) out.push(`${turn} ${metric} p${p * 100}: ${a.toFixed(0)} → ${b.toFixed(0)} (${(((b - a) / a) * 100).toFixed(1)} %)`);
    }
  }
  return out;
}

describe('calibration keeps turn kinds apart (truth: the built-in default profile)', () => {
  it('a fitted profile reproduces plain, tool and barge-in turns (must pass); the pooled fit does not (must fail)', async () => {
    const source = await run(11);
    const { file } = calibrate([{ dir: source.out, traces: await readTraces(source.out) }]);
    const entry = file.profiles[0];
    expect(entry.tool_call && entry.tool_answer && entry.barge_in_speech_started, 'kinds fitted apart').toBeTruthy();
    const fitted = await run(22, writeProfile(file, 'fitted.json'));
    expect(misses(source.results, fitted.results)).toEqual([]);

    // The old fit: one first-audio distribution over every turn's end of turn → first audio.
    const pooledValues = source.results.samples.map((s) => s.metrics.vad_to_first_audio_ms).filter((v): v is number => typeof v === 'number');
    const { tool_call: _c, tool_answer: _a, ...rest } = entry;
    const pooled: ProfileFile = { ...file, profiles: [{ ...rest, first_audio: fitDistribution(pooledValues) }] };
    const old = await run(22, writeProfile(pooled, 'pooled.json'));
    const missed = misses(source.results, old.results);
    expect(missed.some((m) => m.startsWith('plain first_audio_ms p50'))).toBe(true);
  }, 240_000);
});
