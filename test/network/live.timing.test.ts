/**
 * `--network` with a live target, end to end (root, /dev/net/tun and nft needed; skipped with the
 * reason otherwise). The service is the test's own: `rtbench mock` in a namespace the test creates,
 * reached from the host over a veth (198.19.255.254) — nothing leaves the machine. Known truth: the
 * link's round trip, which the VAD stop delay must grow by (the end of speech goes up the link, the
 * server's speech_stopped comes down) when, and only when, the session crossed the link.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readlink } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import { startMockServerInProcess } from '../../src/mock/hosting/worker-server.js';
import { egressLeftovers } from '../../src/network/egress.js';
import { createNamespace, inNamespace, ipBatch, removeNamespace, type Namespace } from '../../src/network/namespaces.js';
import type { Sample } from '../../src/results/types.js';
import { BIN, requireBuild, tmp } from '../e2e/helpers.js';
import { linkUnavailable } from './link-helpers.js';

function unavailable(): string | null {
  const why = linkUnavailable();
  if (why) return why;
  try {
    execFileSync('nft', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'nft (nftables) not installed';
  }
  return null;
}
const why = unavailable();
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
const HOST_DEV = `rtbsvc${process.pid}`.slice(0, 15);
const SERVICE = '198.19.255.254';

const ipForward = () => readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim();
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const metric = (samples: Sample[], network: string, name: string) =>
  samples.filter((s) => (s.network ?? 'none') === network).map((s) => s.metrics[name] as number);

async function namespacesNow(): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const p of (await readdir('/proc')).filter((d) => /^\d+$/.test(d))) {
    const id = await readlink(`/proc/${p}/ns/net`).catch(() => null);
    if (id) ids.add(id);
  }
  return ids;
}

function hostTables(): string {
  return execFileSync('nft', ['list', 'tables'], { encoding: 'utf8' });
}

describe.skipIf(why !== null)(`--network to a live target through the host${why ? ` (skipped: ${why})` : ''}`, () => {
  let service: Namespace;
  let mock: Awaited<ReturnType<typeof startMockServerInProcess>>;
  let before: Set<string>;
  let forwardBefore: string;

  beforeAll(async () => {
    forwardBefore = ipForward();
    before = await namespacesNow();
    // The stand-in for the service: a namespace of the test's own, on a veth from the host.
    service = await createNamespace('service');
    execFileSync('ip', ['link', 'add', HOST_DEV, 'type', 'veth', 'peer', 'name', 'svc0', 'netns', String(service.pid)]);
    execFileSync('ip', ['addr', 'add', '198.19.255.253/30', 'dev', HOST_DEV]);
    execFileSync('ip', ['link', 'set', HOST_DEV, 'up']);
    await ipBatch(service, [`addr add ${SERVICE}/30 dev svc0`, 'link set svc0 up']);
    mock = await startMockServerInProcess({ host: SERVICE, port: 0, seed: 1, firstAudioMs: 300, jitterMs: 0 }, { wrap: inNamespace(service), detached: true });
  }, 60_000);

  afterAll(async () => {
    await mock?.close().catch(() => undefined);
    // The kernel removes a dead namespace's veth pair lazily: remove the test's own end now.
    execFileSync('ip', ['link', 'del', HOST_DEV], { stdio: 'ignore' });
    if (service) await removeNamespace(service);
    expect(execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' })).not.toContain(HOST_DEV);
    expect([...(await namespacesNow())].filter((id) => !before.has(id))).toEqual([]);
  });

  it('the session crosses the impaired link to the service: the VAD stop delay grows by its round trip; the host is as before afterwards', async () => {
    const target = `ws://${SERVICE}:${mock.port}/v1/realtime`;
    const { results } = await runBenchmark({
      audio: ['fixtures/what-time.wav'],
      targets: [target],
      transports: ['ws', 'webrtc'],
      networks: ['none', 'rtt=200ms'],
      repeat: 3,
      out: tmp('rtbench-net-live-'),
      reporters: [],
      stdout: quiet as never,
      networkEngine: 'userspace',
    });
    for (const s of results.samples) expect(s.ok, s.error).toBe(true);
    const link = results.run.network?.[0];
    expect(link?.network).toBe('rtt=200ms');
    expect(link?.egress?.nft_table).toBe(`rtbench_${process.pid}`);
    expect(link?.egress?.host_address).toMatch(/^198\.19\./);
    expect(link?.egress?.ip_forward_changed).toBe(forwardBefore === '0');
    for (const transport of ['ws', 'webrtc']) {
      const of = results.samples.filter((s) => s.transport === transport);
      const rtt = median(metric(of, 'rtt=200ms', 'vad_stop_delay_ms')) - median(metric(of, 'none', 'vad_stop_delay_ms'));
      // Crossed the link once up and once down: +200 ms, -40 / +40 over ws; over WebRTC libwebrtc's
      // own send and receive paths spread by up to +100 ms on this loaded machine (+211 and +255 ms
      // measured). Not crossing it (0) or crossing it twice (400) fails either way.
      const over = transport === 'ws' ? 40 : 100;
      expect(rtt, `${transport}: VAD stop +${rtt} ms`).toBeGreaterThan(200 - 40);
      expect(rtt, `${transport}: VAD stop +${rtt} ms`).toBeLessThan(200 + over);
      const probe = median(of.filter((s) => s.network === 'rtt=200ms').map((s) => s.facts!.link_rtt_ms as number));
      expect(Math.abs(probe - 200), `${transport}: link RTT ${probe} ms`).toBeLessThan(25);
    }
    // Everything the run added to the host is gone.
    expect(await egressLeftovers(link!.egress!)).toEqual([]);
    expect(hostTables()).not.toContain(`rtbench_${process.pid}`);
    expect(ipForward()).toBe(forwardBefore);
  }, 180_000);

  it('a target nothing answers on: exit 3 with the reason, not a hang; nothing left on the host', async () => {
    requireBuild();
    const out = tmp('rtbench-net-live-');
    // The service's address, a port nobody listens on.
    const child = spawn(
      process.execPath,
      [
        BIN,
        'run',
        '--audio',
        'fixtures/what-time.wav',
        '--target',
        `ws://${SERVICE}:9/v1/realtime`,
        '--network',
        'rtt=40ms',
        '--reporter',
        'json',
        '--out',
        out,
      ],
      { env: { ...process.env, NO_COLOR: '1' } },
    );
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code, text).toBe(3);
    expect(text).toMatch(/ECONNREFUSED|refused/i);
    expect(hostTables()).not.toContain(`rtbench_${child.pid}`);
    expect(ipForward()).toBe(forwardBefore);
    const manifest = JSON.parse(readFileSync(`${out}/run.json`, 'utf8')) as { network_links?: { egress?: { host_device: string } }[] };
    const dev = manifest.network_links?.[0]?.egress?.host_device;
    expect(dev).toMatch(/^rtb\d+h$/);
    expect(execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' })).not.toContain(`${dev}:`);
  }, 60_000);

  it('SIGKILL of the run mid-session: its guard removes the veth and the nft table, the namespaces go', async () => {
    requireBuild();
    const child = spawn(
      process.execPath,
      [
        BIN,
        'run',
        '--audio',
        'fixtures/what-time.wav',
        '--target',
        `ws://${SERVICE}:${mock.port}/v1/realtime`,
        '--repeat',
        '5',
        '--network',
        'rtt=40ms',
        '--reporter',
        'json',
        '--out',
        tmp('rtbench-net-live-'),
      ],
      { env: { ...process.env, NO_COLOR: '1' } },
    );
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    for (let i = 0; i < 600 && !/link built/.test(text); i++) await new Promise((r) => setTimeout(r, 50));
    expect(text).toMatch(/live targets through the host/);
    const table = `rtbench_${child.pid}`;
    expect(hostTables()).toContain(table);
    await new Promise((r) => setTimeout(r, 1000));
    child.kill('SIGKILL');
    await exited;
    // The guard runs once the kernel closes its pipe: table, veth, then forwarding, in that order.
    const restored = () => !hostTables().includes(table) && ipForward() === forwardBefore;
    for (let i = 0; i < 100 && !restored(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(hostTables()).not.toContain(table);
    expect(execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' })).not.toMatch(new RegExp(`rtb${child.pid}h`));
    expect(ipForward()).toBe(forwardBefore);
  }, 60_000);
});
