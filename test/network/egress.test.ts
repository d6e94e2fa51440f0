/** The pure parts of the way out to live targets: addresses of the host ↔ gateway veth, the host's ruleset. */
import { describe, expect, it } from 'vitest';
import { blockAddresses, hostRuleset } from '../../src/network/egress.js';

describe('blockAddresses', () => {
  it('gives each index its own /30 in 198.19.0.0/16', () => {
    expect(blockAddresses(0)).toEqual({ host: '198.19.0.1', gateway: '198.19.0.2' });
    expect(blockAddresses(65)).toEqual({ host: '198.19.1.5', gateway: '198.19.1.6' });
    expect(blockAddresses(16383)).toEqual({ host: '198.19.255.253', gateway: '198.19.255.254' });
    // Wraps around: pids above 16383 reuse blocks (a block in use is skipped by the caller).
    expect(blockAddresses(16384)).toEqual(blockAddresses(0));
    expect(blockAddresses(12345)).not.toEqual(blockAddresses(12346));
  });
});

describe('hostRuleset', () => {
  it('masquerades only the gateway, and lets into the run only answers', () => {
    const r = hostRuleset('rtbench_42', 'rtb42h', '198.19.0.170');
    expect(r).toMatch(/^table ip rtbench_42 \{/);
    expect(r).toContain('ip saddr 198.19.0.170 oifname != "rtb42h" masquerade');
    expect(r).toMatch(/oifname "rtb42h" ct state established,related accept\n\s+oifname "rtb42h" drop/);
    expect(r).not.toMatch(/ip saddr 198\.18\.0\.0/);
  });
});
