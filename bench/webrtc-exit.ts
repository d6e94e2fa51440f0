/**
 * The crash-at-exit loop: the built `rtbench` bin runs a one-turn conversation over WebRTC against
 * the bundled mock (real clock), `--runs` times in a row, and the exit of each process is tallied
 * (code, or the signal that ended it). A finished run must exit 0 every time; before the exit guard
 * (src/transport/webrtc-exit.ts) every run died of SIGSEGV or SIGABRT after writing its report.
 * The test suite runs a bounded version (test/e2e/webrtc-exit.timing.test.ts).
 *
 * Usage (after `npm run build`): node dist/bench/webrtc-exit.js [--runs 50] [--node /path/to/node]
 * Prints one line per run and the tally; writes reports/bench/webrtc-exit.json. Exit 1 when any run
 * did not exit 0.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const BIN = fileURLToPath(new URL('../cli/rtbench.js', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../../fixtures/what-time.wav', import.meta.url));

interface ExitTally {
  node: string;
  runs: number;
  /** `"0"`, `"1"`, … or a signal name, with how many runs ended so. */
  exits: Record<string, number>;
  crashes: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '50' },
      node: { type: 'string', default: process.execPath },
      out: { type: 'string', default: 'reports/bench' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: expected a whole number ≥ 1, got ${values.runs}`);
  const node = values.node;
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const work = await mkdtemp(join(tmpdir(), 'rtbench-bench-rtc-exit-'));
  const tally: ExitTally = { node: version, runs, exits: {}, crashes: 0 };
  try {
    for (let i = 0; i < runs; i++) {
      const out = join(work, `run-${i}`);
      const r = spawnSync(node, [BIN, 'run', '--audio', FIXTURE, '--transport', 'webrtc', '--clock', 'real', '--out', out, '--quiet'], {
        stdio: 'ignore',
        timeout: 120_000,
      });
      const exit = r.signal ?? String(r.status);
      tally.exits[exit] = (tally.exits[exit] ?? 0) + 1;
      if (r.signal) tally.crashes++;
      process.stdout.write(`run ${i + 1}/${runs} (node ${version}): ${exit}\n`);
      await rm(out, { recursive: true, force: true });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  process.stdout.write(`\n${JSON.stringify(tally)}\n`);
  await mkdir(values.out, { recursive: true });
  await writeFile(join(values.out, 'webrtc-exit.json'), JSON.stringify({ at: new Date().toISOString(), ...tally }, null, 2) + '\n');
  process.exitCode = tally.exits['0'] === runs ? 0 : 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`webrtc-exit: ${(err as Error).message}\n`);
  process.exitCode = 2;
});
