/**
 * A link's way out to a live target (OpenAI, Azure, a relay, `--mock-url`): the far end of the
 * impaired link (the server namespace) becomes the client's gateway and reaches the host over a
 * veth pair, and the host forwards and masquerades its traffic. The impaired link is then the
 * user's last mile in front of the real service.
 *
 *   client ns ──impaired link──▶ server ns (gateway, NAT) ──veth──▶ host (forward, NAT) ──▶ target
 *
 * What this adds to the host — the veth's host end, an nftables table named after the run's pid,
 * and `net.ipv4.ip_forward=1` if it was off — is removed by {@link closeEgress}, and, whatever
 * ends the run (SIGINT, SIGTERM, a crash, SIGKILL), by a guard process that waits on a pipe from
 * the run and undoes it all when the pipe closes. The veth pair also dies with the server namespace.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { CLIENT_ADDRESS, SERVER_ADDRESS } from './addresses.js';
import { execIn, ipBatch, type Namespace } from './namespaces.js';

const run = promisify(execFile);

const IP_FORWARD = '/proc/sys/net/ipv4/ip_forward';
/** Every host table of a run is named `rtbench_<pid>`: a later run sweeps those of dead pids. */
export const TABLE_PREFIX = 'rtbench_';
/** The gateway's end of the veth, inside the server namespace. */
const GATEWAY_DEV = 'rtb-up';
/** /30 blocks for the host ↔ gateway veth come from 198.19.0.0/16 (the upper half of 198.18.0.0/15). */
const BLOCKS = 16384;

/** What the egress changed on the host (recorded in run.json). */
export interface EgressInfo {
  /** The veth's host end and its address; the gateway's address on the same /30. */
  host_device: string;
  host_address: string;
  gateway_address: string;
  /** The nftables table added on the host. */
  nft_table: string;
  /** Whether `net.ipv4.ip_forward` was off and the run turned it on (and turns it off again). */
  ip_forward_changed: boolean;
}

export interface Egress {
  info: EgressInfo;
  guard: ChildProcess;
}

/** The /30 block for `index`: host end `.1`, gateway `.2` (exported for tests). */
export function blockAddresses(index: number): { host: string; gateway: string } {
  const i = ((index % BLOCKS) + BLOCKS) % BLOCKS;
  const base = `198.19.${i >> 6}.${(i & 63) * 4}`;
  const [a, b, c, d] = base.split('.').map(Number) as [number, number, number, number];
  return { host: `${a}.${b}.${c}.${d + 1}`, gateway: `${a}.${b}.${c}.${d + 2}` };
}

/** The host's nftables ruleset of one run (exported for tests of its text). */
export function hostRuleset(table: string, dev: string, gateway: string): string {
  return [
    `table ip ${table} {`,
    // The gateway's traffic leaves with the host's address on whichever interface it takes.
    '  chain postrouting {',
    '    type nat hook postrouting priority srcnat; policy accept;',
    `    ip saddr ${gateway} oifname != "${dev}" masquerade`,
    '  }',
    // Into the run's namespaces only the answers to what they opened.
    '  chain forward {',
    '    type filter hook forward priority filter; policy accept;',
    `    iifname "${dev}" ip saddr ${gateway} accept`,
    `    oifname "${dev}" ct state established,related accept`,
    `    oifname "${dev}" drop`,
    `    iifname "${dev}" drop`,
    '  }',
    '}',
  ].join('\n');
}

/** Builds the way out for the link's client through its server namespace and the host. */
export async function openEgress(ns: { client: Namespace; server: Namespace }, clientDev: string): Promise<Egress> {
  await sweepStaleTables();
  const pid = process.pid;
  const table = `${TABLE_PREFIX}${pid}`;
  const hostDev = `rtb${pid}h`.slice(0, 15);
  const used = (await run('ip', ['-o', '-4', 'addr', 'show'])).stdout;
  let index = pid;
  while (used.includes(` ${blockAddresses(index).host}/`) || used.includes(` ${blockAddresses(index).gateway}/`)) index++;
  const { host, gateway } = blockAddresses(index);
  const forwardWas = (await readFile(IP_FORWARD, 'utf8')).trim();
  const info: EgressInfo = { host_device: hostDev, host_address: host, gateway_address: gateway, nft_table: table, ip_forward_changed: forwardWas === '0' };
  // The guard first, so that whatever follows is undone however the run ends.
  const guard = startGuard(info);
  try {
    await run('ip', ['link', 'add', hostDev, 'type', 'veth', 'peer', 'name', GATEWAY_DEV, 'netns', String(ns.server.pid)]);
    await run('ip', ['addr', 'add', `${host}/30`, 'dev', hostDev]);
    await run('ip', ['link', 'set', hostDev, 'up']);
    await nft(hostRuleset(table, hostDev, gateway));
    if (info.ip_forward_changed) await writeFile(IP_FORWARD, '1\n');
    await ipBatch(ns.server, [`addr add ${gateway}/30 dev ${GATEWAY_DEV}`, `link set ${GATEWAY_DEV} up`, `route add default via ${host} dev ${GATEWAY_DEV}`]);
    await execIn(ns.server, ['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1']);
    // The client's address stays inside the run: the gateway masquerades it behind its own.
    await execIn(
      ns.server,
      ['nft', '-f', '-'],
      `table ip rtbench {\n  chain postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n    ip saddr ${CLIENT_ADDRESS} oifname "${GATEWAY_DEV}" masquerade\n  }\n}\n`,
    );
    await ipBatch(ns.client, [`route add default via ${SERVER_ADDRESS} dev ${clientDev}`]);
    return { info, guard };
  } catch (err) {
    await closeEgress({ info, guard });
    throw err;
  }
}

/** Undoes what {@link openEgress} changed on the host, and waits until it is done. */
export async function closeEgress(e: Egress): Promise<void> {
  if (e.guard.exitCode !== null || e.guard.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => e.guard.once('exit', () => resolve()));
  e.guard.stdin?.end();
  await exited;
}

/** Host traces of the run still present: the veth and the table (for tests and a last check). */
export async function egressLeftovers(info: EgressInfo): Promise<string[]> {
  const left: string[] = [];
  const links = (await run('ip', ['-o', 'link', 'show'])).stdout;
  if (links.includes(` ${info.host_device}@`) || links.includes(` ${info.host_device}:`)) left.push(`veth ${info.host_device}`);
  if ((await nftTables()).includes(info.nft_table)) left.push(`nft table ${info.nft_table}`);
  return left;
}

/**
 * A detached shell that ignores signals and waits for its stdin to close — the run ending, however
 * it ends — then removes the run's table and veth, and turns forwarding off again if the run turned
 * it on and no other run's table is left.
 */
function startGuard(info: EgressInfo): ChildProcess {
  const restore = info.ip_forward_changed ? `nft list tables 2>/dev/null | grep -q ' ${TABLE_PREFIX}' || echo 0 > ${IP_FORWARD}` : 'true';
  const script = `trap '' INT TERM HUP; cat >/dev/null; nft delete table ip ${info.nft_table} 2>/dev/null; ip link del ${info.host_device} 2>/dev/null; ${restore}`;
  const guard = spawn('sh', ['-c', script], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  guard.unref();
  (guard.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return guard;
}

async function nft(ruleset: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = execFile('nft', ['-f', '-'], (err, _out, stderr) => (err ? reject(new Error(`nft: ${(stderr || err.message).trim()}`)) : resolve()));
    child.stdin!.end(ruleset + '\n');
  });
}

async function nftTables(): Promise<string[]> {
  const out = (await run('nft', ['list', 'tables']).catch(() => ({ stdout: '' }))).stdout;
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[2] ?? '')
    .filter(Boolean);
}

/** Removes tables of runs whose process is gone (only if their guard was killed too, e.g. by `kill -9` of the whole group). */
async function sweepStaleTables(): Promise<void> {
  for (const name of await nftTables()) {
    if (!name.startsWith(TABLE_PREFIX)) continue;
    const pid = Number(name.slice(TABLE_PREFIX.length));
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const alive = await readFile(`/proc/${pid}/stat`).then(
      () => true,
      () => false,
    );
    if (!alive) await run('nft', ['delete', 'table', 'ip', name]).catch(() => undefined);
  }
}
