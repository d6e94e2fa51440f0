/**
 * Nothing lost: the built CLI is started as a child process and stopped mid-run. SIGINT/SIGTERM
 * stop gracefully (exit 130/143, results.json and reports for the sessions that finished, the one
 * in flight left out); after `kill -9`, `rtbench report` rebuilds from samples.jsonl; and
 * `rtbench run --resume` completes only what is missing, into the same folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, readJson, readJsonl, scenario, STACK_LINE, tmp, toneWav } from './helpers.js';

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does it)`);
});

const ENV = { ...process.env, NO_COLOR: '1', CI: 'true' };

/** Starts `rtbench run …`, sends `signal` once `afterDone` sessions have finished; resolves on exit. */
function runAndKill(args: string[], afterDone: number, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [BIN, 'run', ...args], { env: ENV });
  let stderr = '';
  let stdout = '';
  let sent = false;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    const m = [...stderr.matchAll(/^\[(\d+)\/\d+\]/gm)];
    if (!sent && m.length && Number(m[m.length - 1][1]) >= afterDone) {
      sent = true;
      // Mid-session: the next one has started streaming.
      setTimeout(() => child.kill(signal), 300);
    }
  });
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((resolve) =>
    child.on('exit', (code, sig) => resolve({ code, signal: sig, stderr, stdout })),
  );
}

function rtbench(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: ENV, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const baseArgs = (dir: string, repeat: number) => [
  '--audio',
  toneWav(dir),
  '--repeat',
  String(repeat),
  '--first-audio-ms',
  '100',
  '--jitter-ms',
  '0',
  '--out',
  join(dir, 'out'),
  '--reporter',
  'table,json,md,csv',
];

describe('stopping a run', () => {
  it('SIGINT: exit 130, reports for the finished sessions, the interrupted one left out; --resume completes the rest', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const r = await runAndKill(baseArgs(dir, 5), 2, 'SIGINT');
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain('rtbench: stopping');
    expect(r.stderr).toContain(`resume: rtbench run --resume ${out}`);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const results = readJson(join(out, 'results.json'));
    expect(results.run.stopped).toBe('interrupted');
    const done = results.samples.length;
    expect(done).toBeGreaterThanOrEqual(2);
    expect(done).toBeLessThan(5);
    // Only whole sessions: nothing "aborted" was recorded (resume will run it again).
    expect(results.samples.every((s: { ok: boolean }) => s.ok)).toBe(true);
    expect(readJsonl(join(out, 'samples.jsonl'))).toHaveLength(done);
    for (const f of ['report.md', 'results.csv', 'run.json']) expect(existsSync(join(out, f)), f).toBe(true);

    const resumed = rtbench(['run', '--resume', out, '--reporter', 'json,md', '--quiet']);
    expect(resumed.stderr).toContain(`resuming ${out}: ${done} of 5 sessions already measured, ${5 - done} to run`);
    expect(resumed.code).toBe(0);
    const full = readJson(join(out, 'results.json'));
    expect(full.samples).toHaveLength(5);
    expect(new Set(full.samples.map((s: { id: string }) => s.id)).size).toBe(5);
    expect(full.run.resumed_sessions).toBe(done);
    expect(readJsonl(join(out, 'samples.jsonl'))).toHaveLength(5);
    const metas = readJsonl<{ k: string; s: string }>(join(out, 'traces.jsonl')).filter((t) => t.k === 'meta');
    expect(metas).toHaveLength(5);
  });

  it('SIGINT mid-matrix at --concurrency 2: nothing judged on 0 samples, no negative count, the console says what finished, what was discarded and how to resume; --resume keeps the concurrency', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    // Four cells (2 models × 2 silences) × 2 repeats = 8 sessions; stopped after the first finished,
    // while two more are streaming: most cells have no finished session.
    const file = scenario(
      dir,
      'matrix',
      `name: matrix\nsession:\n  turn_detection: { type: server_vad, threshold: 0.5, prefix_padding_ms: 300 }\nturns:\n  - audio: ${toneWav(dir, 'tone.wav', { speechMs: 1500 })}\n    expect: { response: audio, first_audio_ms: "< 5000" }\nmatrix:\n  model: [gpt-realtime, gpt-realtime-mini]\n  silence_duration_ms: [300, 500]\nrepeat: 2\nexpect:\n  first_audio_ms: { p95: "< 5000" }\n`,
    );
    const r = await runAndKill(
      [file, '--concurrency', '2', '--first-audio-ms', '100', '--jitter-ms', '0', '--out', out, '--reporter', 'table,json'],
      1,
      'SIGINT',
    );
    expect(r.code, r.stderr).toBe(130);
    const all = r.stdout + r.stderr;
    // Must fail before the fix: cells with no finished session were judged ("got audio (0/0 samples)").
    expect(all).not.toMatch(/0\/0 samples|got not measured|no samples/);
    expect(all).not.toMatch(/frames lost -\d/);
    expect(all).toMatch(/frames lost (\d+|— \(\d+ session\(s\) cut short\))/);
    const results = readJson(join(out, 'results.json'));
    const finished = new Set(results.samples.map((s: { id: string }) => s.id)).size;
    const discarded = results.run.discarded_sessions ?? 0;
    expect(discarded).toBeGreaterThanOrEqual(1);
    expect(all).toContain(`rtbench: stopped (interrupted by SIGINT): ${finished} of 8 sessions finished — their results are in the reports`);
    expect(all).toMatch(new RegExp(`discarded: ${discarded} sessions? cut short \\(nothing of them is kept; resume runs them again\\)`));
    expect(all).toContain(`not started: ${8 - finished - discarded} session`);
    expect(all).toContain(`resume: rtbench run --resume ${out}`);
    // Judged: only the cells that finished a session, and those pass.
    const cells = new Set(results.samples.map((s: { model: string; settings: Record<string, unknown> }) => `${s.model} ${JSON.stringify(s.settings)}`));
    expect(cells.size).toBeLessThan(4);
    expect(results.expectations.length).toBeGreaterThan(0);
    expect(results.expectations.every((e: { ok: boolean }) => e.ok)).toBe(true);
    expect(results.run.unjudged_expectations).toBe((4 - cells.size) * 3);
    expect(readJson(join(out, 'run.json')).options.run.concurrency).toBe(2);

    // --resume runs at the run's own --concurrency (2), not the default 1.
    const resumed = rtbench(['run', '--resume', out, '--reporter', 'json', '--quiet']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('(concurrency 2, as the run began)');
    const full = readJson(join(out, 'results.json'));
    expect(full.samples).toHaveLength(8);
    expect(full.load.concurrency).toBe(2);
    // Now every cell is judged, and none on 0 samples.
    expect(full.expectations).toHaveLength(12);
    expect(full.run.unjudged_expectations).toBeUndefined();
  });

  it('SIGTERM: exit 143, same graceful stop', async () => {
    const dir = tmp();
    const r = await runAndKill(baseArgs(dir, 4), 1, 'SIGTERM');
    expect(r.code, r.stderr).toBe(143);
    const results = readJson(join(dir, 'out', 'results.json'));
    expect(results.samples.length).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(dir, 'out', 'report.md'))).toBe(true);
  });

  it('kill -9: `rtbench report` rebuilds from samples.jsonl, `--resume` completes the run', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const r = await runAndKill(baseArgs(dir, 4), 1, 'SIGKILL');
    expect(r.signal, r.stderr).toBe('SIGKILL');
    expect(existsSync(join(out, 'results.json'))).toBe(false);
    const measured = readJsonl(join(out, 'samples.jsonl')).length;
    expect(measured).toBeGreaterThanOrEqual(1);

    const rep = rtbench(['report', out, '--reporter', 'md,csv']);
    expect(rep.code).toBe(0);
    expect(rep.stderr).toMatch(/has no results\.json .*rebuilt from samples\.jsonl/);
    expect(existsSync(join(out, 'report.md'))).toBe(true);

    // A torn last line, as a kill during an append leaves it.
    writeFileSync(join(out, 'samples.jsonl'), '{"id":"torn', { flag: 'a' });
    const resumed = rtbench(['run', '--resume', out, '--reporter', 'json', '--quiet']);
    expect(resumed.code).toBe(0);
    const full = readJson(join(out, 'results.json'));
    expect(full.samples).toHaveLength(4);
    expect(full.samples.every((s: { ok: boolean }) => s.ok)).toBe(true);
  });
});
