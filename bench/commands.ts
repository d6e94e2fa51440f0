/**
 * The bench's "what users run" section: the `rtbench run` command itself, as a child process (start-up,
 * the bundled mock, reports and all), in the variants a user picks — the default (mock in its own
 * thread), the mock on the harness's event loop (`--mock-in main`, the old default), a separate
 * `rtbench mock` process, `--workers 1/2` — beside the naive client and the floor (bench/floor.ts:
 * the same traffic between a bare ws client and a bare ws server thread), on one ≈ 6.2 s
 * real-speech clip, no ramp.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { concatPcm, encodeWavPcm16, loadAudio } from '../src/audio/index.js';
import type { RunResults } from '../src/report/types.js';
import { startMockProcess } from './mock-process.js';
import type { FloorResult } from './floor.js';
import { runNaiveAt, type LoadRow } from './load.js';

const BIN = fileURLToPath(new URL('../cli/rtbench.js', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor.js', import.meta.url));
/** Length of the clip, as in the measurements. */
const CLIP_MS = 6200;

export interface CommandRow {
  command: string;
  sessions: number;
  lag_p50_ms: number | null;
  lag_p99_ms: number | null;
  lag_max_ms: number | null;
  cpu_pct: number | null;
  rss_peak_mb: number | null;
  frames_lost: number | null;
  failed_sessions: number | null;
  /** The child process's whole wall time (start-up and reports included), s. */
  wall_s: number;
  exit_code: number | null;
}

/** A ≈ 6.2 s real-speech clip from the fixtures (three recorded questions back to back). */
export async function writeSpeechClip(dir: string): Promise<string> {
  const parts = await Promise.all(
    ['what-time', 'weather', 'stop'].map(
      async (f) => (await loadAudio(fileURLToPath(new URL(`../../fixtures/${f}.wav`, import.meta.url)), { sampleRate: 24000, cacheDir: false })).pcm,
    ),
  );
  const pcm = concatPcm(...parts).subarray(0, (24000 * CLIP_MS) / 1000);
  const file = join(dir, 'clip-6s.wav');
  await writeFile(file, encodeWavPcm16(pcm, 24000));
  return file;
}

interface Variant {
  label: string;
  args: string[];
  separateMock?: boolean;
}

const VARIANTS: Variant[] = [
  { label: 'rtbench run (default: mock in its own thread)', args: [] },
  { label: 'rtbench run --mock-in main (mock on the harness loop)', args: ['--mock-in', 'main'] },
  { label: 'rtbench run --mock-url (rtbench mock, other process)', args: [], separateMock: true },
  { label: 'rtbench run --workers 1', args: ['--workers', '1'] },
  { label: 'rtbench run --workers 2', args: ['--workers', '2'] },
];

function runCli(args: string[]): Promise<{ code: number | null; wallS: number }> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
    p.on('exit', (code) => resolve({ code, wallS: Number(process.hrtime.bigint() - started) / 1e9 }));
  });
}

/** The floor client (bench/floor.ts) as its own process: same traffic, no rtbench code. */
function runFloor(sessions: number, answers: boolean): Promise<FloorResult | null> {
  return new Promise((resolve) => {
    let out = '';
    const p = spawn(process.execPath, [FLOOR, String(sessions), answers ? 'answers' : 'silent', String(CLIP_MS)], { stdio: ['ignore', 'pipe', 'ignore'] });
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.on('exit', () => {
      try {
        resolve(JSON.parse(out) as FloorResult);
      } catch {
        resolve(null);
      }
    });
  });
}

/** Runs every variant at each N (and the naive client and the floor), one at a time. */
export async function benchCommands(opts: { sessions: number[]; workDir: string; naive: boolean; log: (line: string) => void }): Promise<CommandRow[]> {
  const clip = await writeSpeechClip(opts.workDir);
  const rows: CommandRow[] = [];
  for (const n of opts.sessions) {
    for (const v of VARIANTS) {
      const out = join(opts.workDir, `cmd-${n}-${rows.length}`);
      const mock = v.separateMock ? await startMockProcess(300) : null;
      try {
        opts.log(`[commands] N=${n} ${v.label}`);
        const base = [
          'run',
          '--audio',
          clip,
          '--concurrency',
          String(n),
          '--repeat',
          String(n),
          '--out',
          out,
          '--reporter',
          'json',
          '--quiet',
          '--first-audio-ms',
          '300',
          '--jitter-ms',
          '0',
        ];
        const { code, wallS } = await runCli([...base, ...v.args, ...(mock ? ['--mock-url', mock.url] : [])]);
        rows.push(rowOf(v.label, n, code, wallS, await readResults(out)));
      } finally {
        await mock?.stop();
      }
    }
    if (opts.naive) {
      opts.log(`[commands] N=${n} naive client`);
      const pcm = (await loadAudio(clip, { sampleRate: 24000, cacheDir: false })).pcm;
      const audio = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
      const r: LoadRow = await runNaiveAt(n, audio, { durationMs: CLIP_MS, rampMs: 0, lagP99LimitMs: 5, workDir: opts.workDir });
      rows.push({
        command: 'naive client (rtbench mock, other process)',
        sessions: n,
        lag_p50_ms: r.lag_p50_ms,
        lag_p99_ms: r.lag_p99_ms,
        lag_max_ms: r.lag_max_ms,
        cpu_pct: r.cpu_pct,
        rss_peak_mb: r.rss_peak_mb,
        frames_lost: r.frames_lost,
        failed_sessions: r.failed_sessions,
        wall_s: NaN,
        exit_code: null,
      });
    }
    for (const answers of [true, false]) {
      const label = answers ? 'floor: bare ws client + bare ws server thread, same traffic' : 'floor, server never answers (send path alone)';
      opts.log(`[commands] N=${n} ${label}`);
      const f = await runFloor(n, answers);
      rows.push({
        command: label,
        sessions: n,
        lag_p50_ms: f?.lag_p50_ms ?? null,
        lag_p99_ms: f?.lag_p99_ms ?? null,
        lag_max_ms: f?.lag_max_ms ?? null,
        cpu_pct: f?.cpu_pct ?? null,
        rss_peak_mb: null,
        frames_lost: null,
        failed_sessions: null,
        wall_s: NaN,
        exit_code: null,
      });
    }
  }
  return rows;
}

async function readResults(dir: string): Promise<RunResults | null> {
  try {
    return JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as RunResults;
  } catch {
    return null;
  }
}

function rowOf(command: string, sessions: number, code: number | null, wallS: number, r: RunResults | null): CommandRow {
  const load = r?.load;
  const pacing = load?.pacing ?? r?.pacing;
  return {
    command,
    sessions,
    lag_p50_ms: pacing?.lag_p50_ms ?? null,
    lag_p99_ms: pacing?.lag_p99_ms ?? null,
    lag_max_ms: pacing?.lag_max_ms ?? null,
    cpu_pct: load?.cpu?.pct ?? null,
    rss_peak_mb: load?.rss?.peak_mb ?? null,
    frames_lost: load?.frames.lost ?? null,
    failed_sessions: load?.failed_sessions ?? null,
    wall_s: Math.round(wallS * 10) / 10,
    exit_code: code,
  };
}

/** The table of the issue: send lag (p50/p99/max), CPU, RSS, frames lost, per command and N. */
export function commandsTable(rows: CommandRow[]): string {
  const t = new Table({ head: ['command', 'N', 'lag p50', 'lag p99', 'lag max', 'CPU %', 'RSS MB', 'lost', 'failed', 'wall s'] });
  const f = (v: number | null) => (v === null || Number.isNaN(v) ? '–' : String(Math.round(v * 10) / 10));
  for (const r of rows)
    t.push([
      r.command,
      r.sessions,
      f(r.lag_p50_ms),
      f(r.lag_p99_ms),
      f(r.lag_max_ms),
      f(r.cpu_pct),
      f(r.rss_peak_mb),
      f(r.frames_lost),
      f(r.failed_sessions),
      f(r.wall_s),
    ]);
  return `What users run (${CLIP_MS / 1000} s real-speech clip, no ramp; send lag in ms)\n${t.toString()}`;
}
