/**
 * Name resolution for sessions over a link to a live target. The client namespace shares the
 * host's /etc/resolv.conf, which often names a resolver on the host's own loopback (systemd-resolved's
 * 127.0.0.53) that the namespace cannot reach. So the run resolves the targets' host names in its
 * own namespace before the link's sessions start and hands the addresses to the session process,
 * which answers those names from them; the sessions then connect by name (TLS still checks the name)
 * through the impaired link. Names the run did not know of fall through to the system resolver.
 */
import dns from 'node:dns';
import { isIP } from 'node:net';
import { RtbenchError } from '../errors.js';

/** Host name → its IPv4 addresses (the link carries IPv4 only). */
export type HostTable = Record<string, string[]>;

/** The host names in these URLs that need resolving (IP literals do not). */
export function hostNamesOf(urls: readonly string[]): string[] {
  const names = new Set<string>();
  for (const u of urls) {
    const host = new URL(u).hostname.replace(/^\[|\]$/g, '');
    if (!isIP(host)) names.add(host.toLowerCase());
  }
  return [...names];
}

/** Resolves each name to its IPv4 addresses here (the host's resolver, /etc/hosts included). */
export async function resolveHosts(names: readonly string[], lookup = dns.promises.lookup): Promise<HostTable> {
  const table: HostTable = {};
  for (const name of names) {
    let found: { address: string }[];
    try {
      found = await lookup(name, { all: true, family: 4 });
    } catch (err) {
      // No session can reach the target: the target failed (exit 3).
      throw new RtbenchError('CONNECT_FAILED', `--network: could not resolve ${name}: ${(err as Error).message}`);
    }
    table[name] = found.map((a) => a.address);
  }
  return table;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** Makes this process answer the table's names from it (every socket API resolves through `dns.lookup`). */
export function installHostTable(table: HostTable): void {
  const system = dns.lookup;
  const patched = function (host: string, options: unknown, callback?: LookupCallback): void {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
    const opts = (typeof options === 'object' && options !== null ? options : typeof options === 'number' ? { family: options } : {}) as dns.LookupOptions;
    const known = table[host.toLowerCase()];
    if (!known?.length || opts.family === 6) {
      (system as (...a: unknown[]) => void)(host, options, callback);
      return;
    }
    process.nextTick(() =>
      opts.all
        ? cb(
            null,
            known.map((address) => ({ address, family: 4 })),
          )
        : cb(null, known[0]!, 4),
    );
  };
  (dns as { lookup: unknown }).lookup = patched;
}
