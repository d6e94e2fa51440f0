import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResults } from '../results/types.js';
import type { Redactor } from '../util/redact.js';
import type { SessionResult } from '../runner/run.js';
import { traceLines } from '../runner/trace-lines.js';
import { RESULTS_FILE, SAMPLES_FILE, TRACES_FILE } from './names.js';
import { readTraces } from './read.js';
import type { TraceRecord } from '../metrics/trace.js';

/**
 * The run folder, written incrementally: each session's samples and trace are appended as it ends
 * (serially, off the measuring path), so a crash or Ctrl-C keeps everything measured so far.
 */
export class RunFolder {
  private queue: Promise<void> = Promise.resolve();
  private writeError: Error | null = null;

  private constructor(
    readonly dir: string,
    private readonly redactor: Redactor,
    private readonly traceGapMs: number,
  ) {}

  /**
   * Opens a run folder. A fresh run starts the JSONL files empty (a reused `--out` folder must not
   * mix two runs); `append` keeps them (resume).
   */
  static async create(dir: string, redactor: Redactor, opts: { append?: boolean; traceGapMs?: number } = {}): Promise<RunFolder> {
    await mkdir(dir, { recursive: true });
    if (!opts.append) {
      for (const f of [SAMPLES_FILE, TRACES_FILE, RESULTS_FILE]) await rm(join(dir, f), { force: true });
    }
    return new RunFolder(dir, redactor, opts.traceGapMs ?? 0);
  }

  /**
   * Queues a session's trace and samples for appending; never blocks the caller. Sessions are
   * written one at a time, trace first: a session's samples on disk mean its trace is too (`--resume`
   * counts a session done by its samples). In real-clock runs of many sessions `traceGapMs` spaces the
   * writes, so that when hundreds of sessions end together their traces are serialized over a second
   * or two instead of in one burst that would delay the chunks of the sessions still streaming.
   * `flush()` waits for all of it.
   */
  appendSession(result: SessionResult): void {
    const samples = result.samples.map((s) => JSON.stringify(s)).join('\n') + '\n';
    const trace = result.trace;
    this.enqueue(async () => {
      await new Promise((r) => (this.traceGapMs > 0 ? setTimeout(r, this.traceGapMs) : setImmediate(r)));
      await appendFile(join(this.dir, TRACES_FILE), traceLines(trace, this.redactor));
      await appendFile(join(this.dir, SAMPLES_FILE), this.redactor.text(samples));
    });
  }

  async writeResults(results: RunResults): Promise<void> {
    this.enqueue(() => writeFile(join(this.dir, RESULTS_FILE), JSON.stringify(this.redactor.value(results), null, 2) + '\n'));
    await this.flush();
  }

  /** Loads this run's traces back (for the HTML timeline), after pending appends. */
  readonly traces = async (): Promise<TraceRecord[]> => {
    await this.flush();
    return readTraces(this.dir);
  };

  /** Waits for every queued write. */
  async flush(): Promise<void> {
    await this.queue;
    if (this.writeError) throw this.writeError;
  }

  private enqueue(job: () => Promise<void>): void {
    this.queue = this.queue.then(job).catch((err: Error) => {
      this.writeError ??= err;
    });
  }
}
