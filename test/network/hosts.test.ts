/** Name resolution for live targets over a link: names answered from the run's table, others passed on. */
import dns from 'node:dns';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { hostNamesOf, installHostTable, resolveHosts } from '../../src/network/hosts.js';

const system = dns.lookup;
afterEach(() => {
  (dns as { lookup: unknown }).lookup = system;
});

describe('hostNamesOf', () => {
  it('keeps names, drops IP literals and duplicates', () => {
    expect(
      hostNamesOf(['wss://api.openai.com/v1/realtime?model=x', 'wss://API.openai.com/v1/realtime', 'ws://198.19.0.2:8080/v1/realtime', 'wss://[::1]:1/']),
    ).toEqual(['api.openai.com']);
  });
});

describe('resolveHosts', () => {
  it('asks for IPv4 addresses of each name', async () => {
    const asked: unknown[] = [];
    const lookup = (async (name: string, opts: unknown) => {
      asked.push([name, opts]);
      return [{ address: '198.19.1.2', family: 4 }];
    }) as unknown as typeof dns.promises.lookup;
    expect(await resolveHosts(['svc.test'], lookup)).toEqual({ 'svc.test': ['198.19.1.2'] });
    expect(asked).toEqual([['svc.test', { all: true, family: 4 }]]);
  });

  it('a name that does not resolve stops the link with the name', async () => {
    const lookup = (async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.test'), { code: 'ENOTFOUND' });
    }) as unknown as typeof dns.promises.lookup;
    await expect(resolveHosts(['nowhere.test'], lookup)).rejects.toThrow(/--network: could not resolve nowhere.test/);
  });
});

describe('installHostTable', () => {
  it('fetch and sockets reach a name of the table at its address; other names go to the system resolver', async () => {
    const server = createServer((_q, r) => r.end('served')).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    // The "system" resolver of this test knows nothing (no query leaves the machine).
    (dns as { lookup: unknown }).lookup = (host: string, _o: unknown, cb?: (e: Error) => void) =>
      ((typeof _o === 'function' ? _o : cb) as (e: Error) => void)(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    try {
      installHostTable({ 'service.test': ['127.0.0.1'] });
      expect(await (await fetch(`http://service.test:${port}/`)).text()).toBe('served');
      expect(await (await fetch(`http://SERVICE.test:${port}/`)).text()).toBe('served');
      // The failing case: a name not in the table is not answered from it.
      await expect(fetch(`http://other.test:${port}/`)).rejects.toThrow();
    } finally {
      server.close();
    }
  });
});
