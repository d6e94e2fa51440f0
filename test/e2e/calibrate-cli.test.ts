/** `rtbench calibrate`, `rtbench mock --profile-file`, `rtbench mock --replay` from the command line. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, rtbench, startMockProcess, tmp } from './helpers.js';

beforeAll(requireBuild);

describe('calibrate and replay CLI (truth: virtual-clock runs against the bundled mock)', () => {
  it('refuses too little data (exit 2), fits with --min-n, and the profile and the recording drive the mock', async () => {
    const dir = tmp();
    const run = join(dir, 'run');
    expect(rtbench(['run', '--audio', 'fixtures/what-time.wav', '--clock', 'virtual', '--repeat', '6', '--out', run, '--reporter', 'json']).code).toBe(0);

    const refused = rtbench(['calibrate', run, '--out', join(dir, 'p.json')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/first_audio: 6 turns with data, need at least 30 \(24 more\)/);
    expect(refused.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(dir, 'p.json'))).toBe(false);

    const profile = join(dir, 'p.json');
    const ok = rtbench(['calibrate', run, '--out', profile, '--min-n', '5', '--region', 'local']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/first_audio\s+6\s+\d\.\d{3}\s+\d\.\d{3}\s+(lognormal|empirical)/);
    expect(ok.stdout).toMatch(/p90 obs\/fit/);
    const file = JSON.parse(readFileSync(profile, 'utf8'));
    expect(file.schema).toBe('rtbench.mock-profile/v1');
    expect(file.provenance.runs[0]).toMatchObject({ region: 'local', turns: 6 });

    const fitted = rtbench([
      'run',
      '--audio',
      'fixtures/what-time.wav',
      '--clock',
      'virtual',
      '--repeat',
      '2',
      '--profile-file',
      profile,
      '--out',
      join(dir, 'fitted'),
      '--reporter',
      'json',
    ]);
    expect(fitted.code).toBe(0);

    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ schema: 'rtbench.mock-profile/v1', profiles: [] }));
    const bad = rtbench(['mock', '--profile-file', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/bad\.json: profiles/);

    // Replay the first recorded session to a real-clock client over a socket.
    const mock = await startMockProcess(['--replay', run]);
    const stderr: string[] = [];
    mock.proc.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
    try {
      const replayed = rtbench(['run', '--audio', 'fixtures/what-time.wav', '--target', mock.url, '--out', join(dir, 'replayed'), '--reporter', 'json']);
      expect(replayed.code).toBe(0);
    } finally {
      await mock.stop();
    }
    expect(stderr.join('')).toMatch(/replay: 0 mismatches/);
  }, 120_000);
});
