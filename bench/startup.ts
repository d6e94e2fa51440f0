/**
 * The bench's start-up section: the installed `rtbench` bin (dist/cli/rtbench.js, what `npx rtbench`
 * runs) as a fresh process, against a bare `node -e 0` — `--help`, `--version`, `validate`, and a
 * whole `--clock virtual` run of the 60 s conversation (start-up, run, run folder and the default
 * reports). Commands are run in turns (bare, help, version, …, bare, help, …) so a busy neighbour
 * affects all of them alike; each figure is the median of the runs.
 *
 * Also runnable alone: `node dist/bench/startup.js [--runs 11]` (after `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { RealClock } from '../src/clock/real.js';

/** The package's bin (package.json "bin"), from dist/bench/. */
const BIN = fileURLToPath(new URL('../cli/rtbench.js', import.meta.url));
/** The unbundled entry (tsc's output): what the bin was before the bundle, for comparison. */
const UNBUNDLED_BIN = fileURLToPath(new URL('../src/cli/bin.js', import.meta.url));
const LONG_SCENARIO = fileURLToPath(new URL('../../bench/scenarios/long-60s.yaml', import.meta.url));

export interface StartupRow {
  command: string;
  /** Median wall time of a fresh process, ms. */
  wall_ms_p50: number;
  wall_ms_min: number;
  /** Median ÷ the bare `node -e 0` median. */
  times_bare_node: number | null;
  /** For the virtual run: conversation length ÷ median wall time (the whole process). */
  speedup: number | null;
  runs: number;
  /** Every run exited 0. */
  ok: boolean;
}

interface Probe {
  command: string;
  argv: (outDir: string, i: number) => string[];
  /** Extra environment of the process (e.g. the compile cache turned off). */
  env?: Record<string, string>;
  /** A run: its folder for round `i` (to read the conversation's length from). */
  runFolder?: (outDir: string, i: number) => string;
}

function probes(bin: string, label: string, env?: Record<string, string>): Probe[] {
  return [
    { command: `${label} --help`, argv: () => [bin, '--help'], env },
    { command: `${label} --version`, argv: () => [bin, '--version'], env },
    { command: `${label} validate long-60s.yaml`, argv: () => [bin, 'validate', LONG_SCENARIO], env },
    {
      command: `${label} run long-60s.yaml --clock virtual (default reporters)`,
      argv: (out, i) => [bin, 'run', LONG_SCENARIO, '--clock', 'virtual', '--quiet', '--out', join(out, `run-${i}`)],
      runFolder: (out, i) => join(out, `run-${i}`),
      env,
    },
  ];
}

/** Wall time of one fresh process, ms. */
function timeOnce(argv: string[], clock: RealClock, env: Record<string, string> = {}): { ms: number; ok: boolean } {
  const t0 = clock.now();
  const r = spawnSync(process.execPath, argv, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { ms: clock.now() - t0, ok: r.status === 0 };
}

/** Runs every probe `runs` times, in turns, and reports medians (and the unbundled entry's, with `compare`). */
export async function measureStartup(opts: {
  runs: number;
  compareUnbundled: boolean;
  otherBins?: Array<{ label: string; bin: string }>;
  compileCacheOff?: boolean;
}): Promise<StartupRow[]> {
  const clock = new RealClock();
  const others = [...(opts.compareUnbundled ? [{ label: 'unbundled dist/src/cli/bin.js', bin: UNBUNDLED_BIN }] : []), ...(opts.otherBins ?? [])];
  // Node ≥ 22: the bin turns on the module compile cache; these rows are the same bin with it off.
  const cacheOff = opts.compileCacheOff ? probes(BIN, 'rtbench, compile cache off', { NODE_DISABLE_COMPILE_CACHE: '1' }) : [];
  const all: Probe[] = [
    { command: 'node -e 0 (bare node)', argv: () => ['-e', '0'] },
    ...probes(BIN, 'rtbench'),
    ...cacheOff,
    ...others.flatMap((o) => probes(o.bin, o.label)),
  ];
  const times = all.map(() => [] as number[]);
  const oks = all.map(() => true);
  const conversationMs = all.map(() => null as number | null);
  const out = await mkdtemp(join(tmpdir(), 'rtbench-bench-startup-'));
  try {
    // One warm-up round (file cache), not counted; a run's length of conversation is read from it.
    for (const [j, p] of all.entries()) {
      timeOnce(p.argv(out, -1 - j), clock, p.env);
      if (p.runFolder) conversationMs[j] = await inputAudioMs(p.runFolder(out, -1 - j));
    }
    for (let i = 0; i < opts.runs; i++) {
      all.forEach((p, j) => {
        const r = timeOnce(p.argv(out, i * all.length + j), clock, p.env);
        times[j].push(r.ms);
        oks[j] &&= r.ok;
      });
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
  const bare = med(times[0]);
  return all.map((p, j) => {
    const m = med(times[j]);
    return {
      command: p.command,
      wall_ms_p50: round(m),
      wall_ms_min: round(Math.min(...times[j])),
      times_bare_node: j === 0 ? null : round(m / bare, 2),
      speedup: conversationMs[j] ? round(conversationMs[j]! / m) : null,
      runs: times[j].length,
      ok: oks[j],
    };
  });
}

export function startupTable(rows: readonly StartupRow[]): string {
  const t = new Table({
    head: ['command (fresh process)', 'wall p50', 'wall min', '× bare node', 'speed-up (60 s)', 'runs', 'exit 0'],
    style: { head: [], border: [] },
  });
  for (const r of rows)
    t.push([
      r.command,
      `${r.wall_ms_p50} ms`,
      `${r.wall_ms_min} ms`,
      r.times_bare_node === null ? '—' : `${r.times_bare_node}×`,
      r.speedup === null ? '—' : `${r.speedup}×`,
      String(r.runs),
      r.ok ? 'yes' : 'NO',
    ]);
  return `Start-up: the installed bin as users run it (median of ${rows[0]?.runs ?? '?'} runs each, in turns)\n${t.toString()}`;
}

/** Microphone audio a run streamed: its chunks × the chunk length (results.json), ms. */
async function inputAudioMs(runFolder: string): Promise<number> {
  const results = JSON.parse(await readFile(join(runFolder, 'results.json'), 'utf8')) as { pacing: { chunks: number }; samples: Array<{ ok: boolean }> };
  if (!results.samples.length || results.samples.some((s) => !s.ok)) throw new Error(`${runFolder}: the virtual run failed`);
  return results.pacing.chunks * CHUNK_MS;
}

/** The scenario's chunk length (the default; long-60s.yaml sets none). */
const CHUNK_MS = 20;

function round(v: number, digits = 0): number {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}

// `node dist/bench/startup.js [--runs N] [--compare] [--compile-cache-off] [--other LABEL=PATH/TO/bin.js …]` (e.g. another checkout's build)
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--runs');
  const runs = at > 0 ? Number(process.argv[at + 1]) : 11;
  const otherBins = process.argv
    .flatMap((a, i) => (a === '--other' ? [process.argv[i + 1]] : []))
    .map((x) => ({ label: x.slice(0, x.indexOf('=')), bin: x.slice(x.indexOf('=') + 1) }));
  measureStartup({ runs, compareUnbundled: process.argv.includes('--compare'), otherBins, compileCacheOff: process.argv.includes('--compile-cache-off') }).then(
    (rows) => process.stdout.write(`${startupTable(rows)}\n`),
    (err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exitCode = 1;
    },
  );
}
