/** `--network` values: truths are the documented profile numbers and the spec grammar. */
import { describe, expect, it } from 'vitest';
import { checkNetworkSupport, type MachineProbe } from '../../src/network/capability.js';
import { netemCommands } from '../../src/network/netem.js';
import { PROFILES, PROFILE_NAMES } from '../../src/network/profiles.js';
import { parseNetwork, parseNetworks, rttOf } from '../../src/network/spec.js';

describe('parseNetwork', () => {
  it('none is no link; profiles split their round trip and jitter over the two directions', () => {
    expect(parseNetwork('none')).toBeNull();
    const g = parseNetwork('4g')!;
    expect(g.name).toBe('4g');
    expect(g.up).toEqual({ delayMs: 35, jitterMs: 5, lossPct: 0.5, burstPackets: 1, rateKbit: 12000, queueMs: 200 });
    expect(rttOf(g)).toBe(70);
    const slow = parseNetwork('3g-slow')!;
    expect([slow.down.rateKbit, slow.up.rateKbit, rttOf(slow), slow.up.lossPct]).toEqual([780, 330, 200, 1]);
    const wifi = parseNetwork('wifi-lossy')!;
    expect([wifi.up.lossPct, wifi.up.burstPackets]).toEqual([2, 3]);
    for (const name of PROFILE_NAMES) expect(rttOf(parseNetwork(name)!)).toBe(PROFILES[name].rttMs);
  });

  it('a spec sets both directions, or each one', () => {
    const s = parseNetwork('rtt=150ms,jitter=10ms,loss=1%,down=1600kbit,up=750kbit')!;
    expect(s.up).toEqual({ delayMs: 75, jitterMs: 5, lossPct: 1, burstPackets: 1, rateKbit: 750, queueMs: 200 });
    expect(s.down.rateKbit).toBe(1600);
    expect(s.name).toBe('rtt=150ms,jitter=10ms,loss=1%,down=1600kbit,up=750kbit');
    const d = parseNetwork('delay_up=40ms,delay_down=10ms,loss_up=2%,rate=1.5mbit,queue=1s,burst=4')!;
    expect([d.up.delayMs, d.down.delayMs, d.up.lossPct, d.down.lossPct, d.up.rateKbit, d.down.queueMs, d.down.burstPackets]).toEqual([
      40, 10, 2, 0, 1500, 1000, 4,
    ]);
    // The same link written in another order is one name (one cell).
    expect(parseNetwork('up=750kbit,rtt=150ms')!.name).toBe(parseNetwork('rtt=150ms,up=750kbit')!.name);
  });

  it.each([
    ['', /empty value/],
    ['5g', /unknown profile/],
    ['rtt=150', /rtt=150: expected a duration/],
    ['loss=1', /expected a percentage/],
    ['loss=100%', /below 100%/],
    ['up=fast', /expected a rate/],
    ['speed=1mbit', /unknown key "speed"/],
    ['rtt=10ms,rtt=20ms', /given twice/],
    ['rate=1mbit,up=1mbit', /not both/],
    ['rtt=10ms,jitter=30ms', /jitter .* larger than its one-way delay/],
    ['burst=0', /burst length/],
  ])('rejects %j with a clear message', (value, message) => {
    expect(() => parseNetwork(value)).toThrow(message);
    try {
      parseNetwork(value);
    } catch (err) {
      expect((err as { code: string }).code).toBe('NETWORK_INVALID');
    }
  });

  it('parseNetworks drops duplicates', () => {
    expect(parseNetworks(['none', '4g', '4g', 'none']).map((s) => s?.name ?? 'none')).toEqual(['none', '4g']);
  });
});

describe('netem command lines', () => {
  it('delay, jitter, loss model and tbf rate as the direction says', () => {
    const up = parseNetwork('wifi-lossy')!.up;
    const [netem, tbf] = netemCommands('r-s', up);
    expect(netem!.join(' ')).toBe('qdisc add dev r-s root handle 1: netem limit 10000 delay 20ms 4ms loss gemodel 0.680272% 33.3333% 100% 0%');
    expect(tbf!.join(' ')).toBe('qdisc add dev r-s parent 1:1 handle 10: tbf rate 10000kbit burst 12500 latency 200ms');
    expect(netemCommands('r-c', parseNetwork('rtt=10ms,loss=1%')!.down).map((c) => c.join(' '))).toEqual([
      'qdisc add dev r-c root handle 1: netem limit 10000 delay 5ms loss random 1%',
    ]);
  });
});

describe('checkNetworkSupport', () => {
  const machine = (o: Partial<MachineProbe>): MachineProbe => ({ platform: 'linux', capEff: () => '000001ffffffffff', has: () => true, ...o });
  it('passes as root on Linux with the tools', () => {
    expect(() => checkNetworkSupport(machine({}))).not.toThrow();
  });
  it.each([
    [{ platform: 'darwin' }, /needs Linux/],
    [{ capEff: () => '0000000000000000' }, /CAP_NET_ADMIN and CAP_SYS_ADMIN/],
    [{ capEff: () => '0000000000001000' }, /needs CAP_SYS_ADMIN/],
    [{ has: (p: string) => p !== 'nsenter' }, /needs nsenter on the PATH/],
  ])('refuses %o with what is needed (exit 2)', (o, message) => {
    expect(() => checkNetworkSupport(machine(o as Partial<MachineProbe>))).toThrow(message);
    try {
      checkNetworkSupport(machine(o as Partial<MachineProbe>));
    } catch (err) {
      expect((err as { code: string }).code).toBe('NETWORK_UNAVAILABLE');
    }
  });
});
