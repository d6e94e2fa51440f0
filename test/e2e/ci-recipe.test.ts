import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBuild, tmp } from './helpers.js';

beforeAll(requireBuild);

/** Runs examples/ci-local.sh: the GitHub Actions workflow's steps as a script. */
function ciLocal(env: Record<string, string>) {
  return spawnSync('bash', ['examples/ci-local.sh'], {
    encoding: 'utf8',
    env: { ...process.env, SKIP_INSTALL: '1', RTBENCH: `${process.execPath} ${BIN}`, ...env },
    timeout: 120_000,
  });
}

describe("CI recipe (examples/ci-local.sh = the workflow's commands)", () => {
  it('runs the suite on the mock, writes the job summary and JUnit, then gates on a baseline', () => {
    const dir = tmp('rtbench-ci-');
    const first = join(dir, 'first');
    const a = ciLocal({ RTBENCH_OUT: first, BASELINE: join(dir, 'none') });
    expect(a.status, a.stderr).toBe(0);
    for (const f of ['results.json', 'report.md', 'report.html', 'junit.xml']) expect(existsSync(join(first, f))).toBe(true);
    expect(readFileSync(join(first, 'step-summary.md'), 'utf8')).toContain('rtbench report');
    expect(readFileSync(join(first, 'junit.xml'), 'utf8')).toMatch(/<testsuites[^>]*>/);

    const second = join(dir, 'second');
    const b = ciLocal({ RTBENCH_OUT: second, BASELINE: first });
    expect(b.status, b.stderr).toBe(0);
    expect(readFileSync(join(second, 'step-summary.md'), 'utf8')).toMatch(/Baseline/);

    const bad = ciLocal({ RTBENCH_OUT: join(dir, 'bad'), SCENARIOS: join(dir, 'missing') });
    expect(bad.status).toBe(2);
  });
});
