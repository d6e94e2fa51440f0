/**
 * `rtbench merge <run folders…> --out DIR`: puts the shards of one plan (`rtbench run --shard i/n`,
 * run by a CI matrix or a Kubernetes Indexed Job) back together. Every statistic, expectation,
 * comparison and report is recomputed from the shards' raw samples and traces — percentiles are
 * never averaged — and the regression gate is the one `run` applies.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { cpus } from 'node:os';
import { evaluateExpectations } from '../metrics/expectations.js';
import { pacingSummary } from '../metrics/pacing.js';
import type { TraceChunk, TraceRecord } from '../metrics/trace.js';
import { appendGithubStepSummary, renderMarkdown, renderReports, type ReporterName } from '../report/index.js';
import type { RunResults, Sample } from '../results/types.js';
import { summarize } from '../stats/index.js';
import { Redactor } from '../util/redact.js';
import { VERSION } from '../version.js';
import { exitCodeOf, prepareGate, type GateOptions } from '../app/gate.js';
import { countFailedSessions } from '../app/run-control.js';
import { shardSessions } from '../app/shard.js';
import { readManifest, writeManifest, type RunManifest, type ShardInfo } from './manifest.js';
import { mergeLoad } from './merge-load.js';
import { RESULTS_FILE, RESULTS_SCHEMA, RUN_FILE, RUN_SCHEMA, SAMPLES_FILE, TRACES_FILE } from './names.js';
import { readResults, readSamples, readTraces, RunFolderError } from './read.js';
import { sessionIdOf } from './resume.js';
import { RunFolder } from './write.js';
import { RtbenchError } from '../errors.js';

/** Shards that do not make one whole plan (exit 2): another plan's shard, a missing or doubled one. */
export class MergeError extends RtbenchError<'MERGE_INVALID'> {
  static readonly codes = ['MERGE_INVALID'] as const;
  constructor(message: string) {
    super('MERGE_INVALID', message);
    this.name = 'MergeError';
  }
}

export interface MergeOptions extends GateOptions {
  /** The shards' run folders (any order). */
  dirs: string[];
  /** Where the merged run folder is written. */
  out: string;
  reporters?: ReporterName[];
  stdout?: Writable;
  color?: boolean;
  argv?: string[];
  /** Environment for `GITHUB_STEP_SUMMARY` (default `process.env`). */
  summaryEnv?: Record<string, string | undefined>;
}

export interface MergeResult {
  results: RunResults;
  outDir: string;
  /** Exit code (docs/errors.md), as `run` would return for the unsharded run. */
  exitCode: 0 | 1 | 3;
}

interface ShardRun {
  dir: string;
  manifest: RunManifest & { shard: ShardInfo };
  results: RunResults;
}

/**
 * Checks that the folders are exactly shards 1…n of one plan, then writes the merged run folder.
 * @throws {MergeError} mixed plans, a missing or duplicate shard, an unfinished shard (exit 2)
 * @throws {RunFolderError} a folder that is not a run folder (exit 2)
 */
export async function mergeRuns(opts: MergeOptions): Promise<MergeResult> {
  if (opts.dirs.length === 0) throw new MergeError("merge: name the shards' run folders");
  const shards = await Promise.all(opts.dirs.map((d) => readShard(resolve(d))));
  checkShards(shards);
  const gate = await prepareGate(opts);
  const info = shards[0].manifest.shard;
  const order = new Map(Object.keys(info.plan_sessions).map((id, i) => [id, i]));
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;

  const samples: Sample[] = [];
  const traces: TraceRecord[] = [];
  for (const s of shards) {
    samples.push(...(await readSamples(s.dir)));
    traces.push(...(await readTraces(s.dir)));
  }
  samples.sort((a, b) => rank(sessionIdOf(a)) - rank(sessionIdOf(b)) || a.turn - b.turn);
  // Each session's records stay in their recorded order; sessions in plan order (a stable sort).
  traces.sort((a, b) => rank(a.s) - rank(b.s));

  const first = shards[0];
  const seed = first.manifest.options.seed;
  const results: RunResults = {
    schema: RESULTS_SCHEMA,
    run: {
      version: VERSION,
      started_at: shards.map((s) => s.results.run.started_at).sort()[0],
      ended_at: shards
        .map((s) => s.results.run.ended_at)
        .sort()
        .at(-1)!,
      argv: opts.argv ?? [],
      node: process.version,
      cpus: cpus().length,
      clock: first.manifest.options.clock,
      seed,
      // Per process: the worst shard's.
      event_loop_delay_p99_ms: worst(shards.map((s) => s.results.run.event_loop_delay_p99_ms)),
      ...(shards.some((s) => s.results.run.stopped)
        ? {
            stopped: shards
              .map((s) => s.results.run.stopped)
              .filter(Boolean)
              .join('; '),
          }
        : {}),
    },
    pacing: pacingSummary(traces.filter((r): r is TraceChunk => r.k === 'chunk')),
    samples,
    summary: summarize(samples, { seed }),
    expectations: evaluateExpectations(info.plan_cells, samples),
  };
  const load = mergeLoad(
    shards.map((s) => ({ shard: `${s.manifest.shard.index}/${s.manifest.shard.count}`, load: s.results.load! })),
    traces,
  );
  if (load) results.load = load;
  const regressions = gate(results, seed);
  if (regressions) results.regressions = regressions;

  const outDir = resolve(opts.out);
  // Shards' files are already redacted; nothing new to hide here.
  const redactor = new Redactor([]);
  const folder = await RunFolder.create(outDir, redactor);
  await writeFile(join(outDir, SAMPLES_FILE), samples.map((s) => JSON.stringify(s) + '\n').join(''));
  await writeFile(join(outDir, TRACES_FILE), traces.map((r) => JSON.stringify(r) + '\n').join(''));
  const { shard: _shard, ...options } = first.manifest.options;
  const manifest: RunManifest = {
    schema: RUN_SCHEMA,
    started_at: results.run.started_at,
    argv: opts.argv ?? [],
    fingerprint: info.plan_fingerprint,
    sessions: info.plan_sessions,
    options,
    merged_from: shards
      .map((s) => ({ dir: s.dir, shard: `${s.manifest.shard.index}/${s.manifest.shard.count}` }))
      .sort((a, b) => parseInt(a.shard) - parseInt(b.shard)),
  };
  await writeManifest(outDir, manifest);
  await folder.writeResults(results);
  await renderReports(
    (opts.reporters ?? ['table']).filter((r) => r !== 'json'),
    {
      results,
      traces: folder.traces,
      outDir,
      stdout: opts.stdout ?? process.stdout,
      color: opts.color ?? false,
      regressions: results.regressions,
    },
  );
  await appendGithubStepSummary(renderMarkdown(results, { regressions: results.regressions }), opts.summaryEnv ?? process.env);
  const sessions = new Set(samples.map(sessionIdOf)).size;
  return { results, outDir, exitCode: exitCodeOf(results, sessions, countFailedSessions(samples)) };
}

async function readShard(dir: string): Promise<ShardRun> {
  const manifest = await readManifest(dir);
  if (!manifest.shard) throw new MergeError(`${dir}: not a shard (its ${RUN_FILE} has no shard; run it with --shard i/n)`);
  if (!existsSync(join(dir, RESULTS_FILE))) {
    throw new MergeError(
      `${dir}: shard ${manifest.shard.index}/${manifest.shard.count} did not finish (no ${RESULTS_FILE}); complete it with rtbench run --resume ${dir}`,
    );
  }
  const results = await readResults(dir).catch((err: Error) => {
    throw new RunFolderError(`${join(dir, RESULTS_FILE)}: not valid JSON (${err.message})`);
  });
  return { dir, manifest: manifest as ShardRun['manifest'], results: results! };
}

/** Throws a {@link MergeError} naming the folder or the shard number that is wrong. */
function checkShards(shards: ShardRun[]): void {
  const ref = shards[0];
  const { count, plan_fingerprint: plan } = ref.manifest.shard;
  for (const s of shards) {
    const sh = s.manifest.shard;
    if (sh.plan_fingerprint !== plan) {
      throw new MergeError(
        `${s.dir}: shard of another plan (fingerprint ${sh.plan_fingerprint.slice(0, 12)}…, ${ref.dir} has ${plan.slice(0, 12)}…): scenarios, fixtures or options differ`,
      );
    }
    if (sh.count !== count) throw new MergeError(`${s.dir}: shard ${sh.index}/${sh.count}, but ${ref.dir} is ${ref.manifest.shard.index}/${count}`);
  }
  const byIndex = new Map<number, string>();
  for (const s of shards) {
    const i = s.manifest.shard.index;
    const seen = byIndex.get(i);
    if (seen) throw new MergeError(`duplicate shard ${i}/${count}: ${seen} and ${s.dir}`);
    byIndex.set(i, s.dir);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !byIndex.has(i));
  if (missing.length)
    throw new MergeError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} of plan ${plan.slice(0, 12)}…`);
  // Each shard ran exactly its part of the plan (a shard from another rtbench split would not).
  const ids = Object.keys(ref.manifest.shard.plan_sessions).map((id) => ({ id }) as never);
  for (const s of shards) {
    const want = shardSessions(ids, s.manifest.shard)
      .map((x: { id: string }) => x.id)
      .sort();
    const got = Object.keys(s.manifest.sessions).sort();
    if (want.join('\n') !== got.join('\n'))
      throw new MergeError(`${s.dir}: shard ${s.manifest.shard.index}/${count} holds other sessions than its part of the plan`);
  }
}

function worst(values: Array<number | null | undefined>): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number');
  return xs.length ? Math.max(...xs) : null;
}
