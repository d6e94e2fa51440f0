/**
 * `npm run bench`: rtbench's performance claims, measured on this machine. Prints tables and writes
 * `reports/bench/<section>.json`, `reports/bench/latest.json` (everything) and
 * `reports/bench/latest.md` (the headline table in Markdown). See bench/README-section.md.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import nodeModule from 'node:module';
import { cpus, getPriority, setPriority, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseBenchArgs, type BenchArgs } from './args.js';
import { benchAudio, type AudioRow } from './audio.js';
import { waitForQuiet } from './host-load.js';
import { fidelityOf, type FidelityRow } from './fidelity.js';
import {
  INJECTED_FIRST_AUDIO_MS,
  loadSessionMs,
  makeWorkDir,
  naiveAudio,
  nextProbe,
  runHarnessAt,
  runNaiveAt,
  writeLoadScenario,
  type HarnessRun,
  type LoadRow,
} from './load.js';
import { benchMicro, type MicroResult } from './micro.js';
import { benchCommands, commandsTable, type CommandRow } from './commands.js';
import { audioTable, fidelityTable, microTable, pacingMarkdown, pacingTable, resourceTable, virtualTable } from './tables.js';
import { measureVirtualSpeedup, type VirtualRow } from './virtual.js';
import { measureStartup, startupTable, type StartupRow } from './startup.js';

interface LoadSection {
  duration_ms: number;
  ramp_ms: number;
  lag_p99_limit_ms: number;
  rows: LoadRow[];
  /** Extra rtbench runs between or beyond the grid, looking for the largest N that holds. */
  probes: LoadRow[];
  fidelity: FidelityRow[];
  /** The largest N (grid and probes) whose run held send-lag p99 ≤ limit with zero frames lost. */
  largest_n_holding: number | null;
}

interface BenchReport {
  schema: 'rtbench.bench/v1';
  started_at: string;
  ended_at: string;
  machine: { cpus: number; cpu_model: string; memory_gb: number; node: string; platform: string; priority: number };
  args: BenchArgs;
  startup?: StartupRow[];
  virtual?: VirtualRow;
  micro?: MicroResult;
  audio?: AudioRow[];
  load?: LoadSection;
  commands?: CommandRow[];
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  await mkdir(args.outDir, { recursive: true });
  if (args.nice !== 0) {
    try {
      setPriority(args.nice); // the mock processes started later inherit it
    } catch (err) {
      log(`--nice ${args.nice}: ${(err as Error).message}; running at priority ${getPriority()}`);
    }
  }
  const report: BenchReport = {
    schema: 'rtbench.bench/v1',
    started_at: new Date().toISOString(),
    ended_at: '',
    machine: {
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model ?? 'unknown',
      memory_gb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      priority: getPriority(),
    },
    args,
  };
  const save = (name: string, value: unknown) =>
    writeFile(join(args.outDir, `${name}.json`), JSON.stringify({ ...meta(report), [name]: value }, null, 2) + '\n');
  const print = (text: string) => process.stdout.write(`\n${text}\n`);

  for (const section of args.sections) {
    if (section === 'startup') {
      log('[startup] the rtbench bin as a fresh process vs bare node (--help, --version, validate, a 60 s virtual run)');
      // Where Node has a module compile cache (≥ 22.1), also the bin with it turned off.
      report.startup = await measureStartup({
        runs: args.quick ? 5 : 11,
        compareUnbundled: !args.quick,
        compileCacheOff: !args.quick && 'enableCompileCache' in nodeModule,
      });
      print(startupTable(report.startup));
      await save('startup', report.startup);
    } else if (section === 'virtual') {
      log('[virtual] 60 s conversation under --clock virtual');
      report.virtual = await measureVirtualSpeedup(args.quick ? 3 : 6);
      print(virtualTable(report.virtual));
      await save('virtual', report.virtual);
    } else if (section === 'micro') {
      log('[micro] append frame: concatenation vs JSON.stringify');
      report.micro = await benchMicro({ timeMs: args.quick ? 200 : 1000 });
      print(microTable(report.micro));
      await save('micro', report.micro);
    } else if (section === 'audio') {
      log('[audio] conversion throughput vs wavefile');
      report.audio = await benchAudio({ durationMs: args.quick ? 5000 : 10_000, timeMs: args.quick ? 300 : 1000 });
      print(audioTable(report.audio));
      await save('audio', report.audio);
    } else if (section === 'commands') {
      const work = await makeWorkDir();
      try {
        report.commands = await benchCommands({ sessions: args.commandSessions, workDir: work, naive: args.naive, log });
      } finally {
        await rm(work, { recursive: true, force: true });
      }
      print(commandsTable(report.commands));
      await save('commands', report.commands);
    } else if (section === 'load') {
      report.load = await runLoadSection(args);
      print(pacingTable([...report.load.rows, ...report.load.probes]));
      print(resourceTable([...report.load.rows, ...report.load.probes]));
      if (report.load.fidelity.length) print(fidelityTable(report.load.fidelity));
      print(`Largest N holding send-lag p99 ≤ ${args.lagP99LimitMs} ms with zero frames lost: ${report.load.largest_n_holding ?? 'none'}`);
      await save('load', report.load);
      await writeFile(join(args.outDir, 'latest.md'), pacingMarkdown([...report.load.rows, ...report.load.probes]) + '\n');
    }
  }
  report.ended_at = new Date().toISOString();
  await writeFile(join(args.outDir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  log(`\nwrote ${args.outDir}/{${args.sections.join(',')},latest}.json`);
}

async function runLoadSection(args: BenchArgs): Promise<LoadSection> {
  const work = await makeWorkDir();
  const sessionMs = loadSessionMs(args.durationMs);
  const cfg = { durationMs: sessionMs, rampMs: args.rampMs, lagP99LimitMs: args.lagP99LimitMs, workDir: work };
  const section: LoadSection = {
    duration_ms: sessionMs,
    ramp_ms: args.rampMs,
    lag_p99_limit_ms: args.lagP99LimitMs,
    rows: [],
    probes: [],
    fidelity: [],
    largest_n_holding: null,
  };
  try {
    const scenario = await writeLoadScenario(work, args.durationMs);
    const audio = await naiveAudio();
    const fidelityAt = fidelityPoints(args.sessions);
    const harness = async (n: number, into: LoadRow[]) => {
      log(`[load] rtbench  N=${n} (${(sessionMs / 1000).toFixed(1)} s sessions, mock in its own process)`);
      const runs: HarnessRun[] = [];
      for (let i = 0; i < args.repeat; i++)
        runs.push(
          await quieter(
            () => runHarnessAt(n, scenario, cfg),
            (r) => r.row,
          ),
        );
      // The median run by send-lag p99 stands for N; every run's p99 is kept with it.
      const ranked = [...runs].sort((a, b) => (a.row.lag_p99_ms ?? Infinity) - (b.row.lag_p99_ms ?? Infinity));
      const run = ranked[Math.floor(ranked.length / 2)]; // the upper median when even: the stricter
      if (runs.length > 1) run.row.lag_p99_runs_ms = runs.map((r) => r.row.lag_p99_ms);
      into.push(run.row);
      if (fidelityAt.includes(n))
        section.fidelity.push(
          fidelityOf(
            n,
            run.samples.filter((s) => s.ok),
            INJECTED_FIRST_AUDIO_MS,
          ),
        );
      return run.row;
    };
    for (const n of args.sessions) {
      await harness(n, section.rows);
      if (args.naive) {
        log(`[load] naive    N=${n}`);
        section.rows.push(
          await quieter(
            () => runNaiveAt(n, audio, cfg),
            (r) => r,
          ),
        );
      }
    }
    if (args.search) {
      for (let i = 0; i < 3; i++) {
        const tried = [...section.rows, ...section.probes].filter((r) => r.client === 'rtbench');
        const n = nextProbe(tried, { step: 25, ceiling: 1600 });
        if (n === null) break;
        await harness(n, section.probes);
      }
    }
    const held = [...section.rows, ...section.probes].filter((r) => r.client === 'rtbench' && r.holds).map((r) => r.sessions);
    section.largest_n_holding = held.length ? Math.max(...held) : null;
    return section;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Other processes' CPU (% of one core) above which a run that failed is repeated. */
const DISTURBED_PCT = 15;

/**
 * Runs a measurement; when it failed while other processes were busy (a compile on the same two
 * cores), runs it once more and keeps the run that was less disturbed — whichever its outcome.
 */
async function quieter<T>(measure: () => Promise<T>, rowOf: (r: T) => LoadRow): Promise<T> {
  const report = (row: LoadRow) =>
    log(`         lag p99 ${row.lag_p99_ms} ms, lost ${row.frames_lost}, CPU ${row.cpu_pct} %, other processes ${row.host_other_pct ?? '?'} %`);
  await waitForQuiet({ maxBusyPct: 15, timeoutMs: 10_000 });
  const first = await measure();
  report(rowOf(first));
  await settle();
  const r1 = rowOf(first);
  if (r1.holds || r1.host_other_pct === null || r1.host_other_pct <= DISTURBED_PCT) return first;
  log(`         disturbed by other processes: measuring again`);
  await waitForQuiet({ maxBusyPct: 15, timeoutMs: 15_000 });
  const second = await measure();
  report(rowOf(second));
  await settle();
  const keep = (rowOf(second).host_other_pct ?? Infinity) < r1.host_other_pct ? second : first;
  rowOf(keep).attempts = 2;
  return keep;
}

/** Fidelity is reported at 1 and 100 sessions (or the grid points nearest to them). */
function fidelityPoints(grid: number[]): number[] {
  const nearest = (target: number) => grid.reduce((best, n) => (Math.abs(n - target) < Math.abs(best - target) ? n : best), grid[0]);
  return [...new Set([nearest(1), nearest(100)])];
}

/** Lets the previous run's sockets close and its garbage be collected before the next one. */
async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 500));
}

function meta(r: BenchReport) {
  return { schema: r.schema, started_at: r.started_at, machine: r.machine, args: r.args };
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
  process.exitCode = 1;
});
