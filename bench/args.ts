import { parseArgs } from 'node:util';

/** The sections of the bench, in the order they run. */
export const SECTIONS = ['startup', 'virtual', 'micro', 'audio', 'commands', 'load'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchArgs {
  quick: boolean;
  /** Session counts of the load grid. */
  sessions: number[];
  /** Input audio per session in the load runs (ms). */
  durationMs: number;
  rampMs: number;
  /** Run the naive client next to rtbench at each N. */
  naive: boolean;
  /** After the grid, probe between (or beyond) the grid points for the largest N that holds. */
  search: boolean;
  sections: Section[];
  outDir: string;
  /** Send-lag p99 limit (ms) for "holds". */
  lagP99LimitMs: number;
  /** rtbench runs per N; "holds" is judged on the run with the median send-lag p99. */
  repeat: number;
  /** Scheduling priority (nice) for the bench and the mock processes it starts; 0 = unchanged. */
  nice: number;
  /** Session counts of the "what users run" section (`rtbench run` as a command). */
  commandSessions: number[];
}

const HELP = `npm run bench -- [options]

  --quick               ≈ 1 minute: N = 1, 100, 200; one-turn sessions; shorter micro-benchmarks
  --sessions 1,50,100   load grid (default 1,50,100,200,400)
  --duration 10         seconds of audio each load session streams, in whole ≈ 3.3 s turns (default 10; 4 with --quick)
  --ramp 2000           ramp-up of session starts, ms (default 2000)
  --no-naive            skip the naive reference client
  --no-search           do not probe between grid points for the largest N that holds
  --only load,audio     run only these sections (startup, virtual, micro, audio, commands, load)
  --command-sessions 200,400   N for the "what users run" section (default 200; 50 with --quick)
  --out reports/bench   where the JSON files go
  --lag-limit 5         send-lag p99 limit (ms) for "holds"
  --repeat 3            rtbench runs per N, judged on the median p99 (default 1; single runs vary
                        by a few ms at the edge)
  --nice=-10            run the bench (and the mocks it starts) at this priority (needs the right to
                        raise it); lessens what other processes on a shared box do to the numbers
`;

/** Parses the bench's command line (`--help` prints usage and exits). */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      sessions: { type: 'string' },
      duration: { type: 'string' },
      ramp: { type: 'string', default: '2000' },
      'no-naive': { type: 'boolean', default: false },
      'no-search': { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string', default: 'reports/bench' },
      'lag-limit': { type: 'string', default: '5' },
      nice: { type: 'string', default: '0' },
      repeat: { type: 'string', default: '1' },
      'command-sessions': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const sessions = values.sessions ? values.sessions.split(',').map((s) => positiveInt(s, '--sessions')) : quick ? [1, 100, 200] : [1, 50, 100, 200, 400];
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SECTIONS];
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`--only: unknown section ${unknown.join(', ')} (choose from ${SECTIONS.join(', ')})`);
  return {
    quick,
    sessions: [...new Set(sessions)].sort((a, b) => a - b),
    durationMs: Number(values.duration ?? (quick ? 4 : 10)) * 1000,
    rampMs: Number(values.ramp),
    naive: !values['no-naive'],
    search: !values['no-search'] && !quick,
    commandSessions: values['command-sessions'] ? values['command-sessions'].split(',').map((s) => positiveInt(s, '--command-sessions')) : quick ? [50] : [200],
    sections: SECTIONS.filter((s) => only.includes(s)),
    outDir: values.out ?? 'reports/bench',
    lagP99LimitMs: Number(values['lag-limit']),
    nice: Number(values.nice),
    repeat: positiveInt(values.repeat ?? '1', '--repeat'),
  };
}

function positiveInt(s: string, flag: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: not a positive integer: ${s}`);
  return n;
}
