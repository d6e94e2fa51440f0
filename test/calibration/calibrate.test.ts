/** calibrate(): per model and per VAD setting, refusal of too little data, provenance; profile files. */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrate, CalibrationError } from '../../src/calibration/index.js';
import { parseProfileFile, ProfileFileError } from '../../src/calibration/profile-format.js';
import { profileFromFile, loadProfileFile } from '../../src/mock/behaviour/profile-file.js';
import { readTraces } from '../../src/run-folder/read.js';
import { knownProfile, runAgainst, writeProfile } from './helpers.js';

describe('calibrate (truth: runs against a mock with a known profile)', () => {
  it('refuses too little data, saying how much is needed', async () => {
    const run = await runAgainst(writeProfile(knownProfile(450)), 12, 1);
    const traces = await readTraces(run.out);
    expect(() => calibrate([{ dir: run.out, traces }], { minN: 30 })).toThrow(CalibrationError);
    expect(() => calibrate([{ dir: run.out, traces }], { minN: 30 })).toThrow(
      /gpt-realtime-2\.1: first_audio: 12 turns with data, need at least 30 \(18 more\)/,
    );
    const ok = calibrate([{ dir: run.out, traces, region: 'eu-test' }], { minN: 10, createdAt: '2026-12-01T00:00:00Z' });
    expect(ok.file.provenance!.runs[0]).toMatchObject({ region: 'eu-test', sessions: 12, turns: 12, targets: ['mock'] });
    expect(ok.file.provenance!.note).toMatch(/network/);
    expect(ok.warnings.join('\n')).toMatch(/describes the mock, not a service/);
    // Optional distributions with too few observations are left out, not faked.
    expect(ok.file.profiles[0].transcription).toBeUndefined();
    expect(ok.rows.find((r) => r.name === 'transcription')!.skipped).toMatch(/0 observations, need 10/);
  });

  it('fits the end-of-speech delay separately per silence_duration_ms', async () => {
    const sv = await import('../../src/app/benchmark.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = mkdtempSync(join(tmpdir(), 'rtbench-cal-axis-'));
    const r = await sv.runBenchmark({
      paths: ['test/e2e/scenarios/silence-axis.yaml'],
      clock: 'virtual',
      repeat: 12,
      seed: 3,
      out,
      reporters: [],
      stdout: { write: () => true } as never,
    });
    expect(r.results.samples.length).toBeGreaterThan(0);
    const result = calibrate([{ dir: out, traces: await readTraces(out) }], { minN: 5 });
    const labels = result.rows.filter((x) => x.name.startsWith('speech_stopped')).map((x) => x.name);
    expect(new Set(labels).size).toBeGreaterThan(1);
    const fits = result.file.profiles.flatMap((p) => p.speech_stopped ?? []);
    const silences = fits.map((f) => f.silence_duration_ms).filter((s) => s !== undefined);
    expect(new Set(silences).size).toBeGreaterThan(1);
    // Longer silence → later speech_stopped (the mock's VAD waits longer).
    const sorted = [...fits].filter((f) => f.silence_duration_ms !== undefined).sort((a, b) => a.silence_duration_ms! - b.silence_duration_ms!);
    const median = (f: (typeof fits)[number]) => f.delay.shiftMs + f.delay.medianMs;
    expect(median(sorted[sorted.length - 1])).toBeGreaterThan(median(sorted[0]));
  }, 60_000);
});

describe('profile files (truth: hand-written files)', () => {
  it('rejects a bad file with the path of the problem', () => {
    expect(() =>
      parseProfileFile(
        { schema: 'rtbench.mock-profile/v1', profiles: [{ model: 'm', first_audio: { medianMs: 5, sigma: -1, minMs: 0, maxMs: 9 } }] },
        'p.json',
      ),
    ).toThrow(/p\.json: profiles\.0\.first_audio\.sigma/);
    expect(() => parseProfileFile({ schema: 'other' }, 'p.json')).toThrow(ProfileFileError);
  });

  it('picks the entry for the model and keeps the built-in profile for the rest', () => {
    const path = writeProfile({
      schema: 'rtbench.mock-profile/v1',
      profiles: [
        { model: 'gpt-realtime', first_audio: { shiftMs: 0, medianMs: 321, sigma: 0, minMs: 0, maxMs: 1000 } },
        { model: 'gpt-realtime-mini', first_audio: { shiftMs: 0, medianMs: 123, sigma: 0, minMs: 0, maxMs: 1000 } },
      ],
    });
    const loaded = loadProfileFile(path);
    expect(profileFromFile(loaded, 'gpt-realtime-mini-2025-10-06').firstAudio.medianMs).toBe(123);
    const p = profileFromFile(loaded, 'gpt-realtime');
    expect(p.firstAudio.medianMs).toBe(321);
    expect(p.vadSilenceDurationMs).toBe(200); // from the built-in gpt-realtime profile
    expect(() => profileFromFile(loaded, 'other-model')).toThrow(/no profile for model "other-model" \(the file has: gpt-realtime, gpt-realtime-mini\)/);
    writeFileSync(path, '{');
    expect(() => loadProfileFile(path)).toThrow(/not valid JSON/);
  });

  it('a fixed fitted delay is served exactly (truth: sigma 0 first audio of 321 ms)', async () => {
    const path = writeProfile({
      schema: 'rtbench.mock-profile/v1',
      profiles: [{ model: 'gpt-realtime', first_audio: { shiftMs: 21, medianMs: 300, sigma: 0, minMs: 0, maxMs: 1000 } }],
    });
    const run = await runAgainst(path, 3, 1);
    for (const s of run.results.samples) expect(s.metrics.vad_to_first_audio_ms).toBe(321);
  });
});

describe('burstiness (truth: a source whose gaps between deltas vary by a known lognormal factor)', () => {
  it('is fitted per response and reproduced by the fitted mock', async () => {
    const source = knownProfile(450);
    source.profiles[0].delta_gap_ratio = { shiftMs: 0, medianMs: 1, sigma: 0.6, minMs: 0, maxMs: 10 };
    const a = await runAgainst(writeProfile(source), 60, 21);
    const fitA = calibrate([{ dir: a.out, traces: await readTraces(a.out) }]);
    const ratioA = fitA.rows.find((r) => r.name === 'delta_gap_ratio')!;
    expect(ratioA.n).toBeGreaterThan(1000);
    const b = await runAgainst(writeProfile(fitA.file, 'fitted.json'), 60, 22);
    const fitB = calibrate([{ dir: b.out, traces: await readTraces(b.out) }]);
    const ratioB = fitB.rows.find((r) => r.name === 'delta_gap_ratio')!;
    const q = (xs: number[], p: number) => xs[Math.floor((xs.length - 1) * p)];
    for (const p of [0.1, 0.5, 0.9]) expect(Math.abs(q(ratioB.observed, p) - q(ratioA.observed, p)) / q(ratioA.observed, p), `p${p * 100}`).toBeLessThan(0.1);
    // Even spacing (no factor) gives ratios of exactly 1: the source's spread is its burstiness, not noise.
    const even = await runAgainst(writeProfile(knownProfile(450)), 5, 23);
    const evenRows = calibrate([{ dir: even.out, traces: await readTraces(even.out) }], { minN: 5 }).rows.find((r) => r.name === 'delta_gap_ratio')!;
    expect(Math.max(...evenRows.observed.map((r) => Math.abs(r - 1)))).toBeLessThan(0.01);
  }, 60_000);
});
