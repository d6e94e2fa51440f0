/**
 * The userspace engine (Mahimahi's design), for kernels without `sch_netem`: the client's and the
 * server's namespaces each get a TUN device whose packets `socat` carries, one datagram per IP
 * packet, to the emulator process in the router namespace over its loopback. The TUN devices are
 * created in the router namespace (where `socat` runs) and then moved into their namespaces, so
 * the client and server namespaces hold nothing but loopback and their end of the link.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { startModuleProcess } from '../util/module-worker.js';
import type { LinkPorts, FromLinkProcess, ToLinkProcess } from './link-protocol.js';
import { execIn, inNamespace, ipBatch, stopChild, type Namespace } from './namespaces.js';
import type { PipeCounters } from './emulator.js';
import type { NetworkSpec } from './spec.js';
import { CLIENT_ADDRESS, LINK_PREFIX, SERVER_ADDRESS } from './addresses.js';

/** The router's loopback is its own: fixed ports cannot collide with anything. */
const PORTS: LinkPorts = { clientEmu: 40001, clientTun: 40002, serverEmu: 40003, serverTun: 40004 };
const TUN = { client: 'rtb-c', server: 'rtb-s' } as const;
const READY_TIMEOUT_MS = 10_000;

/** What the userspace engine started; {@link closeUserspace} ends it. */
export interface UserspaceLink {
  emulator: ChildProcess;
  bridges: ChildProcess[];
  counters(): Promise<{ up: PipeCounters; down: PipeCounters } | null>;
}

/** Builds the link between `client` and `server` through `router`. */
export async function openUserspace(ns: { client: Namespace; router: Namespace; server: Namespace }, spec: NetworkSpec, seed: number): Promise<UserspaceLink> {
  const emulator = startModuleProcess(import.meta.url, 'link-process', { wrap: inNamespace(ns.router), detached: true });
  const link: UserspaceLink = { emulator, bridges: [], counters: () => countersOf(emulator) };
  try {
    await startEmulator(emulator, spec, seed);
    for (const side of ['client', 'server'] as const) {
      const emuPort = side === 'client' ? PORTS.clientEmu : PORTS.serverEmu;
      const tunPort = side === 'client' ? PORTS.clientTun : PORTS.serverTun;
      const [cmd, ...args] = [
        ...inNamespace(ns.router),
        'socat',
        '-b65536',
        `TUN,tun-name=${TUN[side]},tun-type=tun,iff-no-pi`,
        // Unconnected UDP: an ICMP error on the loopback never ends the bridge.
        `UDP-DATAGRAM:127.0.0.1:${emuPort},bind=127.0.0.1:${tunPort}`,
      ];
      const bridge = spawn(cmd!, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
      link.bridges.push(bridge);
      await waitForDevice(ns.router, TUN[side], bridge);
      const address = side === 'client' ? CLIENT_ADDRESS : SERVER_ADDRESS;
      const target = ns[side];
      await ipBatch(ns.router, [`link set ${TUN[side]} netns ${target.pid}`]);
      // No IPv6 on the link: its neighbour discovery would be the only other traffic on it.
      await execIn(target, ['sysctl', '-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1']);
      await ipBatch(target, [`addr add ${address}/${LINK_PREFIX} dev ${TUN[side]}`, `link set ${TUN[side]} mtu 1500 up`]);
    }
    return link;
  } catch (err) {
    await closeUserspace(link);
    throw err;
  }
}

/** Stops the bridges and the emulator. */
export async function closeUserspace(link: UserspaceLink): Promise<void> {
  await Promise.all([...link.bridges, link.emulator].map((c) => stopChild(c)));
}

function startEmulator(emulator: ChildProcess, spec: NetworkSpec, seed: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the link emulator did not start within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    const done = (err?: Error) => {
      clearTimeout(timer);
      emulator.off('message', onMessage);
      if (err) reject(err);
      else resolve();
    };
    const onMessage = (m: FromLinkProcess) => {
      if (m.type === 'ready') done();
      else if (m.type === 'failed') done(new Error(`the link emulator: ${m.message}`));
    };
    emulator.on('message', onMessage);
    emulator.once('exit', (code) => done(new Error(`the link emulator exited (code ${code})`)));
    emulator.once('error', (err) => done(err));
    emulator.send({ type: 'start', spec, seed, ports: PORTS } satisfies ToLinkProcess);
  });
}

function countersOf(emulator: ChildProcess): Promise<{ up: PipeCounters; down: PipeCounters } | null> {
  if (!emulator.connected) return Promise.resolve(null);
  return new Promise((resolve) => {
    const onMessage = (m: FromLinkProcess) => {
      if (m.type !== 'counters') return;
      emulator.off('message', onMessage);
      resolve({ up: m.up, down: m.down });
    };
    emulator.on('message', onMessage);
    emulator.send({ type: 'counters' } satisfies ToLinkProcess);
  });
}

async function waitForDevice(router: Namespace, name: string, bridge: ChildProcess): Promise<void> {
  let stderr = '';
  bridge.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  for (let i = 0; i < 400; i++) {
    if (bridge.exitCode !== null) throw new Error(`socat (TUN bridge) exited: ${stderr.trim() || `code ${bridge.exitCode}`}`);
    const out = await execIn(router, ['ip', '-o', 'link', 'show']).catch(() => '');
    if (out.includes(`: ${name}:`)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`TUN device ${name} did not appear: ${stderr.trim()}`);
}
