import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, rtbench, tmp } from './helpers.js';

/**
 * The CLI side of speech synthesis: `fixtures say` writes a WAV and its exact sidecar; a missing or
 * unusable engine is one line on stderr and exit 2 (bad input), for `fixtures say` and for a run of
 * a say: scenario alike; `init` gives a starter that runs with no WAV at all.
 */
describe('rtbench fixtures say', () => {
  beforeAll(() => requireBuild());
  const cache = tmp('rtbench-say-cache-');
  const env = { RTBENCH_CACHE_DIR: cache };

  it('writes x.wav and x.speech.json with the text as transcript', () => {
    const dir = tmp('rtbench-say-');
    const out = join(dir, 'sub', 'question.wav');
    const r = rtbench(['fixtures', 'say', 'What time is it?', '--out', out, '--voice', 'rms', '--rate', '1.2'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/question\.wav: wrote \d+\.\d\d s \(voice rms, rate 1\.2\), speech 300–\d+ ms/);
    const sidecar = JSON.parse(readFileSync(join(dir, 'sub', 'question.speech.json'), 'utf8'));
    expect(sidecar).toMatchObject({
      file: 'question.wav',
      sample_rate: 16000,
      transcript: 'What time is it?',
      detector: { name: 'synthesizer', voice: 'rms', rate: 1.2 },
    });
    // The annotator keeps an up-to-date sidecar: the synthesizer's boundaries stay the truth.
    const a = rtbench(['fixtures', 'annotate', out], { env });
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain('kept (up to date');
  });

  it('bad voice or rate: exit 2 with one line', () => {
    const out = join(tmp('rtbench-say-'), 'x.wav');
    const voice = rtbench(['fixtures', 'say', 'hi', '--out', out, '--voice', 'alloy'], { env });
    expect(voice.code).toBe(2);
    const rate = rtbench(['fixtures', 'say', 'hi', '--out', out, '--rate', '9'], { env });
    expect(rate.code).toBe(2);
    expect(rate.stderr.trim()).toBe('rate 9 is out of range: use 0.5 to 2');
    expect(existsSync(out)).toBe(false);
  });

  it('a missing or unusable engine: exit 2 with one clear line, for say and for a run', () => {
    const dir = tmp('rtbench-say-');
    const missing = { ...env, RTBENCH_FLITE_WASM: join(dir, 'flite.wasm') };
    const say = rtbench(['fixtures', 'say', 'hi', '--out', join(dir, 'x.wav')], { env: missing });
    expect(say.code).toBe(2);
    expect(say.stderr.trim().split('\n')).toEqual([`speech synthesis: cannot read RTBENCH_FLITE_WASM=${join(dir, 'flite.wasm')} (ENOENT)`]);

    writeFileSync(join(dir, 'bad.wasm'), 'MZ not a wasm file');
    writeFileSync(join(dir, 's.yaml'), 'name: s\nturns:\n  - say: Hello there.\n  - say: Goodbye.\n');
    const run = rtbench(['run', join(dir, 's.yaml'), '--clock', 'virtual', '--out', join(dir, 'out'), '--quiet'], {
      env: { ...env, RTBENCH_FLITE_WASM: join(dir, 'bad.wasm') },
    });
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^speech synthesis: .*bad\.wasm is not a usable WebAssembly module/);
  });

  it('init writes a say: starter that runs with no WAV', () => {
    const dir = tmp('rtbench-init-say-');
    const init = rtbench(['init'], { cwd: dir, env });
    expect(init.code, init.stderr).toBe(0);
    expect(readFileSync(join(dir, 'scenarios/starter.yaml'), 'utf8')).toMatch(/^ {2}- say: What time is it\?$/m);
    expect(existsSync(join(dir, 'fixtures'))).toBe(false);
    const run = rtbench(['run', 'scenarios/starter.yaml', '--clock', 'virtual', '--out', 'out', '--quiet', '--repeat', '1'], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
  });
});
