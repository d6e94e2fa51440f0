/**
 * A process that made WebRTC calls ends with its own exit code. Truth: the exit code CONTRACT says
 * (0 all held, 1 an expectation failed, 0 for `rtbench mock` stopped by SIGTERM); the failure this
 * guards against is a signal death after the last line of output (SIGSEGV 139 / SIGABRT 134: the
 * WebRTC bindings' finalizers during Node's environment teardown), which it did on every run.
 * The 50-run loop is bench/webrtc-exit.ts; here a bounded number of runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { webrtcAvailable } from '../../src/transport/webrtc-lib.js';
import { requireBuild, rtbench, startMockProcess, tmp } from './helpers.js';

beforeAll(requireBuild);

const RUNS = 5;

/** A one-turn scenario over WebRTC whose expectation holds or cannot hold. */
function scenario(firstAudio: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rtbench-rtc-exit-'));
  const path = join(dir, 'one-turn.yaml');
  writeFileSync(
    path,
    [
      'name: one-turn',
      'transport: webrtc',
      'turns:',
      `  - audio: ${resolve('fixtures/what-time.wav')}`,
      '    expect:',
      '      response: audio',
      `      first_audio_ms: "${firstAudio}"`,
      '',
    ].join('\n'),
  );
  return path;
}

describe.runIf(webrtcAvailable())('exit codes after WebRTC calls', () => {
  it(`${RUNS} runs in a row exit 0; a failed expectation exits 1 — never by a signal`, () => {
    const ok = scenario('< 10000');
    const codes: Array<number | null> = [];
    for (let i = 0; i < RUNS; i++) {
      const out = join(tmp(), 'run');
      const r = rtbench(['run', ok, '--clock', 'real', '--out', out, '--quiet']);
      codes.push(r.code);
      // Everything was written before the process ended.
      expect(existsSync(join(out, 'results.json'))).toBe(true);
      expect(r.stdout).toContain('Run folder:');
    }
    expect(codes).toEqual(Array(RUNS).fill(0));

    const out = join(tmp(), 'run');
    const failed = rtbench(['run', scenario('< 1'), '--clock', 'real', '--out', out, '--quiet']);
    expect(failed.code, failed.stderr).toBe(1);
    expect(existsSync(join(out, 'results.json'))).toBe(true);
  }, 180_000);

  it('rtbench mock that served a WebRTC call exits 0 on SIGTERM', async () => {
    const mock = await startMockProcess();
    const r = rtbench(['run', '--mock-url', mock.url, '--audio', 'fixtures/what-time.wav', '--transport', 'webrtc', '--out', join(tmp(), 'run'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((done) => mock.proc.once('exit', (code, signal) => done([code, signal])));
    mock.proc.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
  }, 60_000);

  it('a library process that made a call and ends on its own keeps its exit code', async () => {
    // The bundled mock and the harness in one plain Node process, no CLI: the library's own guard.
    const code = `
      import { runBenchmark } from ${JSON.stringify(resolve('dist/src/index.js'))};
      const r = await runBenchmark({ audio: ['fixtures/what-time.wav'], transports: ['webrtc'], clock: 'real', out: ${JSON.stringify(join(tmp(), 'run'))}, reporters: [], stdout: { write: () => true } });
      if (r.results.samples.length !== 1 || !r.results.samples[0].ok) throw new Error('the call did not run');
      process.exitCode = 7;`;
    const child = spawn(process.execPath, ['--input-type=module', '--eval', code], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.once('exit', (c, s) => done([c, s])));
    expect([exitCode, signal], stderr).toEqual([7, null]);
  }, 60_000);
});
