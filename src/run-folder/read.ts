import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { pacingSummary } from '../metrics/pacing.js';
import type { TraceChunk, TraceRecord } from '../metrics/trace.js';
import type { RunResults, Sample } from '../results/types.js';
import { typedFacts } from '../results/sample.js';
import { RESULTS_FILE, RESULTS_SCHEMA, SAMPLES_FILE, TRACES_FILE } from './names.js';
import { summarize } from '../stats/index.js';
import { RtbenchError } from '../errors.js';

/** A run folder or results file that cannot be read (exit 2). */
export class RunFolderError extends RtbenchError<'RUN_FOLDER_INVALID'> {
  static readonly codes = ['RUN_FOLDER_INVALID'] as const;
  constructor(message: string) {
    super('RUN_FOLDER_INVALID', message);
    this.name = 'RunFolderError';
  }
}

export interface LoadedRun {
  dir: string;
  results: RunResults;
  /** Whether results.json was missing and the results were rebuilt from samples.jsonl (a killed run). */
  rebuilt: boolean;
  traces: () => Promise<TraceRecord[]>;
}

/**
 * Loads a run from its folder (or its results.json). A run killed before it wrote results.json is
 * rebuilt from samples.jsonl and traces.jsonl, which are appended as each session ends.
 */
export async function loadRun(path: string): Promise<LoadedRun> {
  if (!existsSync(path)) throw new RunFolderError(`${path}: no such run folder or results file`);
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  let results: RunResults | null;
  try {
    results = await readResults(dir);
  } catch (err) {
    throw new RunFolderError(`${join(dir, RESULTS_FILE)}: not valid JSON (${(err as Error).message})`);
  }
  const traces = () => readTraces(dir);
  if (results) {
    if (results.schema !== RESULTS_SCHEMA) throw new RunFolderError(`${join(dir, RESULTS_FILE)}: unknown schema ${String(results.schema)}`);
    // Runs written before facts were typed stored "true"/"false": read them as booleans.
    for (const s of results.samples ?? []) if (s.facts) s.facts = typedFacts(s.facts);
    return { dir, results, rebuilt: false, traces };
  }
  if (!existsSync(join(dir, SAMPLES_FILE))) throw new RunFolderError(`${dir}: neither ${RESULTS_FILE} nor ${SAMPLES_FILE} found — not a run folder`);
  const samples = await readSamples(dir);
  const trace = await traces();
  const chunks = trace.filter((r): r is TraceChunk => r.k === 'chunk');
  const now = new Date().toISOString();
  return {
    dir,
    rebuilt: true,
    traces,
    results: {
      schema: RESULTS_SCHEMA,
      run: { version: 'unknown (rebuilt)', started_at: now, ended_at: now, argv: [], node: process.version, cpus: 0, clock: 'real', seed: 1 },
      pacing: pacingSummary(chunks),
      samples,
      summary: summarize(samples, { seed: 1 }),
      expectations: [],
    },
  };
}

/** Reads `samples.jsonl` (tolerating a torn last line after a hard kill). */
export async function readSamples(dir: string): Promise<Sample[]> {
  return readJsonl<Sample>(join(dir, SAMPLES_FILE));
}

/** Streams `traces.jsonl` into memory (tolerating a torn last line). */
export async function readTraces(dir: string): Promise<TraceRecord[]> {
  return readJsonl<TraceRecord>(join(dir, TRACES_FILE));
}

/** Reads `results.json`; null when the run never wrote it. */
export async function readResults(dir: string): Promise<RunResults | null> {
  const file = join(dir, RESULTS_FILE);
  if (!existsSync(file)) return null;
  return JSON.parse(await readFile(file, 'utf8')) as RunResults;
}

async function readJsonl<T>(file: string): Promise<T[]> {
  if (!existsSync(file)) return [];
  const out: T[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // A line torn by a hard kill: everything before it is intact.
    }
  }
  return out;
}
