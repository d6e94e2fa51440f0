/**
 * What an impaired link needs from the machine: Linux, CAP_NET_ADMIN and CAP_SYS_ADMIN (to create
 * namespaces and devices — root has both), and the programs the link runs. Without them a run
 * with `--network` stops before anything runs (exit 2) instead of running unimpaired.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { RtbenchError } from '../errors.js';

/** The machine cannot build the link (exit 2). */
export class NetworkUnavailableError extends RtbenchError<'NETWORK_UNAVAILABLE'> {
  static readonly codes = ['NETWORK_UNAVAILABLE'] as const;
  constructor(message: string) {
    super('NETWORK_UNAVAILABLE', message);
    this.name = 'NetworkUnavailableError';
  }
}

const CAP_NET_ADMIN = 12;
const CAP_SYS_ADMIN = 21;
/** Programs every engine runs (util-linux and iproute2). */
const BASE_TOOLS = ['ip', 'nsenter', 'unshare', 'setpriv', 'sysctl'];

const HOW =
  'run it as root (sudo rtbench run … on a CI runner or your machine), or in a container with the NET_ADMIN and SYS_ADMIN capabilities (a Kubernetes Job: securityContext.capabilities.add), see docs/network.md';

/** What {@link checkNetworkSupport} looks at (injectable for tests). */
export interface MachineProbe {
  platform: string;
  /** The `CapEff:` line's hex value of /proc/self/status. */
  capEff: () => string | null;
  /** Whether a program is on the PATH. */
  has: (program: string) => boolean;
}

/** The real machine. */
export const THIS_MACHINE: MachineProbe = {
  platform: process.platform,
  capEff: () => /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? null,
  has: (program) => (process.env.PATH ?? '').split(delimiter).some((dir) => executable(join(dir, program))),
};

/** Throws {@link NetworkUnavailableError} saying what is missing; `socat` is needed only by the userspace engine. */
export function checkNetworkSupport(probe: MachineProbe = THIS_MACHINE, tools: readonly string[] = [...BASE_TOOLS, 'tc']): void {
  if (probe.platform !== 'linux')
    throw new NetworkUnavailableError(
      `--network needs Linux (network namespaces); this is ${probe.platform}. Run it in a Linux VM, container or CI runner with the NET_ADMIN capability.`,
    );
  const hex = probe.capEff();
  const caps = hex ? BigInt(`0x${hex}`) : 0n;
  const missing = [CAP_NET_ADMIN, CAP_SYS_ADMIN].filter((bit) => !(caps & (1n << BigInt(bit))));
  if (missing.length) {
    const names = missing.map((b) => (b === CAP_NET_ADMIN ? 'CAP_NET_ADMIN' : 'CAP_SYS_ADMIN')).join(' and ');
    throw new NetworkUnavailableError(`--network needs ${names} to create network namespaces: ${HOW}`);
  }
  const absent = tools.filter((t) => !probe.has(t));
  if (absent.length)
    throw new NetworkUnavailableError(
      `--network needs ${absent.join(', ')} on the PATH (Debian/Ubuntu: apt-get install iproute2 util-linux${absent.includes('socat') ? ' socat' : ''}${absent.includes('nft') ? ' nftables' : ''})`,
    );
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
