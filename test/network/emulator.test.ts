/**
 * The userspace link's model, without sockets. Truths: the direction's parameters; the loss count
 * of n packets at rate p is binomial (95 % interval); a rate cap serialises bytes at its rate.
 */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/util/prng.js';
import { LinkPipe } from '../../src/network/emulator.js';
import type { LinkDirection } from '../../src/network/spec.js';

const dir = (d: Partial<LinkDirection>): LinkDirection => ({ delayMs: 0, jitterMs: 0, lossPct: 0, burstPackets: 1, rateKbit: null, queueMs: 200, ...d });
const rng = (seed: number) => {
  const r = new SeededRandom(seed);
  return () => r.next();
};

function offerEvery(pipe: LinkPipe, n: number, spacingMs: number, bytes = 100): Array<{ t: number; fate: ReturnType<LinkPipe['offer']> }> {
  return Array.from({ length: n }, (_, i) => ({ t: i * spacingMs, fate: pipe.offer(bytes, i * spacingMs) }));
}

describe('LinkPipe', () => {
  it('delays every packet by the one-way delay', () => {
    const out = offerEvery(new LinkPipe(dir({ delayMs: 35 }), rng(1)), 10, 5);
    for (const { t, fate } of out) expect(fate).toEqual({ kind: 'deliver', atMs: t + 35 });
  });

  it('jitter spreads delays within ±jitter, keeps order, and leaves the mean delay near the spec on a busy link', () => {
    const out = offerEvery(new LinkPipe(dir({ delayMs: 35, jitterMs: 5 }), rng(2)), 20_000, 1);
    const delays = out.map(({ t, fate }) => (fate.kind === 'deliver' ? fate.atMs - t : NaN));
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(Math.abs(mean - 35)).toBeLessThan(1);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(30);
    expect(Math.max(...delays)).toBeLessThanOrEqual(40 + 1);
    // Spread exists (the failing case of "jitter": a constant delay).
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(8);
    const at = out.map(({ fate }) => (fate.kind === 'deliver' ? fate.atMs : 0));
    for (let i = 1; i < at.length; i++) expect(at[i]).toBeGreaterThanOrEqual(at[i - 1]!);
  });

  it('independent loss: the count is within the binomial 95 % interval of p, not of p/2', () => {
    const n = 20_000;
    const lost = offerEvery(new LinkPipe(dir({ lossPct: 2 }), rng(3)), n, 1).filter((x) => x.fate.kind === 'lost').length;
    const ci = (p: number) => [n * p - 1.96 * Math.sqrt(n * p * (1 - p)), n * p + 1.96 * Math.sqrt(n * p * (1 - p))];
    const [lo, hi] = ci(0.02);
    expect(lost).toBeGreaterThanOrEqual(lo!);
    expect(lost).toBeLessThanOrEqual(hi!);
    const [lo2, hi2] = ci(0.01);
    expect(lost >= lo2! && lost <= hi2!).toBe(false);
  });

  it('bursty loss keeps the mean rate and makes bursts of the mean length', () => {
    const out = offerEvery(new LinkPipe(dir({ lossPct: 2, burstPackets: 3 }), rng(4)), 200_000, 1);
    const lost = out.map((x) => x.fate.kind === 'lost');
    const rate = lost.filter(Boolean).length / lost.length;
    const bursts: number[] = [];
    let run = 0;
    for (const l of lost) {
      if (l) run++;
      else if (run) {
        bursts.push(run);
        run = 0;
      }
    }
    const meanBurst = bursts.reduce((a, b) => a + b, 0) / bursts.length;
    expect(Math.abs(rate - 0.02)).toBeLessThan(0.002);
    expect(Math.abs(meanBurst - 3)).toBeLessThan(0.2);
    // Independent losses at 2 % have a mean burst near 1: the failing case.
    const indep = offerEvery(new LinkPipe(dir({ lossPct: 2 }), rng(5)), 50_000, 1).map((x) => x.fate.kind === 'lost');
    let runs = 0;
    for (let i = 0; i < indep.length; i++) if (indep[i] && !indep[i - 1]) runs++;
    expect(indep.filter(Boolean).length / runs).toBeLessThan(1.1);
  });

  it('a rate cap serialises at its rate and the queue drops beyond its bound', () => {
    // 1000 kbit/s = 1 bit/µs: a 1250-byte packet takes 10 ms. 100 packets at once: 20 ms of queue fit, the rest drops.
    const pipe = new LinkPipe(dir({ rateKbit: 1000, queueMs: 20 }), rng(6));
    const fates = Array.from({ length: 100 }, () => pipe.offer(1250, 0));
    const delivered = fates.filter((f) => f.kind === 'deliver') as Array<{ atMs: number }>;
    expect(delivered.map((f) => f.atMs)).toEqual([10, 20, 30]);
    expect(fates.filter((f) => f.kind === 'queue-full')).toHaveLength(97);
    expect(pipe.counters.maxBacklogMs).toBeLessThanOrEqual(20);
    // Paced at the cap, nothing queues or drops.
    const paced = new LinkPipe(dir({ rateKbit: 1000, queueMs: 20 }), rng(7));
    const pf = Array.from({ length: 100 }, (_, i) => paced.offer(1250, i * 10));
    expect(pf.every((f) => f.kind === 'deliver')).toBe(true);
  });
});
