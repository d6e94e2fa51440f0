/** Helpers for tests that build a real link: root/TUN availability, helper processes in namespaces. */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { checkNetworkSupport } from '../../src/network/capability.js';
import { processesIn } from '../../src/network/namespaces.js';
import type { NetworkLink } from '../../src/network/link.js';
import { startModuleProcess } from '../../src/util/module-worker.js';
import type { FromProbeProcess, ToProbeProcess } from '../../src/network/probe-process.js';

/** Why link tests cannot run here, or null when they can. */
export function linkUnavailable(): string | null {
  try {
    checkNetworkSupport(undefined, ['ip', 'nsenter', 'unshare', 'setpriv', 'sysctl', 'socat']);
  } catch (err) {
    return (err as Error).message;
  }
  if (!existsSync('/dev/net/tun')) return 'no /dev/net/tun';
  return null;
}

const probeModule = new URL('../../src/network/', import.meta.url).href;

/** A probe helper process in a namespace of the link. */
export function probeIn(wrap: string[]): {
  child: ChildProcess;
  ask: (m: ToProbeProcess, want: FromProbeProcess['type']) => Promise<FromProbeProcess>;
  next: (want: FromProbeProcess['type']) => Promise<FromProbeProcess>;
} {
  const child = startModuleProcess(probeModule, 'probe-process', { wrap, detached: true });
  const next = (want: FromProbeProcess['type']) =>
    new Promise<FromProbeProcess>((resolve, reject) => {
      const on = (m: FromProbeProcess) => {
        if (m.type === 'failed') reject(new Error(m.message));
        if (m.type !== want) return;
        child.off('message', on);
        resolve(m);
      };
      child.on('message', on);
    });
  return {
    child,
    next,
    ask: (m, want) => {
      const p = next(want);
      child.send(m);
      return p;
    },
  };
}

/** Closes the link and returns the pids still inside its namespaces (must be none). */
export async function closeAndCheck(link: NetworkLink): Promise<number[]> {
  const ids = new Set([link.client.id, link.router.id, link.server.id]);
  await link.close();
  return processesIn(ids);
}
