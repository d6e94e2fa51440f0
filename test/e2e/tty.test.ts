import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBuild, rtbench, tmp } from './helpers.js';

beforeAll(requireBuild);

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('terminal experience', () => {
  it.skipIf(!hasScript)('on a TTY, progress is one live line redrawn in place', () => {
    const out = join(tmp(), 'run');
    const cmd = `${process.execPath} ${BIN} run scenarios/simple-question.yaml scenarios/multi-turn.yaml --clock virtual --out ${out} --reporter table`;
    // `script` runs the command under a pseudo terminal, like a person's shell.
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
    delete env.CI;
    delete env.NO_COLOR;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\r\x1b\[2K\[#{10}\.{10}\] 1\/2 sessions · ETA \d+:\d\d · first audio p50 \d+ ms/);
    expect(r.stdout).toMatch(/\r\x1b\[2K\[#{20}\] 2\/2 sessions/);
    expect(r.stdout).not.toMatch(/^\[1\/2\] /m);
  });

  it('in CI (or a pipe), progress is plain lines and --quiet silences it', () => {
    const out = join(tmp(), 'run');
    const r = rtbench(['run', 'scenarios/simple-question.yaml', '--clock', 'virtual', '--out', out, '--reporter', 'table'], { env: { CI: 'true' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\[1\/1\] simple-question#mock\/gpt-realtime-2\.1#r1 ok first_audio_ms \d+$/m);
    expect(r.stderr).not.toContain('\x1b[');
    const quiet = rtbench(['run', 'scenarios/simple-question.yaml', '--clock', 'virtual', '--out', out, '--reporter', 'table', '--quiet'], {
      env: { CI: 'true' },
    });
    expect(quiet.stderr).toBe('');
  });

  it('--json prints a machine-readable summary on stdout only', () => {
    const out = join(tmp(), 'run');
    const r = rtbench(['run', 'scenarios/simple-question.yaml', '--clock', 'virtual', '--out', out, '--json', '--quiet']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.exit_code).toBe(0);
    expect(j.run_folder).toBe(out);
    expect(j.samples).toBe(1);
    expect(j.expectations.failed).toEqual([]);
  });

  it('shell completion script', () => {
    const r = rtbench(['completion']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rtbench');
    expect(r.stdout).toMatch(/complete|compdef/);
  });
});
