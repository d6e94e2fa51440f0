/** Where a profile file can be named: config `mock.profile_file`, `RTBENCH_MOCK_PROFILE_FILE`, scenario `mock.profile_file`. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import { resolveConfig, toBenchmarkOptions } from '../../src/config/index.js';
import type { ProfileFile } from '../../src/calibration/profile-format.js';
import { quiet } from './helpers.js';

/** A profile whose first audio is exactly `ms` after the end of the turn. */
function fixed(ms: number): ProfileFile {
  return {
    schema: 'rtbench.mock-profile/v1',
    profiles: [{ model: 'gpt-realtime', first_audio: { shiftMs: 0, medianMs: ms, sigma: 0, minMs: 0, maxMs: 10_000 } }],
  };
}

describe('naming a profile file (truth: fixed first-audio delays in each file)', () => {
  it('config file paths are relative to the config file; the variable wins over the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtbench-cal-cfg-'));
    mkdirSync(join(dir, 'ci'));
    writeFileSync(join(dir, 'ci', 'rtbench.yaml'), 'mock: { profile_file: ../perf/p.json }\n');
    const fromFile = await resolveConfig({ cwd: dir, env: {}, configPath: 'ci/rtbench.yaml' });
    expect(fromFile.config.mock.profile_file).toBe(join('perf', 'p.json'));
    expect(toBenchmarkOptions(fromFile).mock).toMatchObject({ profileFile: join('perf', 'p.json') });
    const fromEnv = await resolveConfig({ cwd: dir, env: { RTBENCH_MOCK_PROFILE_FILE: 'other.json' }, configPath: 'ci/rtbench.yaml' });
    expect(fromEnv.config.mock.profile_file).toBe('other.json');
    expect(fromEnv.sources['mock.profile_file']).toBe('env');
  });

  it("a scenario's profile_file (relative to the scenario) wins over the server's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtbench-cal-sc-'));
    mkdirSync(join(dir, 'perf'));
    mkdirSync(join(dir, 'sc'));
    writeFileSync(join(dir, 'perf', 'p.json'), JSON.stringify(fixed(321)));
    writeFileSync(join(dir, 'server.json'), JSON.stringify(fixed(999)));
    writeFileSync(join(dir, 'sc', 'one.yaml'), `name: one\nmock: { profile_file: ../perf/p.json }\nturns:\n  - audio: ${resolve('fixtures/what-time.wav')}\n`);
    writeFileSync(join(dir, 'sc', 'two.yaml'), `name: two\nturns:\n  - audio: ${resolve('fixtures/what-time.wav')}\n`);
    const r = await runBenchmark({
      paths: [join(dir, 'sc')],
      clock: 'virtual',
      out: join(dir, 'out'),
      reporters: [],
      stdout: quiet,
      mock: { profileFile: join(dir, 'server.json') },
    });
    const by = (name: string) => r.results.samples.find((s) => s.scenario === name)!.metrics.vad_to_first_audio_ms;
    expect(by('one')).toBe(321);
    expect(by('two')).toBe(999);
  });

  it('the same seed reproduces the same draws; another seed does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtbench-cal-seed-'));
    const file = join(dir, 'p.json');
    writeFileSync(
      file,
      JSON.stringify({ ...fixed(0), profiles: [{ model: 'gpt-realtime', first_audio: { shiftMs: 200, medianMs: 400, sigma: 0.5, minMs: 0, maxMs: 10_000 } }] }),
    );
    const run = (seed: number, out: string) =>
      runBenchmark({
        audio: ['fixtures/what-time.wav'],
        repeat: 5,
        clock: 'virtual',
        seed,
        out: join(dir, out),
        reporters: [],
        stdout: quiet,
        mock: { profileFile: file },
      });
    const values = async (seed: number, out: string) => (await run(seed, out)).results.samples.map((s) => s.metrics.first_audio_ms);
    const a = await values(7, 'a');
    expect(await values(7, 'b')).toEqual(a);
    expect(await values(8, 'c')).not.toEqual(a);
  });

  it('a missing file or a model the file lacks is bad input before anything runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtbench-cal-bad-'));
    writeFileSync(join(dir, 'one.yaml'), `name: one\nmock: { profile_file: nowhere.json }\nturns:\n  - audio: ${resolve('fixtures/what-time.wav')}\n`);
    const run = (opts: object) =>
      runBenchmark({ paths: [join(dir, 'one.yaml')], clock: 'virtual', out: join(dir, 'out'), reporters: [], stdout: quiet, ...opts });
    await expect(run({})).rejects.toMatchObject({
      code: 'MOCK_BAD_PROFILE_FILE',
      message: expect.stringMatching(/one\.yaml: mock profile file: .*nowhere\.json: cannot read profile file \(ENOENT\)/),
    });
    writeFileSync(
      join(dir, 'mini.json'),
      JSON.stringify({
        ...fixed(1),
        profiles: [
          { model: 'gpt-realtime-mini', first_audio: fixed(1).profiles[0].first_audio },
          { model: 'other', first_audio: fixed(1).profiles[0].first_audio },
        ],
      }),
    );
    writeFileSync(join(dir, 'one.yaml'), `name: one\nturns:\n  - audio: ${resolve('fixtures/what-time.wav')}\n`);
    await expect(run({ mock: { profileFile: join(dir, 'mini.json') } })).rejects.toMatchObject({
      message: expect.stringMatching(/no profile for model "gpt-realtime-2\.1"/),
    });
  });
});
