/**
 * `node dist/bench/network.js [--repeat R] [--engine auto|netem|userspace] [--out FILE]`: the
 * barge-in scenario over ws and webrtc through `none`, `4g`, `wifi-lossy`, `3g-slow` and a custom
 * spec, against the bundled mock with a fixed 300 ms first-audio delay, through `runBenchmark` —
 * the code path of `rtbench run --network … --transport ws --transport webrtc`. Prints a Markdown
 * table per network × transport: first audio p50/p95 (the question turn), barge-in detection and
 * talk-over (the interrupting turn), playback stalls, the link as measured (probe RTT and loss, TCP
 * retransmits, WebRTC packets lost and concealment), and each link's engine and set-up/tear-down
 * cost. Needs root (see docs/network.md).
 */
import { writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenchmark } from '../src/app/benchmark.js';
import type { EngineChoice } from '../src/network/link.js';
import type { Sample } from '../src/results/types.js';
import { percentile } from '../src/stats/index.js';

const NETWORKS = ['none', '4g', 'wifi-lossy', '3g-slow', 'rtt=150ms,jitter=10ms,loss=1%,down=1600kbit,up=750kbit'];
const TRANSPORTS = ['ws', 'webrtc'] as const;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const repeat = Number(arg('repeat', '5'));
const engine = arg('engine', 'auto') as EngineChoice;
const outFile = arg('out', '');

const nums = (xs: Array<unknown>): number[] => xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
const fmt = (v: number | null, digits = 0) => (v === null ? '—' : v.toFixed(digits));
const p = (xs: number[], q: number) =>
  xs.length
    ? percentile(
        [...xs].sort((a, b) => a - b),
        q,
      )
    : null;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

const started = new Date().toISOString();
const { results } = await runBenchmark({
  paths: ['scenarios/barge-in.yaml'],
  transports: [...TRANSPORTS],
  networks: NETWORKS,
  repeat,
  out: await mkdtemp(join(tmpdir(), 'rtbench-bench-network-')),
  reporters: [],
  stdout: { write: () => true } as never,
  mock: { firstAudioMs: 300, jitterMs: 0 },
  networkEngine: engine,
  log: (line) => process.stderr.write(`${line}\n`),
});

const rows: string[] = [
  '| network | transport | sessions ok | first audio p50 / p95 | barge-in detect p50 | talk-over p50 | stalls (mean/turn) | link RTT p50 (measured) | probe loss | TCP retransmits (mean) | WebRTC lost / concealed ms (mean) |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const network of results.samples.map((s) => s.network ?? 'none').filter((v, i, a) => a.indexOf(v) === i)) {
  for (const transport of TRANSPORTS) {
    const cell = results.samples.filter((s) => (s.network ?? 'none') === network && s.transport === transport);
    const first = cell.filter((s) => s.turn === 0);
    const barge = cell.filter((s) => s.turn === 1);
    const okSessions = first.filter((s, i) => s.ok && barge[i]?.ok).length;
    const m = (xs: Sample[], name: string) => nums(xs.map((s) => s.metrics[name]));
    const f = (xs: Sample[], name: string) => nums(xs.map((s) => s.facts?.[name]));
    const tooSlow = first.some((s) => s.facts?.link_realtime === false);
    const fa = m(first, 'first_audio_ms');
    rows.push(
      [
        network,
        transport,
        `${okSessions}/${first.length}`,
        tooSlow ? 'uplink too slow for real time' : `${fmt(p(fa, 50))} / ${fmt(p(fa, 95))}`,
        fmt(p(m(barge, 'barge_in_detect_ms'), 50)),
        fmt(p(m(barge, 'talk_over_ms'), 50)),
        fmt(mean(m(cell, 'playback_stalls')), 2),
        network === 'none' ? '—' : fmt(p(f(first, 'link_rtt_ms'), 50), 1),
        network === 'none' ? '—' : `${fmt(mean(f(first, 'link_probe_loss_pct')), 2)} %`,
        transport === 'ws' && network !== 'none' ? fmt(mean(f(first, 'tcp_retransmits')), 1) : '—',
        transport === 'webrtc' ? `${fmt(mean(f(first, 'webrtc_packets_lost')), 1)} / ${fmt(mean(f(first, 'webrtc_concealed_ms')))}` : '—',
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .replace(/$/, ' |'),
    );
  }
}
const links = (results.run.network ?? []).map((l) => `| ${l.network} | ${l.engine} | ${l.sessions} | ${l.setup_ms} | ${l.teardown_ms} |`);
const text = [
  `Measured ${started} with \`node dist/bench/network.js --repeat ${repeat} --engine ${engine}\` (${results.run.cpus} cores, Node ${results.run.node}); mock first audio fixed at 300 ms.`,
  '',
  ...rows,
  '',
  '| network | engine | sessions | set-up ms | tear-down ms |',
  '|---|---|---|---|---|',
  ...links,
  '',
].join('\n');
process.stdout.write(text);
if (outFile) await writeFile(outFile, text);
