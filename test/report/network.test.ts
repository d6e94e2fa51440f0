/** The report's network section: the link asked for next to the facts the samples carry (truth: those facts). */
import { describe, expect, it } from 'vitest';
import { networkLines, networkRows } from '../../src/report/network.js';
import type { RunResults, Sample } from '../../src/results/types.js';

const dir = (delay: number, rate: number) => ({ delay_ms: delay, jitter_ms: 5, loss_pct: 1, burst_packets: 1, rate_kbit: rate, queue_ms: 200 });
const sample = (id: string, transport: string, facts: Sample['facts']): Sample =>
  ({
    id,
    scenario: 's',
    turn: 0,
    target: 'mock',
    model: 'm',
    dialect: 'ga',
    transport,
    network: 'slow',
    settings: {},
    repeat: 1,
    ok: true,
    metrics: {},
    facts,
  }) as Sample;

function results(samples: Sample[]): RunResults {
  return {
    run: { network: [{ network: 'slow', engine: 'userspace', sessions: 2, setup_ms: 1, teardown_ms: 1, up: dir(75, 330), down: dir(75, 780) }] },
    samples,
  } as unknown as RunResults;
}

describe('networkRows', () => {
  it('puts the asked link next to the measured one, per transport, and says when the uplink cannot keep real time', () => {
    const rows = networkRows(
      results([
        sample('a#r1#t0', 'ws', { link_rtt_ms: 150, link_probe_loss_pct: 2, tcp_retransmits: 3, link_realtime: false, link_uplink_needed_kbit: 555 }),
        sample('a#r1#t1', 'ws', { link_rtt_ms: 999, link_probe_loss_pct: 99, tcp_retransmits: 99, link_realtime: false, link_uplink_needed_kbit: 555 }),
        sample('a#r2#t0', 'webrtc', { link_rtt_ms: 160, link_probe_loss_pct: 0, webrtc_packets_lost: 4, webrtc_round_trip_ms: 151, link_realtime: true }),
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]!.asked).toBe('rtt 150 ms ±10 · loss 1 % · down 780 / up 330 kbit/s');
    // One sample per session: the second turn's facts are the same session's, not counted again.
    expect(rows[0]!.measured).toBe('rtt 150 ms (probes) · probe loss 2.0 % · TCP retransmits 3.0/session');
    expect(rows[0]!.note).toMatch(/uplink 330 kbit\/s < 555 kbit\/s needed: cannot keep real time/);
    expect(rows[1]!.measured).toBe('rtt 160 ms (probes) · probe loss 0.0 % · RTP lost 4.0/session · getStats rtt 151 ms');
    expect(rows[1]!.note).toBeNull();
    expect(networkLines(results([sample('b#r1#t0', 'ws', { link_rtt_ms: 150 })]))[0]).toMatch(/^network slow \(ws, userspace\): asked rtt 150 ms/);
  });

  it('says nothing for a run without links', () => {
    expect(networkRows({ run: {}, samples: [] } as unknown as RunResults)).toEqual([]);
  });
});
