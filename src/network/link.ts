/**
 * An impaired link for one `--network` value: client, router and server namespaces, joined by the
 * netem engine where the kernel has it and by the userspace engine elsewhere. The run puts the
 * bundled mock in the server namespace and its sessions in the client namespace; {@link NetworkLink.close}
 * removes everything, and a crashed run leaves nothing (see namespaces.ts).
 */
import type { Clock } from '../clock/clock.js';
import { checkNetworkSupport, THIS_MACHINE, type MachineProbe } from './capability.js';
import type { PipeCounters } from './emulator.js';
import { createNamespace, inNamespace, removeNamespace, type Namespace } from './namespaces.js';
import { netemAvailable, openNetem } from './netem.js';
import type { NetworkSpec } from './spec.js';
import { closeUserspace, openUserspace, type UserspaceLink } from './userspace.js';
import { SERVER_ADDRESS } from './addresses.js';

/** Which engine impairs the link; `auto`: netem when the kernel has it. */
export type EngineChoice = 'auto' | 'netem' | 'userspace';
export type Engine = 'netem' | 'userspace';

export interface NetworkLink {
  spec: NetworkSpec;
  engine: Engine;
  client: Namespace;
  router: Namespace;
  server: Namespace;
  /** The client's end of the link (a TUN device or a veth). */
  clientDevice: string;
  /** Where a server in the server namespace listens. */
  serverAddress: string;
  /** Command prefix that runs a program in the client / server namespace. */
  clientWrap: string[];
  serverWrap: string[];
  /** How long building the link took, ms. */
  setupMs: number;
  /** The userspace emulator's counters (null with netem). */
  counters(): Promise<{ up: PipeCounters; down: PipeCounters } | null>;
  /** Removes the link; resolves with how long it took, ms. */
  close(): Promise<number>;
}

export interface OpenLinkOptions {
  spec: NetworkSpec;
  clock: Clock;
  seed?: number;
  engine?: EngineChoice;
  probe?: MachineProbe;
}

/** Builds the link. Throws `NetworkUnavailableError` (exit 2) when the machine cannot. */
export async function openNetworkLink(o: OpenLinkOptions): Promise<NetworkLink> {
  checkNetworkSupport(o.probe ?? THIS_MACHINE);
  const startT = o.clock.now();
  const made: Namespace[] = [];
  let userspace: UserspaceLink | null = null;
  const removeAll = async () => {
    if (userspace) await closeUserspace(userspace);
    await Promise.all(made.map(removeNamespace));
  };
  try {
    for (const role of ['client', 'router', 'server']) made.push(await createNamespace(role));
    const [client, router, server] = made as [Namespace, Namespace, Namespace];
    const choice = o.engine ?? 'auto';
    const engine: Engine = choice === 'auto' ? ((await netemAvailable(router)) ? 'netem' : 'userspace') : choice;
    if (engine === 'netem') await openNetem({ client, router, server }, o.spec);
    else {
      checkNetworkSupport(o.probe ?? THIS_MACHINE, ['socat']);
      userspace = await openUserspace({ client, router, server }, o.spec, o.seed ?? 0);
    }
    const link: NetworkLink = {
      spec: o.spec,
      engine,
      client,
      router,
      server,
      clientDevice: engine === 'netem' ? 'c0' : 'rtb-c',
      serverAddress: SERVER_ADDRESS,
      clientWrap: inNamespace(client),
      serverWrap: inNamespace(server),
      setupMs: round(o.clock.now() - startT),
      counters: async () => (userspace ? userspace.counters() : null),
      close: async () => {
        const closeT = o.clock.now();
        await removeAll();
        return round(o.clock.now() - closeT);
      },
    };
    return link;
  } catch (err) {
    await removeAll();
    throw err;
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
