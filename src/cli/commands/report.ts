import type { CommandModule } from 'yargs';
import { REPORTER_NAMES, type ReporterName } from '../reporter-names.js';
import { RESULTS_FILE, SAMPLES_FILE } from '../../run-folder/names.js';

interface ReportArgs {
  run: string;
  reporter: string[];
  out?: string;
}

/** `rtbench report <run>` — re-render reports from a saved run, without re-running anything. */
export function reportCommand(setExit: (code: number) => void): CommandModule<object, ReportArgs> {
  return {
    command: 'report <run>',
    describe: `Re-render reports from a saved run folder (or its ${RESULTS_FILE}); works on runs killed mid-way`,
    builder: (y) =>
      y
        .positional('run', { type: 'string', demandOption: true, describe: `Run folder or ${RESULTS_FILE}` })
        .option('reporter', { type: 'string', array: true, default: ['table', 'md', 'html'], describe: `Any of ${REPORTER_NAMES.join(',')}` })
        .option('out', { type: 'string', describe: 'Write reports here instead of the run folder' })
        .check((a) => {
          const bad = (a.reporter as string[]).flatMap((r) => r.split(',')).filter((r) => !REPORTER_NAMES.includes(r as ReporterName));
          if (bad.length) throw new Error(`unknown reporter: ${bad.join(', ')} (choose from ${REPORTER_NAMES.join(', ')})`);
          return true;
        }) as never,
    handler: async (a) => {
      const [{ loadRun }, { renderReports, shouldColor }] = await Promise.all([import('../../run-folder/read.js'), import('../../report/index.js')]);
      const run = await loadRun(a.run);
      if (run.rebuilt) process.stderr.write(`note: ${run.dir} has no ${RESULTS_FILE} (the run was cut short); rebuilt from ${SAMPLES_FILE}\n`);
      const names = a.reporter.flatMap((r) => r.split(',')) as ReporterName[];
      await renderReports(names, {
        results: run.results,
        traces: run.traces,
        outDir: a.out ?? run.dir,
        stdout: process.stdout,
        color: shouldColor(process.stdout, process.env),
      });
      setExit(0);
    },
  };
}
