import type { CommandModule } from 'yargs';
import { REPORTER_NAMES, type ReporterName } from '../reporter-names.js';

interface MergeArgs {
  runs: string[];
  out: string;
  reporter?: string[];
  baseline?: string;
  threshold?: string[];
  json: boolean;
}

/** `rtbench merge <run folders…> --out DIR` — put the shards of one plan back together. */
export function mergeCommand(setExit: (code: number) => void): CommandModule<object, MergeArgs> {
  return {
    command: 'merge <runs..>',
    describe: 'Merge the run folders of rtbench run --shard i/n into one run (everything recomputed from raw samples)',
    builder: (y) =>
      y
        .positional('runs', { type: 'string', array: true, demandOption: true, describe: "The shards' run folders (all of 1/n … n/n)" })
        .option('out', { type: 'string', demandOption: true, describe: 'The merged run folder' })
        .option('reporter', { type: 'string', array: true, defaultDescription: 'table,md,html', describe: `Any of ${REPORTER_NAMES.join(',')}` })
        .option('baseline', { type: 'string', describe: 'A previous run to compare against; exit 1 on a significant regression (as in rtbench run)' })
        .option('threshold', {
          type: 'string',
          array: true,
          describe: 'Regression threshold, e.g. first_audio_ms.p95=+10% (repeatable; default p50 +10%, p95 +15%)',
        })
        .option('json', { type: 'boolean', default: false, describe: 'Print a machine-readable summary on stdout (the table goes to stderr)' })
        .check((a) => {
          const bad = ((a.reporter as string[] | undefined) ?? []).flatMap((r) => r.split(',')).filter((r) => !REPORTER_NAMES.includes(r as ReporterName));
          if (bad.length) throw new Error(`unknown reporter: ${bad.join(', ')} (choose from ${REPORTER_NAMES.join(', ')})`);
          return true;
        }) as never,
    handler: async (a) => {
      const [{ mergeRuns }, { shouldColor }] = await Promise.all([import('../../run-folder/merge.js'), import('../../report/reporter.js')]);
      const human = a.json ? process.stderr : process.stdout;
      const reporters = (a.reporter?.length ? a.reporter : ['table', 'md', 'html']).flatMap((r) => r.split(',')) as ReporterName[];
      const { results, outDir, exitCode } = await mergeRuns({
        dirs: a.runs,
        out: a.out,
        reporters,
        baseline: a.baseline,
        thresholds: a.threshold,
        argv: process.argv.slice(2),
        stdout: human,
        color: shouldColor(human, process.env),
      });
      human.write(`\nMerged run folder: ${outDir} (${results.samples.length} samples)\n`);
      if (a.json) {
        process.stdout.write(
          JSON.stringify(
            {
              exit_code: exitCode,
              run_folder: outDir,
              samples: results.samples.length,
              failed_samples: results.samples.filter((s) => !s.ok).length,
              pacing: results.pacing,
              regressions: (results.regressions ?? []).filter((r) => r.regression).map((r) => r.message),
            },
            null,
            2,
          ) + '\n',
        );
      }
      for (const e of results.expectations.filter((x) => !x.ok))
        process.stderr.write(
          `✗ ${e.scenario}${e.turn !== undefined ? ` turn ${e.turn}` : ''} [${e.cell}] ${e.metric}: expected ${e.expected}, got ${e.actual} (${e.where})\n`,
        );
      for (const r of results.regressions?.filter((x) => x.regression) ?? []) process.stderr.write(`✗ regression: ${r.message}\n`);
      setExit(exitCode);
    },
  };
}
