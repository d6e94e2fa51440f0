import type { TraceRecord } from '../metrics/trace.js';
import type { ComparisonRow } from '../stats/compare-runs.js';
import type { RegressionResult } from '../results/types.js';
import type { RunResults } from '../results/types.js';

/** Report formats `--reporter` accepts (docs/commands.md). */
export const REPORTER_NAMES = ['table', 'json', 'md', 'html', 'csv', 'junit'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** Traces, given directly or loaded on demand (only the HTML report reads them). */
export type TraceSource = TraceRecord[] | (() => Promise<TraceRecord[]>);

/** A two-run comparison to include in reports (`rtbench compare`, `--baseline`). */
export interface RunComparison {
  /** Labels of the two runs, e.g. their folders. */
  a: string;
  b: string;
  rows: ComparisonRow[];
}

/** Everything a renderer may use. Renderers never print secrets: they only see redacted results. */
export interface ReportContext {
  results: RunResults;
  traces?: TraceSource;
  /** Folder the file renderers write into (created if missing). */
  outDir: string;
  /** Where the console renderer prints. */
  stdout: NodeJS.WritableStream;
  /** ANSI colour in console output (decide with {@link shouldColor}). */
  color: boolean;
  /** Baseline regression verdicts, when the run had `--baseline`. */
  regressions?: RegressionResult[];
  comparison?: RunComparison;
}

/** One output format. The runner knows nothing about formats; it hands a context to each. */
export interface Reporter {
  name: ReporterName;
  render(ctx: ReportContext): Promise<void> | void;
}

/** Resolves a {@link TraceSource} (empty when there is none). */
export async function loadTraces(source: TraceSource | undefined): Promise<TraceRecord[]> {
  if (!source) return [];
  return typeof source === 'function' ? source() : source;
}

/**
 * Whether to colour console output: never with `NO_COLOR` (no-color.org, any non-empty value),
 * always with `FORCE_COLOR` other than `0`/`false`, otherwise only on a TTY whose TERM is not `dumb`.
 */
export function shouldColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}
