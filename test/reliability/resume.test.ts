/**
 * `rtbench run --resume <run folder>`: run.json records the plan's fingerprint at the start; a
 * resume runs only the sessions without a complete set of samples, refuses (exit 2) when the
 * scenarios or fixtures changed, and leaves no session counted twice. Virtual clock, in-process CLI.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, FIXTURES, readJson, readJsonl, scenario, STACK_LINE, tmp } from './helpers.js';

function suite(dir: string): string {
  const sc = join(dir, 'scenarios');
  scenario(
    sc,
    'two-turns',
    `name: two-turns\nsession:\n  turn_detection: { type: server_vad, silence_duration_ms: 300 }\nrepeat: 3\nturns:\n  - audio: ${join(FIXTURES, 'what-time.wav')}\n  - audio: ${join(FIXTURES, 'weather.wav')}\n    expect: { response: audio }\n`,
  );
  return sc;
}

describe('--resume', () => {
  it('runs only the missing sessions (a partial session runs again), nothing counted twice', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const sc = suite(dir);
    expect((await cli(['run', sc, '--clock', 'virtual', '--out', out, '--reporter', 'json', '--quiet'])).code).toBe(0);
    const complete = readJsonl<{ id: string }>(join(out, 'samples.jsonl'));
    expect(complete).toHaveLength(6);
    // As after kill -9 during session r2: r1 whole, r2 only its first turn, a torn line; no results.json.
    const lines = readFileSync(join(out, 'samples.jsonl'), 'utf8').split('\n');
    writeFileSync(join(out, 'samples.jsonl'), lines.slice(0, 3).join('\n') + '\n{"id":"two-tu');
    writeFileSync(join(out, 'results.json'), '');

    const r = await cli(['run', '--resume', out, '--reporter', 'json,md', '--quiet']);
    expect(r.stderr).toContain('1 of 3 sessions already measured, 2 to run');
    expect(r.code).toBe(0);
    const samples = readJsonl<{ id: string }>(join(out, 'samples.jsonl'));
    expect(samples.map((s) => s.id).sort()).toEqual(complete.map((s) => s.id).sort());
    const results = readJson(join(out, 'results.json'));
    expect(results.samples.map((s: { id: string }) => s.id)).toEqual(complete.map((s) => s.id));
    // Traces: one meta per session, the partial r2 attempt dropped.
    const metas = readJsonl<{ k: string; s: string }>(join(out, 'traces.jsonl'))
      .filter((t) => t.k === 'meta')
      .map((t) => t.s);
    expect(metas.sort()).toEqual(['two-turns#mock/gpt-realtime-2.1#r1', 'two-turns#mock/gpt-realtime-2.1#r2', 'two-turns#mock/gpt-realtime-2.1#r3']);
    expect(readJson(join(out, 'run.json')).resumed_at).toHaveLength(1);
  });

  it('refuses (exit 2, one line naming run.json) when a scenario changed', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const sc = suite(dir);
    await cli(['run', sc, '--clock', 'virtual', '--out', out, '--reporter', 'json', '--quiet']);
    const file = join(sc, 'two-turns.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('silence_duration_ms: 300', 'silence_duration_ms: 400'));
    const r = await cli(['run', '--resume', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^${join(out, 'run.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot resume — the scenarios or fixtures changed since this run started: 3 changed \\(two-turns#mock/gpt-realtime-2\\.1#r1, `,
      ),
    );
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('refuses when a fixture was re-recorded (same path, other bytes)', async () => {
    const dir = tmp();
    const wav = join(dir, 'q.wav');
    copyFileSync(join(FIXTURES, 'what-time.wav'), wav);
    const out = join(dir, 'out');
    await cli(['run', '--audio', wav, '--clock', 'virtual', '--out', out, '--reporter', 'json', '--quiet']);
    copyFileSync(join(FIXTURES, 'weather.wav'), wav);
    const r = await cli(['run', '--resume', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot resume — the scenarios or fixtures changed since this run started: 1 changed/);
  });

  it('refuses plan flags next to --resume, and folders that are not resumable runs', async () => {
    const dir = tmp();
    const r1 = await cli(['run', '--resume', dir, '--target', 'mock', '--repeat', '3']);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/--resume takes the plan from the run folder's run\.json: drop --target, --repeat/);
    const r2 = await cli(['run', '--resume', dir]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/run\.json: missing — only runs started by this rtbench version can be resumed/);
    writeFileSync(join(dir, 'run.json'), '{ nope');
    const r3 = await cli(['run', '--resume', dir]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/run\.json:1:1 not valid JSON/);
  });
});
