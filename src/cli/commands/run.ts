import type { CommandModule } from 'yargs';
import { runBenchmark } from '../../app/benchmark.js';
import { REPORTER_NAMES, type ReporterName } from '../../report/index.js';
import { shouldColor } from '../../report/index.js';
import { parseDuration } from '../parse.js';
import { EXIT } from '../errors.js';
import { Progress } from '../progress.js';
import type { RunResults } from '../../report/types.js';

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
  concurrency: number;
  ramp?: string;
  clock: 'real' | 'virtual';
  out?: string;
  reporter: string[];
  seed: number;
  dialect?: 'ga' | 'beta';
  insecure: boolean;
  'first-audio-ms'?: number;
  'jitter-ms'?: number;
  profile?: string;
  'turn-timeout'?: string;
  'chunk-ms'?: number;
  quiet: boolean;
  json: boolean;
  baseline?: string;
  threshold?: string[];
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
        .option('concurrency', { type: 'number', default: 1, describe: 'Sessions in flight at once' })
        .option('ramp', { type: 'string', describe: 'Spread session starts over this time, e.g. 2s' })
        .option('clock', { choices: ['real', 'virtual'] as const, default: 'real' as const, describe: 'virtual: discrete-event time, mock only' })
        .option('out', { type: 'string', describe: 'Run folder (default reports/<timestamp>)' })
        .option('reporter', { type: 'string', array: true, default: ['table', 'json', 'md', 'html'], describe: `Any of ${REPORTER_NAMES.join(',')}` })
        .option('seed', { type: 'number', default: 1, describe: 'Seed for noise and the mock' })
        .option('dialect', { choices: ['ga', 'beta'] as const, describe: 'Protocol dialect (default ga)' })
        .option('insecure', { type: 'boolean', default: false, describe: 'Accept self-signed wss:// certificates' })
        .option('first-audio-ms', { type: 'number', describe: 'Mock only: fixed delay from end of user turn to first audio' })
        .option('jitter-ms', { type: 'number', describe: 'Mock only: random spread added to that delay (0 = exact)' })
        .option('profile', { type: 'string', describe: 'Mock only: latency profile name' })
        .option('turn-timeout', { type: 'string', describe: 'Max wait for a response after a turn (default 20s)' })
        .option('chunk-ms', { type: 'number', describe: 'Input audio chunk size in ms (default 20, or the scenario\'s chunk_ms)' })
        .option('baseline', { type: 'string', describe: 'A previous run to compare against; exit 1 on a significant regression' })
        .option('threshold', { type: 'string', array: true, describe: 'Regression threshold, e.g. first_audio_ms.p95=+10% (repeatable; default p50 +10%, p95 +15%)' })
        .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
        .option('json', { type: 'boolean', default: false, describe: 'Print a machine-readable summary on stdout (human output goes to stderr)' })
        .check((a) => {
          const bad = (a.reporter as string[]).flatMap((r) => r.split(',')).filter((r) => !REPORTER_NAMES.includes(r as ReporterName));
          if (bad.length) throw new Error(`unknown reporter: ${bad.join(', ')} (choose from ${REPORTER_NAMES.join(', ')})`);
          if (a.concurrency !== undefined && (!Number.isInteger(a.concurrency) || a.concurrency < 1)) throw new Error('--concurrency must be a whole number ≥ 1');
          if (a.repeat !== undefined && (!Number.isInteger(a.repeat) || a.repeat < 1)) throw new Error('--repeat must be a whole number ≥ 1');
          if (a['chunk-ms'] !== undefined && (!Number.isInteger(a['chunk-ms']) || a['chunk-ms'] < 10 || a['chunk-ms'] > 1000)) throw new Error('--chunk-ms must be a whole number from 10 to 1000');
          return true;
        }) as never,
    handler: async (a) => {
      const reporters = a.reporter.flatMap((r) => r.split(',')) as ReporterName[];
      const mock: Record<string, unknown> = {};
      if (a['first-audio-ms'] !== undefined) mock.firstAudioMs = a['first-audio-ms'];
      if (a['jitter-ms'] !== undefined) mock.jitterMs = a['jitter-ms'];
      if (a.profile !== undefined) mock.profile = a.profile;
      const controller = new AbortController();
      const stop = () => {
        process.stderr.write('\nrtbench: stopping — finishing reports for what completed (Ctrl-C again to force)\n');
        controller.abort();
        process.once('SIGINT', () => process.exit(130));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // With --json, stdout carries only the JSON summary; the table goes to stderr.
      const human = a.json ? process.stderr : process.stdout;
      const tty = Boolean(process.stderr.isTTY) && !isCi(process.env);
      const progress = a.quiet ? null : new Progress(process.stderr, tty);
      try {
        const { outDir, exitCode, results } = await runBenchmark({
          paths: a.paths,
          audio: a.audio,
          targets: a.target,
          models: a.model,
          repeat: a.repeat,
          concurrency: a.concurrency,
          rampMs: a.ramp ? parseDuration(a.ramp, '--ramp') : undefined,
          clock: a.clock,
          out: a.out,
          reporters,
          seed: a.seed,
          dialect: a.dialect,
          insecure: a.insecure,
          mock,
          turnTimeoutMs: a['turn-timeout'] ? parseDuration(a['turn-timeout'], '--turn-timeout') : undefined,
          chunkMs: a['chunk-ms'],
          baseline: a.baseline,
          thresholds: a.threshold,
          signal: controller.signal,
          argv: process.argv.slice(2),
          color: shouldColor(human, process.env),
          stdout: human,
          onProgress: progress ? (p) => progress.update(p) : undefined,
        });
        progress?.finish();
        human.write(`\nRun folder: ${outDir}\n`);
        if (a.json) process.stdout.write(JSON.stringify(jsonSummary(results, outDir, exitCode), null, 2) + '\n');
        const failedExpect = results.expectations.filter((e) => !e.ok);
        for (const e of failedExpect) {
          process.stderr.write(`✗ ${e.scenario}${e.turn !== undefined ? ` turn ${e.turn}` : ''} [${e.cell}] ${e.metric}: expected ${e.expected}, got ${e.actual} (${e.where})\n`);
        }
        for (const s of results.samples.filter((x) => !x.ok)) process.stderr.write(`✗ ${s.id}: ${s.error}\n`);
        for (const r of results.regressions?.filter((x) => x.regression) ?? []) process.stderr.write(`✗ regression: ${r.message}\n`);
        setExit(controller.signal.aborted && exitCode === 0 ? EXIT.EXPECTATION : exitCode);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    },
  };
}
