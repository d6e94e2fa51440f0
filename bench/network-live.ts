/**
 * `node dist/bench/network-live.js [--repeat R] [--engine auto|netem|userspace]`: `--network` with a
 * live target. The "service" is `rtbench mock` (first audio fixed at 300 ms) in a namespace this
 * script creates, on a veth from the host (198.19.255.254) — a stand-in for a remote service;
 * nothing leaves the machine. The sessions cross the impaired link and the host's NAT to reach it,
 * through `runBenchmark` (the code path of `rtbench run --target ws://… --network …`). Prints, per
 * network × transport, the VAD stop delay and first audio (p50), the probes' RTT, each link's
 * set-up/tear-down cost, and whether anything the run added to the host was left. Needs root and nft.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenchmark } from '../src/app/benchmark.js';
import { startMockServerInProcess } from '../src/mock/hosting/worker-server.js';
import { egressLeftovers } from '../src/network/egress.js';
import type { EngineChoice } from '../src/network/link.js';
import { createNamespace, inNamespace, ipBatch, removeNamespace } from '../src/network/namespaces.js';
import type { Sample } from '../src/results/types.js';

const NETWORKS = ['none', '4g', 'rtt=200ms'];
const TRANSPORTS = ['ws', 'webrtc'] as const;
const SERVICE = '198.19.255.254';
const HOST_DEV = `rtbsvc${process.pid}`.slice(0, 15);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const repeat = Number(arg('repeat', '3'));
const engine = arg('engine', 'auto') as EngineChoice;
const median = (v: number[]) => (v.length ? [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]! : null);
const nums = (xs: unknown[]) => xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(0));

const service = await createNamespace('service');
execFileSync('ip', ['link', 'add', HOST_DEV, 'type', 'veth', 'peer', 'name', 'svc0', 'netns', String(service.pid)]);
execFileSync('ip', ['addr', 'add', '198.19.255.253/30', 'dev', HOST_DEV]);
execFileSync('ip', ['link', 'set', HOST_DEV, 'up']);
await ipBatch(service, [`addr add ${SERVICE}/30 dev svc0`, 'link set svc0 up']);
const mock = await startMockServerInProcess(
  { host: SERVICE, port: 0, seed: 1, firstAudioMs: 300, jitterMs: 0 },
  { wrap: inNamespace(service), detached: true },
);
try {
  const forwardBefore = execFileSync('cat', ['/proc/sys/net/ipv4/ip_forward'], { encoding: 'utf8' }).trim();
  const { results } = await runBenchmark({
    audio: ['fixtures/what-time.wav'],
    targets: [`ws://${SERVICE}:${mock.port}/v1/realtime`],
    transports: [...TRANSPORTS],
    networks: NETWORKS,
    repeat,
    out: await mkdtemp(join(tmpdir(), 'rtbench-bench-net-live-')),
    reporters: [],
    stdout: { write: () => true } as never,
    networkEngine: engine,
  });
  const cell = (n: string, t: string) => results.samples.filter((s: Sample) => (s.network ?? 'none') === n && s.transport === t);
  console.log(
    `Measured ${new Date().toISOString().slice(0, 10)} with \`node dist/bench/network-live.js --repeat ${repeat} --engine ${engine}\` (Node ${process.version}); service: rtbench mock, first audio fixed at 300 ms.\n`,
  );
  console.log('| network | transport | sessions ok | VAD stop delay p50 | first audio p50 | link RTT p50 (probes) |');
  console.log('|---|---|---|---|---|---|');
  for (const n of NETWORKS)
    for (const t of TRANSPORTS) {
      const s = cell(n, t);
      console.log(
        `| ${n} | ${t} | ${s.filter((x) => x.ok).length}/${s.length} | ${fmt(median(nums(s.map((x) => x.metrics.vad_stop_delay_ms))))} | ${fmt(median(nums(s.map((x) => x.metrics.first_audio_ms))))} | ${fmt(median(nums(s.map((x) => x.facts?.link_rtt_ms))))} |`,
      );
    }
  console.log('\n| network | engine | set-up ms | tear-down ms | host changes | left on the host afterwards |');
  console.log('|---|---|---|---|---|---|');
  for (const l of results.run.network ?? []) {
    const left = l.egress ? await egressLeftovers(l.egress) : [];
    console.log(
      `| ${l.network} | ${l.engine} | ${l.setup_ms} | ${l.teardown_ms} | veth ${l.egress?.host_device} ${l.egress?.host_address}/30, nft table ${l.egress?.nft_table}, ip_forward turned on: ${l.egress?.ip_forward_changed} | ${left.length ? left.join(', ') : 'nothing'} |`,
    );
  }
  const forwardAfter = execFileSync('cat', ['/proc/sys/net/ipv4/ip_forward'], { encoding: 'utf8' }).trim();
  console.log(`\nnet.ipv4.ip_forward before ${forwardBefore}, after ${forwardAfter}`);
} finally {
  await mock.close().catch(() => undefined);
  execFileSync('ip', ['link', 'del', HOST_DEV], { stdio: 'ignore' });
  await removeNamespace(service);
}
