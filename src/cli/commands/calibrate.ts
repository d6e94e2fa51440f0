import type { CommandModule } from 'yargs';

/** Same as calibration's DEFAULT_MIN_N (a test keeps them equal); a literal here keeps `--help` from loading the library. */
export const CLI_DEFAULT_MIN_N = 30;

interface CalibrateArgs {
  runs: string[];
  out: string;
  'min-n': number;
  region?: string;
}

/** `rtbench calibrate <run folders…> --out profile.json` — fit a mock profile from real runs. */
export function calibrateCommand(setExit: (code: number) => void): CommandModule<object, CalibrateArgs> {
  return {
    command: 'calibrate <runs..>',
    describe: "Fit a mock latency profile from run folders' traces (use it with rtbench mock --profile-file)",
    builder: (y) =>
      y
        .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'Run folders (e.g. runs against --target openai)' })
        .option('out', { type: 'string', demandOption: true, describe: 'Profile file to write (JSON)' })
        .option('min-n', { type: 'number', default: CLI_DEFAULT_MIN_N, describe: 'Observations a distribution needs before it is fitted' })
        .option('region', { type: 'string', describe: 'Where the runs ran / which service region (recorded as provenance)' })
        .check((a) => {
          if (!Number.isInteger(a['min-n']) || a['min-n'] < 2) throw new Error(`--min-n: expected a whole number ≥ 2, got ${a['min-n']}`);
          return true;
        }) as never,
    handler: async (a) => {
      const [{ calibrateRunFolders }, { renderFitReport }] = await Promise.all([import('../../app/calibrate-runs.js'), import('../../calibration/index.js')]);
      const result = await calibrateRunFolders(a.runs, { out: a.out, minN: a['min-n'], region: a.region });
      for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
      process.stdout.write(renderFitReport(result.rows) + '\n');
      const turns = result.file.provenance?.runs.reduce((n, r) => n + r.turns, 0) ?? 0;
      process.stdout.write(
        `wrote ${a.out}: ${result.file.profiles.map((p) => p.model).join(', ')} from ${turns} turns in ${a.runs.length} run${a.runs.length === 1 ? '' : 's'}\n`,
      );
      process.stdout.write('Times include the network between this harness and the service (see docs/calibration.md).\n');
      setExit(0);
    },
  };
}
