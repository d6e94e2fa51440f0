import { Writable } from 'node:stream';
import type { CommandModule } from 'yargs';
import { REPORTER_NAMES, type ReporterName } from '../reporter-names.js';
import { parseDuration } from '../parse.js';
import { Progress } from '../progress.js';
import type { RunProgress, RunResults } from '../../index.js';
import type { Redactor } from '../../util/redact.js';
import { RUN_FILE } from '../../run-folder/names.js';
import { UsageError } from '../../errors.js';

/** CI systems set CI=true (GitHub, GitLab, most others): plain line output there. */
function isCi(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.CI && env.CI !== 'false' && env.CI !== '0');
}

/** The `--json` summary: what a script needs to decide, without parsing tables. */
function jsonSummary(results: RunResults, outDir: string, exitCode: number) {
  return {
    exit_code: exitCode,
    run_folder: outDir,
    samples: results.samples.length,
    failed_samples: results.samples.filter((s) => !s.ok).map((s) => ({ id: s.id, error: s.error })),
    expectations: { total: results.expectations.length, failed: results.expectations.filter((e) => !e.ok) },
    regressions: (results.regressions ?? []).filter((r) => r.regression).map((r) => r.message),
    gate: results.gate ?? null,
    pacing: results.pacing,
    summary: results.summary.filter((r) => ['first_audio_ms', 'vad_stop_delay_ms', 'vad_to_first_audio_ms'].includes(r.metric)),
  };
}

interface RunArgs {
  paths?: string[];
  audio?: string[];
  target?: string[];
  model?: string[];
  repeat?: number;
  concurrency?: number;
  config?: string;
  ramp?: string;
  clock?: 'real' | 'virtual';
  out?: string;
  reporter?: string[];
  seed?: number;
  dialect?: 'ga' | 'beta';
  transport?: Array<'ws' | 'webrtc'>;
  network?: string[];
  insecure?: boolean;
  'first-audio-ms'?: number;
  'jitter-ms'?: number;
  profile?: string;
  'profile-file'?: string;
  'turn-timeout'?: string;
  'chunk-ms'?: number;
  quiet: boolean;
  json: boolean;
  baseline?: string;
  threshold?: string[];
  retries?: number;
  'fail-fast'?: boolean;
  'session-timeout'?: string;
  'connect-timeout'?: string;
  'max-cost'?: number;
  resume?: string;
  shard?: string;
  'mock-url'?: string;
  'mock-in'?: 'worker' | 'main';
  workers?: number;
}

/** Flags that shape the plan: with `--resume` they come from the run folder's run.json instead. */
const PLAN_FLAGS = [
  'paths',
  'audio',
  'target',
  'model',
  'repeat',
  'seed',
  'dialect',
  'transport',
  'network',
  'chunk-ms',
  'clock',
  'out',
  'first-audio-ms',
  'jitter-ms',
  'profile',
  'profile-file',
  'shard',
] as const;

/** `2/4` → { index: 2, count: 4 } (checked by the builder). */
function parseShardText(text: string): { index: number; count: number } {
  const [index, count] = text.split('/').map((x) => Number(x.trim()));
  return { index, count };
}

/** Exit code of a run stopped by a signal: 128 + its number, as shells report it. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/** A stream that redacts each write before passing it on. */
function redactingStream(out: NodeJS.WritableStream, redactor: Redactor): NodeJS.WritableStream {
  return new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      out.write(redactor.text(chunk.toString()));
      cb();
    },
  });
}

/** What a run that stopped early finished, what it threw away, and how to complete it. */
export function stopLines(why: string, p: RunProgress, outDir: string): string[] {
  const sessions = (n: number) => `${n} session${n === 1 ? '' : 's'}`;
  const lines = [
    `rtbench: stopped (${why}): ${p.finished} of ${sessions(p.total)} finished${p.finished ? ' — their results are in the reports' : ''}`,
    `  discarded: ${p.discarded ? `${sessions(p.discarded)} cut short (nothing of them is kept; resume runs them again)` : 'nothing (no session was cut short)'}`,
    `  not started: ${sessions(p.notStarted)}`,
  ];
  if (p.unjudgedExpectations)
    lines.push(`  not judged: ${p.unjudgedExpectations} expectation${p.unjudgedExpectations === 1 ? '' : 's'} of cells with no finished session`);
  if (p.finished < p.total)
    lines.push(`  resume: rtbench run --resume ${outDir}   (the ${sessions(p.total - p.finished)} left, same plan and options, same folder)`);
  return lines;
}

/** `rtbench run [paths…]` */
export function runCommand(setExit: (code: number) => void): CommandModule<object, RunArgs> {
  return {
    command: 'run [paths..]',
    describe: 'Run scenarios (default: scenarios/) against a target (default: the bundled mock)',
    builder: (y) =>
      y
        .positional('paths', { type: 'string', array: true, describe: 'Scenario files or folders' })
        .option('audio', { type: 'string', array: true, describe: 'Quick mode: one user turn per WAV, no scenario file' })
        .option('target', { type: 'string', array: true, describe: 'mock | openai | azure | ws(s):// URL (repeatable: a comparison axis)' })
        .option('model', { type: 'string', array: true, describe: 'Model (repeatable: a comparison axis)' })
        .option('repeat', { type: 'number', describe: 'Repetitions of every scenario cell' })
        .option('concurrency', { type: 'number', defaultDescription: '1', describe: 'Sessions in flight at once' })
        .option('ramp', { type: 'string', describe: 'Spread session starts over this time, e.g. 2s' })
        .option('clock', { choices: ['real', 'virtual'] as const, defaultDescription: 'real', describe: 'virtual: discrete-event time, mock only' })
        .option('out', { type: 'string', describe: 'Run folder (default reports/<timestamp>)' })
        .option('reporter', { type: 'string', array: true, defaultDescription: 'table,json,md,html', describe: `Any of ${REPORTER_NAMES.join(',')}` })
        .option('config', { type: 'string', describe: 'Config file (default: rtbench.config.{yaml,yml,json,mjs} found upward from here)' })
        .option('seed', { type: 'number', defaultDescription: '1', describe: 'Seed for noise, the mock and retry jitter' })
        .option('dialect', { choices: ['ga', 'beta'] as const, describe: 'Protocol dialect (default ga)' })
        .option('transport', {
          choices: ['ws', 'webrtc'] as const,
          array: true,
          describe: 'ws (default) or webrtc (Opus + oai-events data channel; needs @roamhq/wrtc); both: a comparison axis',
        })
        .option('network', {
          type: 'string',
          array: true,
          describe:
            'The link between harness and server: none (default), a profile (cable, wifi-lossy, 4g, slow-4g, 3g, 3g-slow, satellite, very-bad) or a spec like rtt=150ms,loss=1%,down=1600kbit,up=750kbit; several: a comparison axis. Needs root (docs/network.md)',
        })
        .option('insecure', { type: 'boolean', describe: 'Accept self-signed wss:// certificates' })
        .option('first-audio-ms', { type: 'number', describe: 'Mock only: fixed delay from end of user turn to first audio' })
        .option('jitter-ms', { type: 'number', describe: 'Mock only: random spread added to that delay (0 = exact)' })
        .option('profile', { type: 'string', describe: 'Mock only: latency profile name' })
        .option('profile-file', { type: 'string', describe: 'Mock only: profile file fitted by rtbench calibrate' })
        .option('turn-timeout', { type: 'string', describe: 'Max wait for a response after a turn (default 20s)' })
        .option('session-timeout', { type: 'string', describe: 'Max length of one session, connection included, e.g. 2m (default none)' })
        .option('connect-timeout', { type: 'string', describe: 'Max wait for the WebSocket handshake (default 10s)' })
        .option('retries', {
          type: 'number',
          defaultDescription: '2',
          describe: 'Handshake retries per session on refused/timed-out connections, HTTP 429 and 5xx (backoff with jitter, retry-after honoured)',
        })
        .option('fail-fast', { type: 'boolean', defaultDescription: 'false', describe: 'Stop at the first failed session (reports are still written)' })
        .option('max-cost', {
          type: 'number',
          describe: 'USD: refuse to start a run against a paid target whose estimate exceeds this, and stop starting sessions once the measured cost does',
        })
        .option('resume', {
          type: 'string',
          describe: `Complete an interrupted run: same plan and run options (concurrency, timeouts… from its ${RUN_FILE}; flags given here win), only the sessions it lacks, into the same folder`,
        })
        .option('chunk-ms', { type: 'number', describe: "Input audio chunk size in ms (default 20, or the scenario's chunk_ms)" })
        .option('baseline', { type: 'string', describe: 'A previous run to compare against; exit 1 on a significant regression' })
        .option('threshold', {
          type: 'string',
          array: true,
          describe: 'Regression threshold, e.g. first_audio_ms.p95=+10% (repeatable; default p50 +10%, p95 +15%)',
        })
        .option('shard', {
          type: 'string',
          describe: 'Run only part i of n of the plan (1-based, e.g. 2/4; same seeds as the whole run); put the parts together with rtbench merge',
        })
        .option('mock-url', {
          type: 'string',
          describe: 'Use this already-running rtbench mock (ws:// URL of `rtbench mock`) for --target mock instead of starting one',
        })
        .option('mock-in', {
          choices: ['worker', 'main'] as const,
          defaultDescription: 'worker',
          describe: "Real-clock runs: the bundled mock in its own thread (worker), or on the harness's event loop (main; only to measure what that costs)",
        })
        .option('workers', {
          type: 'number',
          defaultDescription: 'by cores and concurrency',
          describe: 'Real-clock runs: sessions in this many worker threads, each with its own pacer (1 = one thread)',
        })
        .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
        .option('json', { type: 'boolean', default: false, describe: 'Print a machine-readable summary on stdout (human output goes to stderr)' })
        .check((a) => {
          const bad = ((a.reporter as string[] | undefined) ?? []).flatMap((r) => r.split(',')).filter((r) => !REPORTER_NAMES.includes(r as ReporterName));
          if (bad.length) throw new Error(`unknown reporter: ${bad.join(', ')} (choose from ${REPORTER_NAMES.join(', ')})`);
          if (a.concurrency !== undefined && (!Number.isInteger(a.concurrency) || a.concurrency < 1))
            throw new Error('--concurrency must be a whole number ≥ 1');
          if (a.repeat !== undefined && (!Number.isInteger(a.repeat) || a.repeat < 1)) throw new Error('--repeat must be a whole number ≥ 1');
          if (a['chunk-ms'] !== undefined && (!Number.isInteger(a['chunk-ms']) || a['chunk-ms'] < 10 || a['chunk-ms'] > 1000))
            throw new Error('--chunk-ms must be a whole number from 10 to 1000');
          if (a.retries !== undefined && (!Number.isInteger(a.retries) || a.retries < 0 || a.retries > 10))
            throw new Error('--retries must be a whole number from 0 to 10');
          if (a['max-cost'] !== undefined && !(Number.isFinite(a['max-cost']) && a['max-cost'] > 0))
            throw new Error('--max-cost must be a positive amount in USD, e.g. 5 or 0.50');
          if (a.seed !== undefined && !Number.isFinite(a.seed)) throw new Error('--seed must be a number');
          for (const flag of ['turn-timeout', 'session-timeout', 'connect-timeout', 'ramp'] as const) {
            if (a[flag] !== undefined && !(parseDuration(String(a[flag]), `--${flag}`) > 0)) throw new Error(`--${flag} must be longer than 0`);
          }
          if (a.shard !== undefined && !/^\s*\d+\s*\/\s*\d+\s*$/.test(String(a.shard)))
            throw new Error(`--shard: expected i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${a.shard}"`);
          if (a.shard !== undefined) {
            const [i, n] = String(a.shard).split('/').map(Number);
            if (!(n >= 1 && i >= 1 && i <= n)) throw new Error(`--shard: expected i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${a.shard}"`);
          }
          if (a.workers !== undefined && (!Number.isInteger(a.workers) || a.workers < 1 || a.workers > 64))
            throw new Error('--workers must be a whole number from 1 to 64');
          if (a['mock-url'] !== undefined && !/^wss?:\/\//.test(a['mock-url']))
            throw new Error(`--mock-url: expected the ws:// URL that rtbench mock printed, got "${a['mock-url']}"`);
          if (a.resume !== undefined) {
            const given = PLAN_FLAGS.filter((f) => a[f] !== undefined && !(Array.isArray(a[f]) && (a[f] as unknown[]).length === 0));
            if (given.length)
              throw new UsageError(
                `--resume takes the plan from the run folder's ${RUN_FILE}: drop ${given.map((f) => (f === 'paths' ? 'the scenario paths' : `--${f}`)).join(', ')}`,
              );
          }
          return true;
        }) as never,
    handler: async (a) => {
      // Only what a run needs (not the whole library): start-up is part of every run's cost.
      const [
        { runBenchmark },
        { flagsFromArgv, resolveConfig, toBenchmarkOptions },
        { shouldColor },
        { Redactor, secretsFromEnv },
        { gatePassLine },
        { defaultRunFolder },
      ] = await Promise.all([
        import('../../app/benchmark.js'),
        import('../../config/index.js'),
        import('../../report/reporter.js'),
        import('../../util/redact.js'),
        import('../../results/gate.js'),
        import('../../app/defaults.js'),
      ]);
      // Flags > RTBENCH_* environment (and .env) > config file > defaults.
      const resolved = await resolveConfig({
        cwd: process.cwd(),
        env: process.env,
        flags: flagsFromArgv(a as unknown as Record<string, unknown>),
        configPath: a.config,
      });
      const { env: runEnv, ...fromConfig } = toBenchmarkOptions(resolved);
      const controller = new AbortController();
      // Everything this command prints goes through the redactor (ids hold target URLs, errors quote servers).
      const redactor = new Redactor(secretsFromEnv(runEnv ?? process.env));
      for (const w of resolved.warnings) process.stderr.write(redactor.text(`warning: ${w}`) + '\n');
      const stderr = redactingStream(process.stderr, redactor);
      // With --json, stdout carries only the JSON summary; the table goes to stderr.
      const human = a.json ? process.stderr : process.stdout;
      const tty = Boolean(process.stderr.isTTY) && !isCi(process.env);
      const progress = a.quiet ? null : new Progress(stderr, tty);
      const say = (line: string) => {
        progress?.finish();
        stderr.write(line + '\n');
      };
      let signalled: keyof typeof SIGNAL_EXIT | null = null;
      const stop = (sig: keyof typeof SIGNAL_EXIT) => {
        signalled ??= sig;
        process.stderr.write('\nrtbench: stopping — finishing reports for what completed (Ctrl-C again to force)\n');
        controller.abort();
        process.once('SIGINT', () => process.exit(SIGNAL_EXIT.SIGINT));
      };
      const onInt = () => stop('SIGINT');
      const onTerm = () => stop('SIGTERM');
      process.once('SIGINT', onInt);
      process.once('SIGTERM', onTerm);
      try {
        const run = await runBenchmark({
          // With --resume the plan comes from the run folder's run.json, not from flags or config.
          // How it ran (concurrency, ramp, timeouts…) is kept from run.json too, unless given again here.
          ...(a.resume
            ? {
                reporters: fromConfig.reporters,
                prices: fromConfig.prices,
                target: fromConfig.target,
                concurrency: a.concurrency,
                rampMs: a.ramp !== undefined ? parseDuration(a.ramp, '--ramp') : undefined,
                turnTimeoutMs: a['turn-timeout'] !== undefined ? parseDuration(a['turn-timeout'], '--turn-timeout') : undefined,
                insecure: a.insecure,
              }
            : { ...fromConfig, out: fromConfig.out ?? defaultRunFolder(new Date()) }),
          env: runEnv,
          audio: a.audio,
          sessionTimeoutMs: a['session-timeout'] ? parseDuration(a['session-timeout'], '--session-timeout') : undefined,
          connectTimeoutMs: a['connect-timeout'] ? parseDuration(a['connect-timeout'], '--connect-timeout') : undefined,
          retries: a.retries,
          failFast: a['fail-fast'],
          maxCostUsd: a['max-cost'],
          resume: a.resume,
          chunkMs: a['chunk-ms'],
          ...(a.transport?.length ? { transports: [...new Set(a.transport)] } : {}),
          ...(a.shard ? { shard: parseShardText(a.shard) } : {}),
          ...(a['mock-url'] ? { mockUrl: a['mock-url'] } : {}),
          ...(a['mock-in'] ? { mockPlacement: a['mock-in'] } : {}),
          ...(a.workers ? { workers: a.workers } : {}),
          signal: controller.signal,
          argv: process.argv.slice(2),
          color: shouldColor(human, process.env),
          stdout: human,
          log: say,
          onProgress: progress ? (p) => progress.update(p) : undefined,
        });
        const { exitCode, results, stopped, progress: left } = run;
        // The CLI always names a run folder (resume: the one it completes).
        const outDir = run.outDir!;
        progress?.finish();
        human.write(`\nRun folder: ${outDir}\n`);
        if (a.json) process.stdout.write(redactor.text(JSON.stringify(jsonSummary(results, outDir, exitCode), null, 2)) + '\n');
        const failedExpect = results.expectations.filter((e) => !e.ok);
        for (const e of failedExpect) {
          say(
            `✗ ${e.scenario}${e.turn !== undefined ? ` ${e.turn_name ? `turn ${e.turn} (${e.turn_name})` : `turn ${e.turn}`}` : ''} [${e.cell}] ${e.metric}: expected ${e.expected}, got ${e.actual} (${e.where})`,
          );
        }
        for (const s of results.samples.filter((x) => !x.ok)) say(`✗ ${s.id}: ${s.error}`);
        for (const line of results.gate?.problems ?? []) say(`✗ baseline: ${line}`);
        if (results.gate && !results.gate.failed) say(gatePassLine(results.gate));
        if (stopped) for (const line of stopLines(signalled ? `interrupted by ${signalled}` : stopped, left, outDir)) say(line);
        // An interrupted run is neither a pass nor a verdict: 130/143 as shells report a signal.
        setExit(signalled ? SIGNAL_EXIT[signalled] : exitCode);
      } finally {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      }
    },
  };
}
