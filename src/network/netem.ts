/**
 * The netem engine, for kernels with `sch_netem` (GitHub-hosted runners have it): veth pairs join
 * the client's and the server's namespaces to a bridge in the router namespace, and each bridge
 * port's egress carries a `netem` qdisc (delay, jitter, loss) with a `tbf` below it (rate cap,
 * bounded queue) — the router impairs each direction on its way out.
 */
import { CLIENT_ADDRESS, LINK_PREFIX, SERVER_ADDRESS } from './addresses.js';
import { execIn, ipBatch, type Namespace } from './namespaces.js';
import { lossModel } from './loss-model.js';
import type { LinkDirection, NetworkSpec } from './spec.js';

/** Smallest tbf bucket: one full-size packet and a little more (the kernel refuses less than an MTU). */
const MIN_BURST_BYTES = 3200;

/** Whether the kernel has netem: a qdisc added (and removed) on the router's loopback. */
export async function netemAvailable(router: Namespace): Promise<boolean> {
  try {
    await execIn(router, ['tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '0ms']);
    await execIn(router, ['tc', 'qdisc', 'del', 'dev', 'lo', 'root']);
    return true;
  } catch {
    return false;
  }
}

/** Builds the link with veths, a bridge and netem + tbf on the router's two egresses. */
export async function openNetem(ns: { client: Namespace; router: Namespace; server: Namespace }, spec: NetworkSpec): Promise<void> {
  await ipBatch(ns.router, [
    'link add br0 type bridge',
    'link add r-c type veth peer name c0',
    'link add r-s type veth peer name s0',
    `link set c0 netns ${ns.client.pid}`,
    `link set s0 netns ${ns.server.pid}`,
    'link set r-c master br0',
    'link set r-s master br0',
    'link set r-c up',
    'link set r-s up',
    'link set br0 up',
  ]);
  for (const [target, dev, address] of [
    [ns.client, 'c0', CLIENT_ADDRESS],
    [ns.server, 's0', SERVER_ADDRESS],
  ] as const) {
    await execIn(target, ['sysctl', '-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1']);
    await ipBatch(target, [`addr add ${address}/${LINK_PREFIX} dev ${dev}`, `link set ${dev} up`]);
  }
  // Towards the server: the uplink; towards the client: the downlink.
  await impair(ns.router, 'r-s', spec.up);
  await impair(ns.router, 'r-c', spec.down);
}

/** `tc` commands that impair one egress as `d` says (exported for tests of the command lines). */
export function netemCommands(dev: string, d: LinkDirection): string[][] {
  const netem = ['qdisc', 'add', 'dev', dev, 'root', 'handle', '1:', 'netem', 'limit', '10000', 'delay', `${d.delayMs}ms`];
  if (d.jitterMs) netem.push(`${d.jitterMs}ms`);
  const loss = lossModel(d);
  if (loss) netem.push('loss', ...(loss.burst ? ['gemodel', `${pct(loss.goodToBad)}%`, `${pct(loss.badToGood)}%`, '100%', '0%'] : ['random', `${d.lossPct}%`]));
  const cmds = [netem];
  if (d.rateKbit !== null) {
    const burstBytes = Math.max(MIN_BURST_BYTES, Math.round((d.rateKbit * 1000) / 8 / 100));
    cmds.push([
      'qdisc',
      'add',
      'dev',
      dev,
      'parent',
      '1:1',
      'handle',
      '10:',
      'tbf',
      'rate',
      `${d.rateKbit}kbit`,
      'burst',
      String(burstBytes),
      'latency',
      `${d.queueMs}ms`,
    ]);
  }
  return cmds;
}

async function impair(router: Namespace, dev: string, d: LinkDirection): Promise<void> {
  for (const cmd of netemCommands(dev, d)) await execIn(router, ['tc', ...cmd]);
}

function pct(p: number): string {
  return (p * 100).toPrecision(6).replace(/\.?0+$/, '');
}
