import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, rtbench, tmp } from './helpers.js';

beforeAll(requireBuild);

/** A one-line reason on stderr and no stack trace. */
function expectCleanError(stderr: string, pattern: RegExp) {
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
}

describe('rtbench CLI', () => {
  it('--help lists every command', () => {
    const r = rtbench(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['run', 'mock', 'fixtures', 'validate', 'report', 'compare', 'init', 'schema']) expect(r.stdout).toContain(`rtbench ${c}`);
  });

  it('unknown flag → exit 2, one line', () => {
    const r = rtbench(['run', '--bogus-flag']);
    expect(r.code).toBe(2);
    expectCleanError(r.stderr, /Unknown argument: bogus-flag/);
  });

  it('corrupt WAV → exit 2 naming the file and the problem', () => {
    const dir = tmp();
    const wav = join(dir, 'broken.wav');
    writeFileSync(wav, Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt '), Buffer.alloc(6)]));
    const r = rtbench(['run', '--audio', wav, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expectCleanError(r.stderr, new RegExp(`broken\\.wav: .+`));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a non-WAV file → exit 2 naming the file', () => {
    const dir = tmp();
    const txt = join(dir, 'notes.wav');
    writeFileSync(txt, 'hello, I am not audio\n');
    const r = rtbench(['run', '--audio', txt, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expectCleanError(r.stderr, /notes\.wav: not a WAV file/);
  });

  it('a missing WAV → exit 2 naming the file', () => {
    const r = rtbench(['run', '--audio', '/nonexistent/x.wav']);
    expect(r.code).toBe(2);
    expectCleanError(r.stderr, /\/nonexistent\/x\.wav: /);
  });

  it('invalid YAML → exit 2 with file:line:col', () => {
    const dir = tmp();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: bad\nturns:\n  - audio: [unclosed\n');
    const r = rtbench(['run', file, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expectCleanError(r.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+ `, 'm'));
  });

  it('validate accepts the bundled suite', () => {
    const r = rtbench(['validate', 'scenarios']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('schema prints a JSON Schema', () => {
    const r = rtbench(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).$schema).toMatch(/json-schema/);
  });

  it('fixtures annotate --json prints speech segments', () => {
    const r = rtbench(['fixtures', 'annotate', '--json', 'fixtures/what-time.wav']);
    expect(r.code).toBe(0);
    const [entry] = JSON.parse(r.stdout);
    expect(entry.file).toBe('fixtures/what-time.wav');
    expect(entry.speech[0].start_ms).toBeGreaterThanOrEqual(430);
    expect(entry.speech[0].start_ms).toBeLessThanOrEqual(470);
  });
});
