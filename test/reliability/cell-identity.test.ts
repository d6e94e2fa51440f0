/**
 * A cell is what was played and how. Truth: two quick runs of different WAVs share the name
 * `quick [mock gpt-realtime]` but not the audio; two runs of the same WAV (under another path) do.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, FIXTURES, tmp } from './helpers.js';

const dir = tmp();
const run = (wav: string, out: string, extra: string[] = []) =>
  cli(['run', '--audio', wav, '--clock', 'virtual', '--out', join(dir, out), '--reporter', 'json', '--quiet', ...extra]);

beforeAll(async () => {
  // The same bytes under another name: the same content.
  copyFileSync(join(FIXTURES, 'what-time.wav'), join(dir, 'copy.wav'));
  copyFileSync(join(FIXTURES, 'what-time.speech.json'), join(dir, 'copy.speech.json'));
  expect((await run(join(FIXTURES, 'what-time.wav'), 'a')).code).toBe(0);
  expect((await run(join(FIXTURES, 'weather.wav'), 'b')).code).toBe(0);
});

describe('cell identity in compare and --baseline', () => {
  it('every sample carries its content: the fixture by content hash', () => {
    const r = JSON.parse(readFileSync(join(dir, 'a', 'results.json'), 'utf8'));
    expect(r.samples[0].content.id).toMatch(/^[0-9a-f]{16}$/);
    expect(r.samples[0].content.parts['turn 0 audio']).toMatch(/^what-time\.wav sha256:[0-9a-f]{16}$/);
  });

  it('must fail: different WAVs under one name — compare and --baseline refuse (exit 2) naming the difference, nothing run', async () => {
    const cmp = await cli(['compare', join(dir, 'a'), join(dir, 'b')]);
    expect(cmp.code).toBe(2);
    expect(cmp.stderr).toMatch(
      /cells with the same name played different content, so they cannot be compared — quick \[mock gpt-realtime[-.\w]*\]: turn 0 audio: what-time\.wav sha256:\w+ \(run A\) ≠ weather\.wav sha256:\w+ \(run B\)/,
    );
    const gated = await run(join(FIXTURES, 'weather.wav'), 'c', ['--baseline', join(dir, 'a')]);
    expect(gated.code).toBe(2);
    expect(gated.stderr).toMatch(/what-time\.wav sha256:\w+ \(the baseline\) ≠ weather\.wav sha256:\w+ \(this run\)/);
    expect(gated.stderr).not.toContain('Run folder');
  });

  it('must pass: the same audio (another path) compares, and a passing gate says how many cells it judged', async () => {
    const gated = await run(join(dir, 'copy.wav'), 'd', ['--baseline', join(dir, 'a')]);
    expect(gated.code, gated.stderr).toBe(0);
    expect(gated.stderr).toContain('baseline: 1 cell judged, all within limits');
    const cmp = await cli(['compare', join(dir, 'a'), join(dir, 'd'), '--threshold', 'first_audio_ms.p50=+10%']);
    expect(cmp.code, cmp.stderr).toBe(0);
    expect(cmp.stderr).toContain('baseline: 1 cell judged, all within limits');
  });

  it('a run recorded without fingerprints (older rtbench) is matched by name, with a warning', async () => {
    const old = join(dir, 'old');
    const r = JSON.parse(readFileSync(join(dir, 'b', 'results.json'), 'utf8'));
    for (const s of r.samples) delete s.content;
    (await import('node:fs')).mkdirSync(old, { recursive: true });
    writeFileSync(join(old, 'results.json'), JSON.stringify(r));
    const cmp = await cli(['compare', old, join(dir, 'a')]);
    expect(cmp.code).toBe(0);
    expect(cmp.stderr).toContain('warning: run A carries no content fingerprints (recorded by an older rtbench): its cells are matched by name only');
  });
});
