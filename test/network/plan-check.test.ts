/** `--network` with live targets: what is refused before anything runs. */
import { describe, expect, it } from 'vitest';
import { checkNetworkPlan } from '../../src/app/network-run.js';
import type { Plan } from '../../src/scenario/types.js';

const plan = (target: string, network = '4g'): Plan => ({ sessions: [{ id: 's', target, network }] }) as unknown as Plan;

describe('checkNetworkPlan (live targets)', () => {
  it('refuses a target on the host loopback (the client namespace has its own): exit 2 with the reason', () => {
    for (const url of ['ws://127.0.0.1:8080/v1/realtime', 'wss://localhost/v1/realtime', 'ws://[::1]:1/']) {
      expect(() => checkNetworkPlan(plan(url), { virtual: false }), url).toThrow(
        expect.objectContaining({ code: 'USAGE', message: expect.stringMatching(/loopback, which the link's client namespace does not share/) }),
      );
    }
    expect(() => checkNetworkPlan(plan('mock'), { virtual: false, mockUrl: 'ws://127.0.0.1:9000/v1/realtime' })).toThrow(/loopback/);
  });

  it('lets a live target through (what remains is whether this machine can build the link)', () => {
    for (const t of ['openai', 'azure', 'ws://198.19.255.254:8080/v1/realtime']) {
      expect(() => checkNetworkPlan(plan(t), { virtual: false })).not.toThrow(/loopback|only the bundled mock/);
    }
    // Without a link nothing is checked at all.
    expect(() => checkNetworkPlan(plan('ws://127.0.0.1:1/', 'none'), { virtual: false })).not.toThrow();
  });
});
